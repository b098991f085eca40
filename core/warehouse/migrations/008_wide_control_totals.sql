-- 008: a file's control totals can exceed what one amount may be (a sum of many large amounts,
-- or of amounts the loader rejects as implausible): the run record keeps them in DECIMAL(38,2).
ALTER TABLE etl_run ALTER COLUMN file_total_usd TYPE DECIMAL(38, 2);
ALTER TABLE etl_run ALTER COLUMN loaded_total_usd TYPE DECIMAL(38, 2);
ALTER TABLE etl_run ALTER COLUMN trailer_total_usd TYPE DECIMAL(38, 2);
