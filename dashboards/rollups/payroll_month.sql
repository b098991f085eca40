-- rollup_payroll_month: payroll by month x location x job class.
-- Cost (gross pay + employer taxes + benefits) and hours fall in the month of the pay
-- period end. FTE: hours worked (regular + overtime, not PTO) / (40 x weeks in the pay
-- period), capped at 1.0 per employee per period, then spread evenly over the period's days:
-- fte_days = capped FTE x days of the period inside the month, so the FTE of any span of
-- whole months is sum(fte_days) / days in the span. FTE-days are DECIMAL, rounded per pay
-- period and month to 1e-6, so every total is the same whatever order DuckDB sums in.
-- The months marker (a span, true here) is where a partial rebuild narrows the scan to the pay
-- periods overlapping the months it rebuilds (month-scope.ts).
WITH p AS (
  SELECT *,
    least(1.0, (regular_hours + overtime_hours) / (40.0 * (period_end - period_start + 1) / 7.0)) AS capped_fte
  FROM fact_payroll
  WHERE /*months:period_start..period_end*/ TRUE
),
cost AS (
  SELECT date_trunc('month', period_end)::DATE AS month_start, location_id, job_class,
    sum(gross_pay_usd + employer_tax_usd + benefits_usd) AS payroll_cost_usd,
    sum(gross_pay_usd) AS gross_pay_usd,
    sum(employer_tax_usd) AS employer_tax_usd,
    sum(benefits_usd) AS benefits_usd,
    sum(regular_hours) AS regular_hours,
    sum(overtime_hours) AS overtime_hours,
    sum(pto_hours) AS pto_hours,
    0::DECIMAL(18, 6) AS fte_days
  FROM p GROUP BY ALL
),
spread AS (
  SELECT month_start, location_id, job_class,
    sum(round(capped_fte * (least(period_end, last_day(month_start)) - greatest(period_start, month_start) + 1), 6)::DECIMAL(18, 6))
      AS fte_days
  FROM (
    SELECT *, unnest(generate_series(date_trunc('month', period_start), date_trunc('month', period_end), INTERVAL 1 MONTH))::DATE
      AS month_start
    FROM p
  )
  GROUP BY ALL
)
SELECT month_start, location_id, job_class,
  coalesce(sum(payroll_cost_usd), 0)::DECIMAL(18, 2) AS payroll_cost_usd,
  coalesce(sum(gross_pay_usd), 0)::DECIMAL(18, 2) AS gross_pay_usd,
  coalesce(sum(employer_tax_usd), 0)::DECIMAL(18, 2) AS employer_tax_usd,
  coalesce(sum(benefits_usd), 0)::DECIMAL(18, 2) AS benefits_usd,
  coalesce(sum(regular_hours), 0)::DECIMAL(18, 2) AS regular_hours,
  coalesce(sum(overtime_hours), 0)::DECIMAL(18, 2) AS overtime_hours,
  coalesce(sum(pto_hours), 0)::DECIMAL(18, 2) AS pto_hours,
  coalesce(sum(fte_days), 0)::DECIMAL(18, 6) AS fte_days
FROM (SELECT * FROM cost UNION ALL BY NAME SELECT * FROM spread)
GROUP BY ALL
ORDER BY month_start;
