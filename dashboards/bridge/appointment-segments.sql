-- Appointment outcomes of the month (cur) and its comparison (base) by location and provider,
-- from rollup_appt_month (month of scheduled start). Appointments carry no payer.
WITH a AS (
  SELECT CASE WHEN month_start BETWEEN $cur_from::DATE AND $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
    location_id, provider_id, fulfilled_n, noshow_n, late_cancel_n
  FROM rollup_appt_month
  WHERE (month_start BETWEEN $cur_from::DATE AND $cur_to::DATE OR month_start BETWEEN $base_from::DATE AND $base_to::DATE)
    AND ($location_id IS NULL OR location_id = $location_id)
    AND ($provider_id IS NULL OR provider_id = $provider_id)
)
SELECT 'provider' AS dimension, provider_id AS key, period,
  sum(fulfilled_n)::BIGINT AS fulfilled_n, sum(noshow_n)::BIGINT AS noshow_n, sum(late_cancel_n)::BIGINT AS late_cancel_n
FROM a GROUP BY ALL
UNION ALL SELECT 'location', location_id, period, sum(fulfilled_n), sum(noshow_n), sum(late_cancel_n) FROM a GROUP BY ALL
ORDER BY dimension, key NULLS LAST, period;
