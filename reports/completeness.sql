-- Loads that touch a month: runs whose loaded file has data dated in the month, and runs
-- whose file was rejected or failed whole (no dates known) since the month began.
SELECT r.run_id,
       r.source,
       r.file_name,
       strftime(r.started_at, '%Y-%m-%d %H:%M') AS started_at,
       r.status,
       r.rows_read::INTEGER AS rows_read,
       r.rows_loaded::INTEGER AS rows_loaded,
       r.rows_rejected::INTEGER AS rows_rejected,
       r.error_code
FROM etl_run r
LEFT JOIN etl_file f ON f.run_id = r.run_id
WHERE (f.first_date <= $to::DATE AND f.last_date >= $from::DATE)
   OR (f.run_id IS NULL AND r.status IN ('rejected', 'failed') AND r.started_at >= $from::TIMESTAMP)
ORDER BY r.started_at, r.run_id
