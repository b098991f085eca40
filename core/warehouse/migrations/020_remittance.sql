-- 020: remittances (X12 835 ERA) and the fee schedule.
-- One row per 835 transaction (a payment or remittance advice), its claims (CLP), service lines
-- (SVC), adjustments (CAS, claim- or line-level), remark codes (LQ, MOA, MIA) and provider-level
-- adjustments (PLB). Positions are the 1-based segment positions in the file (file_id), so every
-- number traces to its segment. No patient name, member id or other NM1 value is stored;
-- claim_id is CLP01, the practice's own claim id (the ledger's claim_id), not a patient id.
-- Money is DECIMAL(18,2). The *_diff_usd columns are the 835's control totals (0 = ties):
--   remit_transaction.payment_diff_usd = BPR02 - (sum CLP04 - sum PLB amounts)
--   remit_claim.adj_diff_usd           = CLP03 - CLP04 - (claim CAS + line CAS)
--   remit_line.adj_diff_usd            = SVC02 - SVC03 - line CAS

CREATE TABLE remit_transaction (
  file_id            VARCHAR NOT NULL,
  run_id             VARCHAR NOT NULL,
  txn_position       BIGINT NOT NULL,       -- position of the ST segment
  isa_control        VARCHAR NOT NULL,
  gs_control         VARCHAR NOT NULL,
  st_control         VARCHAR NOT NULL,
  version            VARCHAR NOT NULL,      -- 005010X221A1, 004010X091A1
  handling_code      VARCHAR NOT NULL,      -- BPR01: I remittance with payment, H notification only...
  trace_number       VARCHAR NOT NULL,      -- TRN02: check or EFT trace number
  trace_key          VARCHAR NOT NULL,      -- who issued it: TRN03, else the payer id or name
  payer_id           VARCHAR,               -- N1*PR N104 (or REF*2U)
  payer_name         VARCHAR,
  payee_id           VARCHAR,               -- N1*PE N104 (NPI or tax id of the practice)
  payee_name         VARCHAR,
  payment_method     VARCHAR,               -- BPR04: CHK, ACH, FWT, BOP, NON
  credit_debit       VARCHAR,               -- BPR03: C or D
  payment_date       DATE,                  -- BPR16
  production_date    DATE,                  -- DTM*405
  total_paid_usd     DECIMAL(18, 2) NOT NULL,  -- BPR02
  claims_paid_usd    DECIMAL(18, 2) NOT NULL,  -- sum of CLP04
  plb_total_usd      DECIMAL(18, 2) NOT NULL,  -- sum of PLB amounts
  payment_diff_usd   DECIMAL(18, 2) NOT NULL,
  claims_unbalanced_n INTEGER NOT NULL,
  lines_unbalanced_n INTEGER NOT NULL,
  claims_n           INTEGER NOT NULL
);

CREATE TABLE remit_claim (
  file_id             VARCHAR NOT NULL,
  txn_position        BIGINT NOT NULL,
  claim_position      BIGINT NOT NULL,      -- position of the CLP segment
  claim_id            VARCHAR NOT NULL,     -- CLP01
  status_code         VARCHAR NOT NULL,     -- CLP02
  claim_status        VARCHAR NOT NULL,     -- processed_primary, denied, reversal, ...
  charge_usd          DECIMAL(18, 2) NOT NULL,
  paid_usd            DECIMAL(18, 2) NOT NULL,
  patient_resp_usd    DECIMAL(18, 2),
  filing_indicator    VARCHAR,              -- CLP06
  payer_claim_control VARCHAR,              -- CLP07
  statement_from      DATE,                 -- DTM*232
  statement_to        DATE,                 -- DTM*233
  received_date       DATE,                 -- DTM*050
  interest_usd        DECIMAL(18, 2),       -- AMT*I
  prompt_pay_usd      DECIMAL(18, 2),       -- AMT*D8
  adj_diff_usd        DECIMAL(18, 2) NOT NULL
);

CREATE TABLE remit_line (
  file_id         VARCHAR NOT NULL,
  claim_position  BIGINT NOT NULL,
  line_position   BIGINT NOT NULL,          -- position of the SVC segment
  code_qualifier  VARCHAR NOT NULL,         -- SVC01-1: HC (CPT/HCPCS), NU, ...
  procedure_code  VARCHAR NOT NULL,
  modifiers       VARCHAR NOT NULL,         -- SVC01-3..6 joined with ':' ('' when none)
  revenue_code    VARCHAR,
  charge_usd      DECIMAL(18, 2) NOT NULL,
  paid_usd        DECIMAL(18, 2) NOT NULL,
  units_n         DECIMAL(12, 3) NOT NULL,
  service_date    DATE,                     -- DTM*472 (or 4010's DTM*150)
  service_date_to DATE,                     -- DTM*151
  allowed_usd     DECIMAL(18, 2),           -- AMT*B6
  control_number  VARCHAR,                  -- REF*6R
  adj_diff_usd    DECIMAL(18, 2) NOT NULL
);

CREATE TABLE remit_adjustment (
  file_id          VARCHAR NOT NULL,
  claim_position   BIGINT NOT NULL,
  line_position    BIGINT,                  -- NULL for a claim-level CAS
  segment_position BIGINT NOT NULL,
  group_code       VARCHAR NOT NULL,        -- CO, PR, OA, PI, CR
  carc_code        VARCHAR NOT NULL,
  amount_usd       DECIMAL(18, 2) NOT NULL,
  quantity_n       DECIMAL(12, 3)
);

CREATE TABLE remit_remark (
  file_id         VARCHAR NOT NULL,
  claim_position  BIGINT NOT NULL,
  line_position   BIGINT,                   -- NULL for MOA/MIA (claim-level)
  rarc_code       VARCHAR NOT NULL,
  given_in        VARCHAR NOT NULL          -- LQ, MOA, MIA
);

CREATE TABLE remit_plb (
  file_id          VARCHAR NOT NULL,
  txn_position     BIGINT NOT NULL,
  segment_position BIGINT NOT NULL,
  provider_id      VARCHAR NOT NULL,        -- PLB01
  fiscal_date      DATE,                    -- PLB02
  reason_code      VARCHAR NOT NULL,        -- PLB03-1: WO, L6, FB, ...
  reference_id     VARCHAR,                 -- PLB03-2
  amount_usd       DECIMAL(18, 2) NOT NULL  -- positive reduces the payment, negative adds to it
);

-- The fee schedule: the allowed amount a contract says a payer (by payer id or payer class)
-- pays for a procedure code and modifier ('' for none). Loaded from the fee_schedule source.
CREATE TABLE ref_fee_schedule (
  payer_ref            VARCHAR NOT NULL,
  procedure_code       VARCHAR NOT NULL,
  modifier             VARCHAR NOT NULL,
  expected_allowed_usd DECIMAL(18, 2) NOT NULL,
  file_id              VARCHAR NOT NULL,
  source_line          BIGINT NOT NULL
);
