-- 035: warnings of a load. A row that breaks a warning rule (an appointment booked after it
-- happened) still loads; an id the reference data lacks (a provider not in the roster) too. Each
-- warning is kept per run as a count with its field and reason, never a row's values (a reason
-- about unknown ids names at most three of them: provider and location ids are not patient data).
CREATE TABLE etl_warning (
  run_id      VARCHAR NOT NULL,
  column_name VARCHAR NOT NULL,
  reason      VARCHAR NOT NULL,
  rows_n      BIGINT NOT NULL
);
