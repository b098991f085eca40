-- rollup_denial: denial adjustments by post month x claim x CARC, in the group (location,
-- provider, payer, payer class) the adjustment row names, for the top denial reasons.
-- One row per claim and reason per month, so distinct claims can be counted at query time.
-- $non_denial: 'GROUP-CARC' pairs that are not denials; an adjustment without a CARC is none.
SELECT
  date_trunc('month', post_date)::DATE AS month_start,
  claim_id, location_id, provider_id, payer_id, payer_class, carc_code,
  count(*)::BIGINT AS adjustments_n,
  sum(amount_usd)::DECIMAL(18, 2) AS denial_usd
FROM fact_billing_txn
WHERE txn_type = 'adjustment' AND carc_code IS NOT NULL
  AND NOT list_contains($non_denial::VARCHAR[], adj_group || '-' || carc_code)
GROUP BY ALL
ORDER BY month_start;
