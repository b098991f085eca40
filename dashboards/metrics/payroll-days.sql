-- payroll_days: for each period of the query's `period` CTE (period_n, from_date, to_date), the
-- days of it that payroll covers, from the first loaded pay period's start to the last one's end
-- (rollup_coverage, the one coverage query): an FTE over a month whose last pay period ends on
-- the 24th divides by 24 days, not 31; 0 when payroll covers none of the period. The one
-- definition, spliced as a CTE at `{{payroll_days}}` (payroll-days.ts) into payroll.sql,
-- provider-fte.sql and payroll-by-class.sql.
payroll_days AS (
  SELECT p.period_n,
    coalesce(max(CASE WHEN c.first_date IS NULL THEN 0
      ELSE greatest(0, least(p.to_date, c.last_date) - greatest(p.from_date, c.first_date) + 1) END), 0) AS days_n
  -- (DuckDB's least and greatest skip NULLs: a source with no rows is tested for explicitly.)
  FROM period p LEFT JOIN rollup_coverage c ON c.source = 'payroll'
  GROUP BY p.period_n
)
