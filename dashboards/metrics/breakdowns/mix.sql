-- Charges, payments and work RVUs by one dimension over a period of whole months.
-- The key, table and labels placeholders are filled from the allow-list in mix.ts, never from a request.
WITH mix AS (
  SELECT
    {{key}} AS key,
    sum(charges_usd) AS charges_usd,
    sum(net_payments_usd) AS net_payments_usd,
    sum(work_rvus)::DOUBLE AS work_rvus
  FROM {{table}}
  WHERE month_start BETWEEN $from::DATE AND $to::DATE
    AND ($location_id IS NULL OR location_id = $location_id)
    AND ($provider_id IS NULL OR provider_id = $provider_id)
    AND ($payer_class IS NULL OR payer_class = $payer_class)
  GROUP BY 1
),
label AS ({{labels}})
SELECT mix.key, label.label, mix.charges_usd, mix.net_payments_usd, mix.work_rvus
FROM mix
LEFT JOIN label ON label.key = mix.key
ORDER BY mix.charges_usd DESC, mix.net_payments_usd DESC, mix.key NULLS LAST;
