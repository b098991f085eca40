-- A/R at the last day of the month (cur) and of its comparison (base) by each bridge dimension
-- (of the claim's first charge), from rollup_ar_month.
WITH a AS (
  SELECT CASE WHEN as_of_date = $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
    payer_class, payer_id, provider_id, location_id, ar_usd
  FROM rollup_ar_month
  WHERE as_of_date IN ($cur_to::DATE, $base_to::DATE)
    AND ($location_id IS NULL OR location_id = $location_id)
    AND ($provider_id IS NULL OR provider_id = $provider_id)
    AND ($payer_class IS NULL OR payer_class = $payer_class)
)
SELECT 'payerClass' AS dimension, payer_class AS key, period, sum(ar_usd)::DECIMAL(18, 2) AS ar_usd FROM a GROUP BY ALL
UNION ALL SELECT 'payer', payer_id, period, sum(ar_usd) FROM a GROUP BY ALL
UNION ALL SELECT 'provider', provider_id, period, sum(ar_usd) FROM a GROUP BY ALL
UNION ALL SELECT 'location', location_id, period, sum(ar_usd) FROM a GROUP BY ALL
ORDER BY dimension, key NULLS LAST, period;
