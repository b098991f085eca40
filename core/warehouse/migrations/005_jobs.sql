-- 005: the scheduler's and the mailer's records. One row per job run (scheduled, manual or
-- catch-up), one per attempt of a run, and one per report email. Times are UTC. Error text is
-- the product's own (a code and a message that quote no data), never a raw exception.

CREATE TABLE job_run (
  run_id        VARCHAR PRIMARY KEY,
  job_id        VARCHAR NOT NULL,
  trigger       VARCHAR NOT NULL,       -- schedule | manual | catch-up
  scheduled_for TIMESTAMP,              -- the schedule slot this run took; NULL for a manual run
  started_at    TIMESTAMP NOT NULL,
  ended_at      TIMESTAMP,              -- NULL while running
  status        VARCHAR NOT NULL,       -- running | succeeded | failed | interrupted
  attempts_n    INTEGER NOT NULL,
  error_code    VARCHAR,
  error_message VARCHAR
);

CREATE INDEX job_run_job ON job_run (job_id);

CREATE TABLE job_attempt (
  run_id        VARCHAR NOT NULL,
  attempt_n     INTEGER NOT NULL,
  started_at    TIMESTAMP NOT NULL,
  ended_at      TIMESTAMP NOT NULL,
  status        VARCHAR NOT NULL,       -- succeeded | failed
  error_code    VARCHAR,
  error_message VARCHAR,
  retry_in_ms   BIGINT,                 -- the wait before the next attempt; NULL when none follows
  PRIMARY KEY (run_id, attempt_n)
);

-- Report emails. Recipient addresses are kept here for the audit trail (they are staff and
-- board members, not patients); logs carry only their count.
CREATE TABLE mail_log (
  mail_id       VARCHAR PRIMARY KEY,
  logged_at     TIMESTAMP NOT NULL,
  report        VARCHAR NOT NULL,       -- board-pack | collections-summary | ...
  run_id        VARCHAR,                -- the job run that sent it, when a job did
  transport     VARCHAR NOT NULL,       -- smtp | outbox
  status        VARCHAR NOT NULL,       -- sent | written | failed
  subject       VARCHAR NOT NULL,
  recipients    VARCHAR NOT NULL,       -- comma-separated addresses; '' when none
  recipients_n  INTEGER NOT NULL,
  attachments_n INTEGER NOT NULL,
  size_bytes    BIGINT,
  message_id    VARCHAR,
  outbox_file   VARCHAR,                -- file name under the outbox folder, for transport outbox
  error_code    VARCHAR,
  error_message VARCHAR
);
