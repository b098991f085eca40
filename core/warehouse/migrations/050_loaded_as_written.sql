-- 050: a load's loaded rows' control total as the file writes them. With a profile's `signs`
-- (types the export writes negative, loaded turned) the loaded total differs from the file's
-- and the trailer's totals; this one ties to them (etl/load/trailer.ts asWrittenSql).
ALTER TABLE etl_run ADD COLUMN loaded_as_written_usd DECIMAL(38, 2);
