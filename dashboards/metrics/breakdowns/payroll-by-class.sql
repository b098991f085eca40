-- Payroll by job class over a period of whole months: cost and hours of pay periods ending in
-- the period, FTE averaged over the period's days that payroll covers (its first pay period's
-- start to its last one's end: payroll-days.sql, as the catalog's FTE), and the number of distinct employees whose
-- pay periods touch the period (for the minimum group size). Aggregates only: no employee appears.
WITH period AS (SELECT 1 AS period_n, $from::DATE AS from_date, $to::DATE AS to_date),
{{payroll_days}},
classes AS (
  SELECT
    job_class,
    sum(payroll_cost_usd) AS payroll_cost_usd,
    sum(regular_hours)::DOUBLE AS regular_hours,
    sum(overtime_hours)::DOUBLE AS overtime_hours,
    (sum(fte_days) / nullif((SELECT max(days_n) FROM payroll_days), 0))::DOUBLE AS fte
  FROM rollup_payroll_month
  WHERE month_start BETWEEN $from::DATE AND $to::DATE
    AND ($location_id IS NULL OR location_id = $location_id)
  GROUP BY job_class
),
people AS (
  SELECT job_class, count(DISTINCT employee_id)::INTEGER AS employees_n
  FROM fact_payroll
  WHERE period_start <= $to::DATE AND period_end >= $from::DATE
    AND ($location_id IS NULL OR location_id = $location_id)
  GROUP BY job_class
)
SELECT c.*, coalesce(p.employees_n, 0)::INTEGER AS employees_n
FROM classes c LEFT JOIN people p USING (job_class)
ORDER BY job_class;
