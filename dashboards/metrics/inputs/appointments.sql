-- Appointment outcomes for appointments scheduled in each requested period.
-- appointments_known is false when the appointments cover none of the period (no data, not zero).
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to)),
covered AS (
  SELECT p.period_n, coalesce(bool_or(c.first_date <= p.to_date AND c.last_date >= p.from_date), false) AS appointments_known
  FROM period p LEFT JOIN rollup_coverage c ON c.source = 'appointments'
  GROUP BY p.period_n
)
SELECT
  p.period_n,
  any_value(k.appointments_known) AS appointments_known,
  coalesce(sum(a.scheduled_n), 0)::DOUBLE AS scheduled_n,
  coalesce(sum(a.fulfilled_n), 0)::DOUBLE AS fulfilled_n,
  coalesce(sum(a.noshow_n), 0)::DOUBLE AS noshow_n,
  coalesce(sum(a.late_cancel_n), 0)::DOUBLE AS late_cancel_n,
  coalesce(sum(a.cancelled_n), 0)::DOUBLE AS cancelled_n
FROM period p
JOIN covered k ON k.period_n = p.period_n
LEFT JOIN rollup_appt_month a
  ON a.month_start BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR a.location_id = $location_id)
  AND ($provider_id IS NULL OR a.provider_id = $provider_id)
GROUP BY p.period_n;
