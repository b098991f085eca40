-- rollup_provider_fte_month: provider FTE-days by month x location x provider.
-- House rule: when the provider roster gives a clinical FTE for any provider, provider FTE
-- comes from the roster (fte_source 'roster'): each roster provider with a clinical FTE who
-- is active in a month (a charge posted or a fulfilled visit that month) counts clinical FTE
-- x days of the month, at the roster's home location. Otherwise it comes from payroll job
-- class 'provider' (fte_source 'payroll', provider_id NULL: payroll does not name providers).
WITH roster AS (
  SELECT provider_id, location_id, clinical_fte FROM dim_provider WHERE clinical_fte IS NOT NULL
),
active AS (
  SELECT month_start, provider_id FROM rollup_flow_month WHERE charge_lines_n > 0
  UNION
  SELECT month_start, provider_id FROM rollup_appt_month WHERE fulfilled_n > 0
)
SELECT a.month_start, r.location_id, r.provider_id, 'roster' AS fte_source,
  (r.clinical_fte * day(last_day(a.month_start)))::DECIMAL(18, 6) AS fte_days
FROM active a JOIN roster r USING (provider_id)
UNION ALL
SELECT month_start, location_id, NULL, 'payroll', fte_days
FROM rollup_payroll_month
WHERE job_class = 'provider' AND NOT EXISTS (SELECT 1 FROM roster)
ORDER BY month_start;
