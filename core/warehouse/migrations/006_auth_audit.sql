-- 006: the people who sign in, their server-side sessions, and the tamper-evident audit log.
-- Passwords are stored only as scrypt hashes with their parameters (PHC string), session ids
-- only as SHA-256 digests, and audit entries are chained by SHA-256 so that an edited or
-- deleted entry is found by verifyAuditChain (server/audit/verify.ts).

CREATE TABLE app_user (
  user_id           VARCHAR PRIMARY KEY,      -- random UUID; the audit log's actor
  username          VARCHAR NOT NULL UNIQUE,  -- lower case, [a-z0-9._-]
  display_name      VARCHAR NOT NULL,
  role              VARCHAR NOT NULL CHECK (role IN ('admin', 'manager', 'board')),
  password_hash     VARCHAR NOT NULL,         -- $scrypt$ln=17,r=8,p=1$<salt>$<key>, base64
  created_at        TIMESTAMP NOT NULL,
  disabled          BOOLEAN NOT NULL DEFAULT false,
  failed_attempts_n INTEGER NOT NULL DEFAULT 0,  -- consecutive failed sign-ins
  last_failed_at    TIMESTAMP,
  locked_until      TIMESTAMP                 -- no sign-in before this instant
);

CREATE TABLE auth_session (
  session_sha256 VARCHAR PRIMARY KEY,         -- SHA-256 of the cookie value, hex; never the value
  user_id        VARCHAR NOT NULL,
  role           VARCHAR NOT NULL,
  csrf_token     VARCHAR NOT NULL,
  created_at     TIMESTAMP NOT NULL,
  last_seen_at   TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
  seq         BIGINT PRIMARY KEY,             -- 1, 2, 3, ... without gaps
  occurred_at TIMESTAMP NOT NULL,
  actor       VARCHAR NOT NULL,               -- app_user.user_id, or 'system'
  action      VARCHAR NOT NULL,
  target      VARCHAR,
  outcome     VARCHAR NOT NULL,               -- ok | denied | failed
  ip          VARCHAR,
  details     VARCHAR NOT NULL,               -- canonical JSON, never PHI
  prev_hash   VARCHAR NOT NULL,               -- hash of entry seq - 1 (64 zeros for the first)
  hash        VARCHAR NOT NULL                -- SHA-256(prev_hash || canonical JSON of the entry)
);

-- The last entry written, so that deleting entries from the end of the chain is found too.
CREATE TABLE audit_head (
  head_id INTEGER PRIMARY KEY CHECK (head_id = 1),
  seq     BIGINT NOT NULL,
  hash    VARCHAR NOT NULL
);
