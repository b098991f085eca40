-- A/R by payer class and aging bucket at one month end (the rollup's snapshot), for the
-- aging chart by payer class. Money as integer cents.
SELECT
  payer_class,
  CAST(sum(ar_0_30_usd) * 100 AS BIGINT) AS ar_0_30_cents,
  CAST(sum(ar_31_60_usd) * 100 AS BIGINT) AS ar_31_60_cents,
  CAST(sum(ar_61_90_usd) * 100 AS BIGINT) AS ar_61_90_cents,
  CAST(sum(ar_91_120_usd) * 100 AS BIGINT) AS ar_91_120_cents,
  CAST(sum(ar_over_120_usd) * 100 AS BIGINT) AS ar_over_120_cents
FROM rollup_ar_month
WHERE as_of_date = $as_of::DATE
  AND ($location_id IS NULL OR location_id = $location_id)
  AND ($provider_id IS NULL OR provider_id = $provider_id)
  AND ($payer_class IS NULL OR payer_class = $payer_class)
GROUP BY payer_class
ORDER BY payer_class;
