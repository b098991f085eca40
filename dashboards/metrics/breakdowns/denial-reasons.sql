-- Denial reasons over a period: reason code with its description, denied claims, adjustment
-- rows and dollars, largest first. Grouped by reason only, or by payer and reason.
-- The group-by placeholder below is filled from the allow-list in denial-reasons.ts, never from a request.
SELECT
  {{group}},
  coalesce(any_value(r.description), 'Reason code not in the CARC list') AS description,
  count(DISTINCT d.claim_id)::DOUBLE AS claims_n,
  sum(d.adjustments_n)::DOUBLE AS adjustments_n,
  sum(d.denial_usd) AS denial_usd
FROM rollup_denial d
LEFT JOIN ref_carc r ON r.carc_code = d.carc_code
LEFT JOIN dim_payer p ON p.payer_id = d.payer_id
WHERE d.month_start BETWEEN $from::DATE AND $to::DATE
  AND ($location_id IS NULL OR d.location_id = $location_id)
  AND ($provider_id IS NULL OR d.provider_id = $provider_id)
  AND ($payer_class IS NULL OR d.payer_class = $payer_class)
GROUP BY ALL
ORDER BY denial_usd DESC, claims_n DESC, d.carc_code
LIMIT $limit;
