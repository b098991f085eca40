-- Medians over the fulfilled visits of each requested period: lead time (days from booking
-- to visit) and check-in to check-out minutes; each over the visits where it is known.
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to))
SELECT
  p.period_n,
  median(v.lead_days)::DOUBLE AS lead_days_median,
  count(v.lead_days)::DOUBLE AS lead_known_n,
  median(v.visit_minutes)::DOUBLE AS visit_minutes_median,
  count(v.visit_minutes)::DOUBLE AS minutes_known_n
FROM period p
LEFT JOIN rollup_visit v
  ON v.month_start BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR v.location_id = $location_id)
  AND ($provider_id IS NULL OR v.provider_id = $provider_id)
GROUP BY p.period_n;
