-- What each source covers: the one coverage query. For the fact sources the dates are the
-- facts' own (billing by post date, appointments by scheduled start, payroll from the first pay
-- period's start to the last one's end), so a re-export that replaced rows cannot widen them;
-- for any other source (reference data, remittances) the dates its loaded files carry. The load
-- counts and the last load come from etl_file. Read by the page freshness, the pack's
-- completeness notes, `etl status` and the data-loads page, and materialized as rollup_coverage
-- for the metrics.
WITH files AS (
  SELECT source, count(*)::INTEGER AS files_n, sum(rows_loaded)::INTEGER AS rows_n,
         min(first_date) AS first_date, max(last_date) AS last_date, max(loaded_at) AS loaded_at
  FROM etl_file GROUP BY source
),
facts AS (
  SELECT 'billing' AS source, min(post_date) AS first_date, max(post_date) AS last_date FROM fact_billing_txn
  UNION ALL
  SELECT 'appointments', min(scheduled_start)::DATE, max(scheduled_start)::DATE FROM fact_appointment
  UNION ALL
  SELECT 'payroll', min(period_start), max(period_end) FROM fact_payroll
)
SELECT source,
       coalesce(files.files_n, 0) AS files_n,
       coalesce(files.rows_n, 0) AS rows_n,
       CASE WHEN facts.source IS NULL THEN files.first_date ELSE facts.first_date END AS first_date,
       CASE WHEN facts.source IS NULL THEN files.last_date ELSE facts.last_date END AS last_date,
       strftime(files.loaded_at, '%Y-%m-%d %H:%M:%S') AS last_loaded_at
FROM files FULL JOIN facts USING (source)
WHERE files.source IS NOT NULL OR facts.first_date IS NOT NULL
ORDER BY source
