-- rollup_clinic_day: the clinic days of every location. House rule: a clinic day is a
-- weekday (Monday to Friday) with at least one fulfilled visit at that location.
SELECT scheduled_start::DATE AS date_day, location_id, count(*)::BIGINT AS visits_n
FROM fact_appointment
WHERE status = 'fulfilled' AND isodow(scheduled_start) <= 5
GROUP BY ALL
ORDER BY date_day;
