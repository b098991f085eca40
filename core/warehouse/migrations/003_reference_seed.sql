-- 003: public reference data shipped with the product.
-- ref_carc: claim adjustment reason codes (X12 CARC) the demo generates plus the common ones,
--   with short paraphrases of the public code descriptions and a category:
--   contractual (the house-rule contractual set, CO-45 and CO-253), patient_share (PR-1/2/3),
--   denial (counts in the denial rate), other.
-- dim_procedure: CMS work RVUs of the office visit E/M codes (2021 onward). Codes only: CPT
--   descriptions are licensed by the AMA. etl/demo/fees.ts WORK_RVUS holds the same values.
-- dim_date: every day from 2015-01-01 to 2040-12-31.

INSERT INTO ref_carc (carc_code, description, category) VALUES
  ('1',   'Deductible amount', 'patient_share'),
  ('2',   'Coinsurance amount', 'patient_share'),
  ('3',   'Co-payment amount', 'patient_share'),
  ('4',   'Procedure code inconsistent with the modifier used, or a required modifier is missing', 'denial'),
  ('5',   'Procedure code or bill type inconsistent with the place of service', 'denial'),
  ('11',  'Diagnosis inconsistent with the procedure', 'denial'),
  ('16',  'Claim or service lacks information or has submission or billing errors', 'denial'),
  ('18',  'Exact duplicate claim or service', 'denial'),
  ('22',  'Care may be covered by another payer under coordination of benefits', 'denial'),
  ('23',  'Impact of prior payer adjudication, including payments and adjustments', 'other'),
  ('27',  'Expenses incurred after coverage terminated', 'denial'),
  ('29',  'Time limit for filing has expired', 'denial'),
  ('45',  'Charge exceeds the fee schedule, maximum allowable or contracted amount', 'contractual'),
  ('50',  'Non-covered service: not deemed a medical necessity by the payer', 'denial'),
  ('96',  'Non-covered charge', 'denial'),
  ('97',  'Benefit included in the payment for another service already adjudicated', 'denial'),
  ('109', 'Claim or service not covered by this payer; send to the correct payer', 'denial'),
  ('119', 'Benefit maximum for this time period or occurrence has been reached', 'denial'),
  ('151', 'Information submitted does not support this many or this frequency of services', 'denial'),
  ('167', 'Diagnosis is not covered', 'denial'),
  ('170', 'Payment denied when performed or billed by this type of provider', 'denial'),
  ('197', 'Precertification, notification, authorization or pre-treatment absent', 'denial'),
  ('204', 'Service, equipment or drug not covered under the patient''s current benefit plan', 'denial'),
  ('242', 'Services not provided by network or primary care providers', 'denial'),
  ('253', 'Sequestration: reduction in federal payment', 'contractual');

INSERT INTO dim_procedure (procedure_code, work_rvu, file_id, source_line) VALUES
  ('99202', 0.93, 'seed:cms', 0),
  ('99203', 1.60, 'seed:cms', 0),
  ('99204', 2.60, 'seed:cms', 0),
  ('99205', 3.50, 'seed:cms', 0),
  ('99211', 0.18, 'seed:cms', 0),
  ('99212', 0.70, 'seed:cms', 0),
  ('99213', 1.30, 'seed:cms', 0),
  ('99214', 1.92, 'seed:cms', 0),
  ('99215', 2.80, 'seed:cms', 0);

INSERT INTO dim_date (date_day, month_start, year_n, quarter_n, month_n, iso_dow_n, is_weekday)
SELECT
  d::DATE,
  date_trunc('month', d)::DATE,
  year(d),
  quarter(d),
  month(d),
  isodow(d),
  isodow(d) <= 5
FROM generate_series(DATE '2015-01-01', DATE '2040-12-31', INTERVAL 1 DAY) AS days(d);
