-- rollup_clinic_day: the clinic days of every location. House rule: a clinic day is a
-- weekday (Monday to Friday) with at least one fulfilled visit at that location.
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
SELECT scheduled_start::DATE AS date_day, location_id, count(*)::BIGINT AS visits_n
FROM fact_appointment
WHERE status = 'fulfilled' AND isodow(scheduled_start) <= 5 AND /*months:scheduled_start*/ TRUE
GROUP BY ALL
ORDER BY date_day;
