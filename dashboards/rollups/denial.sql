-- rollup_denial: denial adjustments by post month x claim x CARC, in the group (location,
-- provider, payer, payer class) the adjustment row names, for the top denial reasons.
-- One row per claim and reason per month, so distinct claims can be counted at query time.
-- New denials (a positive denial adjustment) and reversals of earlier denials (the same
-- adjustment with a negative amount, docs/sources.md) are kept apart, never netted: a month's
-- largest new denial reason must not hide behind last month's reversals.
-- $non_denial: 'GROUP-CARC' pairs that are not denials; an adjustment without a CARC is none.
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
-- A row's month is pb_month_start(d) (migration 065: date_trunc's month without its TIMESTAMP).
SELECT
  pb_month_start(post_date) AS month_start,
  claim_id, location_id, provider_id, payer_id, payer_class, carc_code,
  count(*) FILTER (WHERE amount_usd > 0)::BIGINT AS adjustments_n,
  coalesce(sum(amount_usd) FILTER (WHERE amount_usd > 0), 0)::DECIMAL(18, 2) AS denial_usd,
  count(*) FILTER (WHERE amount_usd < 0)::BIGINT AS reversals_n,
  coalesce(-sum(amount_usd) FILTER (WHERE amount_usd < 0), 0)::DECIMAL(18, 2) AS reversal_usd
FROM fact_billing_txn
WHERE txn_type = 'adjustment' AND carc_code IS NOT NULL AND /*months:post_date*/ TRUE
  AND NOT list_contains($non_denial::VARCHAR[], adj_group || '-' || carc_code)
GROUP BY ALL
ORDER BY month_start;
