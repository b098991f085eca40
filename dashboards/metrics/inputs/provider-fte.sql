-- Provider FTE-days over each requested period (rollup_provider_fte_month: the roster when it
-- gives clinical FTEs, else payroll job class provider). Payroll does not name providers, so
-- with a provider selected and FTE from payroll the value is unknown (NULL), not zero. FTE from
-- payroll divides by the days payroll covers (payroll-days.sql), from the roster by the period's days.
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to)),
source AS (
  SELECT coalesce(bool_or(fte_source = 'payroll'), false) AS from_payroll FROM rollup_provider_fte_month
),
{{payroll_days}}
SELECT
  p.period_n,
  CASE WHEN (SELECT from_payroll FROM source) THEN any_value(k.days_n) ELSE p.to_date - p.from_date + 1 END::DOUBLE AS days_n,
  CASE WHEN (SELECT from_payroll FROM source) AND $provider_id IS NOT NULL THEN NULL
    ELSE coalesce(sum(r.fte_days), 0) END::DOUBLE AS provider_fte_days
FROM period p
JOIN payroll_days k ON k.period_n = p.period_n
LEFT JOIN rollup_provider_fte_month r
  ON r.month_start BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR r.location_id = $location_id)
  AND ($provider_id IS NULL OR r.provider_id = $provider_id)
GROUP BY p.period_n, p.from_date, p.to_date;
