-- 021: code lists for remittances, shipped as reference data with their source and date.
-- Descriptions are short paraphrases of the public code lists published by X12
-- (x12.org/codes: Claim Adjustment Reason Codes, Remittance Advice Remark Codes, and the
-- 835 PLB03-1 adjustment reason code list). The lists are limited to codes whose meaning is
-- stable and that this product can describe accurately; a code not listed shows as
-- "(not in the shipped list)".

CREATE TABLE ref_code_list (
  list_name VARCHAR PRIMARY KEY,
  source    VARCHAR NOT NULL,
  as_of     DATE NOT NULL
);

INSERT INTO ref_code_list VALUES
  ('carc', 'X12 Claim Adjustment Reason Codes (x12.org/codes), paraphrased', DATE '2025-07-01'),
  ('rarc', 'X12 Remittance Advice Remark Codes (x12.org/codes), paraphrased', DATE '2025-07-01'),
  ('plb_reason', 'X12 835 005010X221A1 PLB03-1 Adjustment Reason Codes, paraphrased', DATE '2025-07-01');

INSERT OR IGNORE INTO ref_carc (carc_code, description, category) VALUES
  ('8',   'Procedure code inconsistent with the provider type or specialty (taxonomy)', 'denial'),
  ('15',  'Authorization number missing, invalid, or not for the billed services or provider', 'denial'),
  ('19',  'Work-related injury or illness: the liability of the workers'' compensation carrier', 'denial'),
  ('26',  'Expenses incurred before coverage', 'denial'),
  ('31',  'Patient cannot be identified as our insured', 'denial'),
  ('49',  'Non-covered: routine or preventive exam, or a screening done with one', 'denial'),
  ('59',  'Processed under multiple or concurrent procedure rules', 'other'),
  ('94',  'Processed in excess of charges', 'other'),
  ('100', 'Payment made to the patient, insured or responsible party', 'other'),
  ('129', 'Prior processing information appears incorrect', 'denial'),
  ('131', 'Claim-specific negotiated discount', 'other'),
  ('146', 'Diagnosis invalid for the date of service reported', 'denial'),
  ('181', 'Procedure code invalid on the date of service', 'denial'),
  ('185', 'Rendering provider not eligible to perform the service billed', 'denial'),
  ('226', 'Information requested from the provider not provided, late or incomplete', 'denial'),
  ('234', 'This procedure is not paid separately', 'denial'),
  ('237', 'Legislated or regulatory penalty', 'other'),
  ('252', 'An attachment or other documentation is required to adjudicate the claim', 'denial');

CREATE TABLE ref_rarc (
  rarc_code   VARCHAR PRIMARY KEY,
  description VARCHAR NOT NULL
);

INSERT INTO ref_rarc VALUES
  ('M15',   'Separately billed services or tests are bundled as components of the same procedure; no separate payment'),
  ('M51',   'Missing, incomplete or invalid procedure code'),
  ('M80',   'Not covered when performed in the same session or date as a previously processed service'),
  ('M86',   'Denied: payment already made for the same or a similar procedure within the set time frame'),
  ('M127',  'Missing the patient''s medical record for this service'),
  ('MA01',  'Alert: you may appeal this decision if you do not agree with it'),
  ('MA04',  'Secondary payment needs the identity of, or payment information from, the primary payer'),
  ('MA18',  'Alert: the claim is also being forwarded to the patient''s supplemental insurer'),
  ('MA130', 'Claim incomplete or invalid and unprocessable, with no appeal rights: submit a new claim'),
  ('N4',    'Missing, incomplete or invalid prior insurance carrier EOB'),
  ('N20',   'Service not payable with another service rendered on the same date'),
  ('N130',  'Consult plan benefit documents or guidelines for restrictions on this service'),
  ('N286',  'Missing, incomplete or invalid referring provider primary identifier'),
  ('N290',  'Missing, incomplete or invalid rendering provider primary identifier'),
  ('N381',  'Alert: consult the contractual agreement for restrictions, billing or payment information');

CREATE TABLE ref_plb_reason (
  reason_code VARCHAR PRIMARY KEY,
  description VARCHAR NOT NULL,
  kind        VARCHAR NOT NULL          -- recoupment, interest, balance_forward, other
);

INSERT INTO ref_plb_reason VALUES
  ('WO', 'Overpayment recovery', 'recoupment'),
  ('WU', 'Unspecified recovery', 'recoupment'),
  ('FB', 'Forwarding balance', 'balance_forward'),
  ('L6', 'Interest owed', 'interest'),
  ('50', 'Late charge', 'other'),
  ('72', 'Authorized return', 'recoupment'),
  ('90', 'Early payment allowance', 'other'),
  ('CS', 'Adjustment', 'other'),
  ('J1', 'Nonreimbursable', 'other'),
  ('L3', 'Penalty', 'other'),
  ('IR', 'Internal Revenue Service withholding', 'other'),
  ('LE', 'Levy', 'other');
