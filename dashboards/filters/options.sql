-- The filter bar's choices: every location and provider the reference data names, and every
-- id the facts use that it does not (an export whose roster is missing or behind): such an id is
-- listed under its own id, so it can still be filtered. Names are the reference data's.
-- A provider's locations: its roster location and every location its claims and appointments
-- name, so the provider list can follow the chosen location.
WITH loc AS (
  SELECT location_id AS id, location_name AS name FROM dim_location
  UNION ALL SELECT DISTINCT location_id, NULL FROM rollup_claim
  UNION ALL SELECT DISTINCT location_id, NULL FROM rollup_appt_month
  UNION ALL SELECT DISTINCT location_id, NULL FROM rollup_payroll_month
),
prov AS (
  SELECT provider_id AS id, provider_name AS name, location_id AS works_at FROM dim_provider
  UNION ALL SELECT DISTINCT provider_id, NULL, location_id FROM rollup_claim
  UNION ALL SELECT DISTINCT provider_id, NULL, location_id FROM rollup_appt_month
)
SELECT 'location' AS kind, id, coalesce(max(name), id) AS name, NULL::VARCHAR[] AS locations FROM loc WHERE id IS NOT NULL GROUP BY id
UNION ALL
SELECT 'provider' AS kind, id, coalesce(max(name), id) AS name, list_sort(list(DISTINCT works_at) FILTER (WHERE works_at IS NOT NULL)) AS locations
FROM prov WHERE id IS NOT NULL GROUP BY id
ORDER BY kind, name, id
