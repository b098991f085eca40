-- 007: corrections and the header of each run's file. A corrected re-load of a run's rejected
-- rows names the run it corrects, so the history shows both; the header line (column names,
-- never data) lets the quarantined rows be downloaded in the file's own layout for correction.
ALTER TABLE etl_run ADD COLUMN corrects_run_id VARCHAR;
ALTER TABLE etl_run ADD COLUMN header_text VARCHAR;
