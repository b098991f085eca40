-- rollup_appt_month: appointments by month of scheduled start x location x provider.
-- late_cancel_n counts cancellations flagged late (less than 24 h before the start, set at
-- load); cancelled_n counts the other cancellations. entered-in-error rows count nowhere.
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
SELECT
  date_trunc('month', scheduled_start)::DATE AS month_start,
  location_id, provider_id,
  count(*) FILTER (WHERE status <> 'entered-in-error')::BIGINT AS scheduled_n,
  count(*) FILTER (WHERE status = 'fulfilled')::BIGINT AS fulfilled_n,
  count(*) FILTER (WHERE status = 'noshow')::BIGINT AS noshow_n,
  count(*) FILTER (WHERE status = 'cancelled' AND late_cancel)::BIGINT AS late_cancel_n,
  count(*) FILTER (WHERE status = 'cancelled' AND NOT late_cancel)::BIGINT AS cancelled_n
FROM fact_appointment
WHERE /*months:scheduled_start*/ TRUE
GROUP BY ALL
ORDER BY month_start;
