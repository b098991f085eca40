-- Clinic days in each requested period: distinct weekdays with a fulfilled visit at the
-- selected location (any location when none is selected).
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to))
SELECT p.period_n, count(DISTINCT d.date_day)::DOUBLE AS clinic_days_n
FROM period p
LEFT JOIN rollup_clinic_day d
  ON d.date_day BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR d.location_id = $location_id)
GROUP BY p.period_n;
