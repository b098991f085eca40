-- 030: CMS work RVUs (Medicare physician fee schedule) of the common office procedures and
-- supplies, beside the office visit codes of 003, so a practice billing them is credited the
-- physician work: 0.00 where the fee schedule pays no work (lab tests on the clinical lab fee
-- schedule, a vaccine product, a drug). Codes only: CPT descriptions are licensed by the AMA.
-- demo/fees.ts WORK_RVUS holds the same values. A file loaded later replaces a seeded value.
INSERT OR IGNORE INTO dim_procedure (procedure_code, work_rvu, file_id, source_line) VALUES
  ('10060', 1.22, 'seed:cms', 0),
  ('11102', 0.66, 'seed:cms', 0),
  ('17110', 0.70, 'seed:cms', 0),
  ('20610', 0.79, 'seed:cms', 0),
  ('36415', 0.00, 'seed:cms', 0),
  ('69210', 0.61, 'seed:cms', 0),
  ('81002', 0.00, 'seed:cms', 0),
  ('90471', 0.17, 'seed:cms', 0),
  ('90686', 0.00, 'seed:cms', 0),
  ('93000', 0.17, 'seed:cms', 0),
  ('J3301', 0.00, 'seed:cms', 0);
