-- 002: the ETL's own records. The file manifest, the run history, rejected rows and the
-- admin-only quarantine of raw rejected records. A load writes all of these and its facts
-- in one transaction, so a killed process leaves either all of them or none.

CREATE TABLE etl_file (
  file_id      VARCHAR PRIMARY KEY,       -- SHA-256 of the file's bytes, hex
  source       VARCHAR NOT NULL,
  profile_id   VARCHAR NOT NULL,
  file_name    VARCHAR NOT NULL,
  size_bytes   BIGINT NOT NULL,
  loaded_at    TIMESTAMP NOT NULL,
  run_id       VARCHAR NOT NULL,
  rows_loaded  BIGINT NOT NULL,
  first_date   DATE,
  last_date    DATE
);

CREATE TABLE etl_run (
  run_id           VARCHAR PRIMARY KEY,
  source           VARCHAR NOT NULL,
  profile_id       VARCHAR,
  file_name        VARCHAR NOT NULL,
  file_sha256      VARCHAR,
  started_at       TIMESTAMP NOT NULL,
  ended_at         TIMESTAMP NOT NULL,
  status           VARCHAR NOT NULL,      -- loaded | rejected | duplicate | failed
  rows_read        BIGINT NOT NULL,
  rows_loaded      BIGINT NOT NULL,
  rows_rejected    BIGINT NOT NULL,
  rows_replaced    BIGINT NOT NULL,
  trailer_rows     BIGINT NOT NULL,
  file_total_usd   DECIMAL(18, 2),
  loaded_total_usd DECIMAL(18, 2),
  trailer_total_usd DECIMAL(18, 2),
  error_code       VARCHAR,
  message          VARCHAR
);

CREATE TABLE etl_reject (
  run_id      VARCHAR NOT NULL,
  line_n      BIGINT NOT NULL,
  column_name VARCHAR,
  reason      VARCHAR NOT NULL
);

-- Raw rejected records, for admins to download, correct and reload. Columns the
-- profile marks as never-stored (names, birth dates, addresses, phones, SSNs) are blanked.
CREATE TABLE etl_quarantine (
  run_id     VARCHAR NOT NULL,
  line_n     BIGINT NOT NULL,
  raw_record VARCHAR NOT NULL
);
