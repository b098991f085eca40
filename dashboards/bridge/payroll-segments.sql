-- Payroll cost of the month (cur) and its comparison (base) by location, from
-- rollup_payroll_month (month of the pay period end). Payroll has no provider or payer.
SELECT 'location' AS dimension, location_id AS key,
  CASE WHEN month_start BETWEEN $cur_from::DATE AND $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
  sum(payroll_cost_usd)::DECIMAL(18, 2) AS payroll_cost_usd
FROM rollup_payroll_month
WHERE (month_start BETWEEN $cur_from::DATE AND $cur_to::DATE OR month_start BETWEEN $base_from::DATE AND $base_to::DATE)
  AND ($location_id IS NULL OR location_id = $location_id)
GROUP BY ALL
ORDER BY key NULLS LAST, period;
