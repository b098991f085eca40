-- rollup_visit: one row per fulfilled appointment (no patient, no appointment id), keeping
-- what the medians need, since a median cannot be rebuilt from medians.
-- lead_days: calendar days from the booking date to the visit date (NULL when not booked_at);
-- visit_minutes: check-in to check-out, only when both are present and on the same day.
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
SELECT
  date_trunc('month', scheduled_start)::DATE AS month_start,
  scheduled_start::DATE AS visit_date,
  location_id, provider_id,
  date_diff('day', booked_at::DATE, scheduled_start::DATE) AS lead_days,
  CASE WHEN checked_out_at::DATE = checked_in_at::DATE
    THEN epoch(checked_out_at - checked_in_at) / 60.0 END AS visit_minutes
FROM fact_appointment
WHERE status = 'fulfilled' AND /*months:scheduled_start*/ TRUE
ORDER BY month_start;
