-- Payroll cost of the month (cur) and its comparison (base) by location, from
-- rollup_payroll_month (month of the pay period end), with the number of employees paid, from
-- fact_payroll, so that a location of fewer than MIN_PAY_GROUP people is pooled (build.ts):
-- one person's pay is the admin's alone. Payroll has no provider or payer.
WITH cost AS (
  SELECT location_id,
    CASE WHEN month_start BETWEEN $cur_from::DATE AND $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
    sum(payroll_cost_usd)::DECIMAL(18, 2) AS payroll_cost_usd
  FROM rollup_payroll_month
  WHERE (month_start BETWEEN $cur_from::DATE AND $cur_to::DATE OR month_start BETWEEN $base_from::DATE AND $base_to::DATE)
    AND ($location_id IS NULL OR location_id = $location_id)
  GROUP BY ALL
),
people AS (
  SELECT location_id,
    CASE WHEN date_trunc('month', period_end) BETWEEN $cur_from::DATE AND $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
    count(DISTINCT employee_id) AS employees_n
  FROM fact_payroll
  WHERE (date_trunc('month', period_end) BETWEEN $cur_from::DATE AND $cur_to::DATE OR date_trunc('month', period_end) BETWEEN $base_from::DATE AND $base_to::DATE)
    AND ($location_id IS NULL OR location_id = $location_id)
  GROUP BY ALL
)
SELECT 'location' AS dimension, cost.location_id AS key, cost.period, cost.payroll_cost_usd, coalesce(people.employees_n, 0) AS employees_n
FROM cost LEFT JOIN people USING (location_id, period)
ORDER BY key NULLS LAST, period;
