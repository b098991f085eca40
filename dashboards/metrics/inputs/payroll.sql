-- Payroll cost, hours and FTE-days by job class over each requested period. Cost and hours
-- fall in the month of the pay period end; FTE-days are spread over the pay periods' days.
-- days_n is the number of the period's days that payroll covers (from the first pay period's
-- start to the last one's end), so an FTE over a month whose last pay period ends on the 24th
-- divides by 24 days, not 31 (payroll-days.sql); payroll_known is false when payroll covers none of the period.
-- cost_known is false for a period before the first pay period end: payroll began in it, but its
-- first pay period's cost falls in a later month, so its cost is unknown, not $0.
-- Support staff: every job class except provider.
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to)),
{{payroll_days}}
SELECT
  p.period_n,
  any_value(k.days_n)::DOUBLE AS days_n,
  any_value(k.days_n) > 0 AS payroll_known,
  coalesce((SELECT min(month_start) FILTER (WHERE payroll_cost_usd <> 0 OR regular_hours + overtime_hours + pto_hours <> 0)
    FROM rollup_payroll_month) <= any_value(p.to_date), false) AS cost_known,
  coalesce(sum(r.payroll_cost_usd), 0) AS payroll_cost_usd,
  coalesce(sum(r.payroll_cost_usd) FILTER (WHERE r.job_class <> 'provider'), 0) AS support_cost_usd,
  coalesce(sum(r.regular_hours), 0)::DOUBLE AS regular_hours,
  coalesce(sum(r.overtime_hours), 0)::DOUBLE AS overtime_hours,
  coalesce(sum(r.fte_days), 0)::DOUBLE AS fte_days,
  coalesce(sum(r.fte_days) FILTER (WHERE r.job_class <> 'provider'), 0)::DOUBLE AS support_fte_days,
  coalesce(sum(r.fte_days) FILTER (WHERE r.job_class = 'provider'), 0)::DOUBLE AS provider_fte_days,
  coalesce(sum(r.fte_days) FILTER (WHERE r.job_class = 'clinical'), 0)::DOUBLE AS clinical_fte_days,
  coalesce(sum(r.fte_days) FILTER (WHERE r.job_class = 'front_office'), 0)::DOUBLE AS front_office_fte_days,
  coalesce(sum(r.fte_days) FILTER (WHERE r.job_class = 'business_ops'), 0)::DOUBLE AS business_ops_fte_days,
  coalesce(sum(r.fte_days) FILTER (WHERE r.job_class = 'ancillary'), 0)::DOUBLE AS ancillary_fte_days
FROM period p
JOIN payroll_days k ON k.period_n = p.period_n
LEFT JOIN rollup_payroll_month r
  ON r.month_start BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR r.location_id = $location_id)
GROUP BY p.period_n;
