-- Claims adjudicated and denied (by count and by charges) per payer class over one period, from
-- the same monthly flow rollup the catalog's denial rates read. Money as integer cents.
SELECT
  payer_class,
  coalesce(sum(claims_adjudicated_n), 0)::DOUBLE AS claims_adjudicated_n,
  coalesce(sum(claims_denied_n), 0)::DOUBLE AS claims_denied_n,
  CAST(coalesce(sum(adjudicated_charges_usd), 0) * 100 AS BIGINT) AS adjudicated_charges_cents,
  CAST(coalesce(sum(denied_charges_usd), 0) * 100 AS BIGINT) AS denied_charges_cents
FROM rollup_flow_month
WHERE month_start BETWEEN $from::DATE AND $to::DATE
  AND ($location_id IS NULL OR location_id = $location_id)
  AND ($provider_id IS NULL OR provider_id = $provider_id)
  AND ($payer_class IS NULL OR payer_class = $payer_class)
GROUP BY payer_class
ORDER BY payer_class;
