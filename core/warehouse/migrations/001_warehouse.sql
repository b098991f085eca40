-- 001: the warehouse. Facts, dimensions and reference tables.
-- Money is DECIMAL(18,2); identifiers are VARCHAR (leading zeros are kept);
-- patient identifiers are stored only as a keyed hash (patient_key).
-- Facts carry the file and line they came from, so every number can be traced to its source.

CREATE TABLE dim_location (
  location_id   VARCHAR PRIMARY KEY,
  location_name VARCHAR NOT NULL,
  file_id       VARCHAR NOT NULL,
  source_line   BIGINT NOT NULL
);

CREATE TABLE dim_provider (
  provider_id   VARCHAR PRIMARY KEY,
  provider_name VARCHAR NOT NULL,
  npi           VARCHAR,
  specialty     VARCHAR,
  clinical_fte  DECIMAL(4, 2),
  location_id   VARCHAR,
  file_id       VARCHAR NOT NULL,
  source_line   BIGINT NOT NULL
);

CREATE TABLE dim_payer (
  payer_id    VARCHAR PRIMARY KEY,
  payer_name  VARCHAR NOT NULL,
  payer_class VARCHAR NOT NULL,
  file_id     VARCHAR NOT NULL,
  source_line BIGINT NOT NULL
);

CREATE TABLE dim_procedure (
  procedure_code VARCHAR PRIMARY KEY,
  work_rvu       DECIMAL(6, 2) NOT NULL,
  file_id        VARCHAR NOT NULL,      -- 'seed:cms' for the shipped public values
  source_line    BIGINT NOT NULL
);

CREATE TABLE dim_date (
  date_day    DATE PRIMARY KEY,
  month_start DATE NOT NULL,
  year_n      INTEGER NOT NULL,
  quarter_n   INTEGER NOT NULL,
  month_n     INTEGER NOT NULL,
  iso_dow_n   INTEGER NOT NULL,
  is_weekday  BOOLEAN NOT NULL
);

CREATE TABLE ref_carc (
  carc_code   VARCHAR PRIMARY KEY,
  description VARCHAR NOT NULL,
  category    VARCHAR NOT NULL
);

CREATE TABLE ref_budget (
  month_start DATE NOT NULL,
  budget_line VARCHAR NOT NULL,           -- the unit is in the line's name: gross_charges_usd, visits_n
  location_id VARCHAR NOT NULL,           -- 'ALL' for the whole practice
  planned_value DECIMAL(18, 2) NOT NULL,
  file_id     VARCHAR NOT NULL,
  source_line BIGINT NOT NULL
);

-- No primary keys on the facts: uniqueness of the natural key is kept by the merge
-- (delete by key, then insert) inside one transaction. DuckDB checks a PRIMARY KEY
-- eagerly, so a delete and re-insert of the same key in one transaction would fail.
CREATE TABLE fact_billing_txn (
  transaction_id VARCHAR NOT NULL,
  claim_id       VARCHAR NOT NULL,
  line_n         INTEGER NOT NULL,
  patient_key    VARCHAR NOT NULL,
  provider_id    VARCHAR NOT NULL,
  location_id    VARCHAR NOT NULL,
  payer_id       VARCHAR NOT NULL,
  payer_class    VARCHAR NOT NULL,
  procedure_code VARCHAR,
  units_n        INTEGER NOT NULL,
  service_date   DATE NOT NULL,
  post_date      DATE NOT NULL,
  txn_type       VARCHAR NOT NULL,
  amount_usd     DECIMAL(18, 2) NOT NULL,
  payment_source VARCHAR,
  adj_group      VARCHAR,
  carc_code      VARCHAR,
  file_id        VARCHAR NOT NULL,
  source_line    BIGINT NOT NULL
);

CREATE TABLE fact_payroll (
  employee_id      VARCHAR NOT NULL,
  employee_name    VARCHAR NOT NULL,
  job_class        VARCHAR NOT NULL,
  location_id      VARCHAR NOT NULL,
  period_start     DATE NOT NULL,
  period_end       DATE NOT NULL,
  check_date       DATE NOT NULL,
  regular_hours    DECIMAL(8, 2) NOT NULL,
  overtime_hours   DECIMAL(8, 2) NOT NULL,
  pto_hours        DECIMAL(8, 2) NOT NULL,
  gross_pay_usd    DECIMAL(18, 2) NOT NULL,
  employer_tax_usd DECIMAL(18, 2) NOT NULL,
  benefits_usd     DECIMAL(18, 2) NOT NULL,
  file_id          VARCHAR NOT NULL,
  source_line      BIGINT NOT NULL
);

CREATE TABLE fact_appointment (
  appointment_id   VARCHAR NOT NULL,
  patient_key      VARCHAR NOT NULL,
  provider_id      VARCHAR NOT NULL,
  location_id      VARCHAR NOT NULL,
  appt_type        VARCHAR NOT NULL,
  booked_at        TIMESTAMP,
  scheduled_start  TIMESTAMP NOT NULL,
  duration_min     INTEGER,
  status           VARCHAR NOT NULL,
  cancelled_at     TIMESTAMP,
  late_cancel      BOOLEAN NOT NULL,
  checked_in_at    TIMESTAMP,
  checked_out_at   TIMESTAMP,
  file_id          VARCHAR NOT NULL,
  source_line      BIGINT NOT NULL
);
