-- Denial reasons over a period: reason code with its description, and either the new denials
-- (claims, adjustment rows, dollars) or the reversals of earlier denials, largest first; never
-- the two netted. Grouped by reason only, or by payer and reason.
-- The group-by and kind placeholders below are filled from the allow-lists in
-- denial-reasons.ts, never from a request.
SELECT
  {{group}},
  coalesce(any_value(r.description), 'Reason code not in the CARC list') AS description,
  count(DISTINCT d.claim_id)::DOUBLE AS claims_n,
  sum(d.{{count}})::DOUBLE AS adjustments_n,
  sum(d.{{amount}}) AS denial_usd
FROM rollup_denial d
LEFT JOIN ref_carc r ON r.carc_code = d.carc_code
LEFT JOIN dim_payer p ON p.payer_id = d.payer_id
WHERE d.month_start BETWEEN $from::DATE AND $to::DATE
  AND d.{{count}} > 0
  AND ($location_id IS NULL OR d.location_id = $location_id)
  AND ($provider_id IS NULL OR d.provider_id = $provider_id)
  AND ($payer_class IS NULL OR d.payer_class = $payer_class)
GROUP BY ALL
ORDER BY denial_usd DESC, claims_n DESC, d.carc_code
LIMIT $limit;
