-- rollup_ar_flow_month: the ledger's flows by post month, in the group of the claim (its
-- first charge's location, provider, payer and payer class, as rollup_ar_month), for the A/R
-- roll-forward: A/R at start + charges - payments - adjustments + refunds = A/R at end - the
-- change in credit balances. Amounts as the ledger signs them (a reversal subtracts);
-- transfers move balance between payers and are left out, as in A/R. txns_n counts the rows
-- summed: a group row exists exactly while it is > 0 (the incremental refresh, ar-delta.ts,
-- adds and subtracts claims' contributions through the `/*claims*/ TRUE` filters and drops
-- the rows it brings to 0).
-- A row's month is pb_month_start(d) (migration 065: date_trunc's month without its TIMESTAMP).
SELECT
  pb_month_start(t.post_date) AS month_start,
  c.location_id, c.provider_id, c.payer_id, c.payer_class,
  coalesce(sum(t.amount_usd) FILTER (WHERE t.txn_type = 'charge'), 0)::DECIMAL(18, 2) AS charges_usd,
  coalesce(sum(t.amount_usd) FILTER (WHERE t.txn_type = 'payment'), 0)::DECIMAL(18, 2) AS payments_usd,
  coalesce(sum(t.amount_usd) FILTER (WHERE t.txn_type = 'adjustment'), 0)::DECIMAL(18, 2) AS adjustments_usd,
  coalesce(sum(t.amount_usd) FILTER (WHERE t.txn_type = 'refund'), 0)::DECIMAL(18, 2) AS refunds_usd,
  count(*)::BIGINT AS txns_n
FROM fact_billing_txn t
JOIN (SELECT * FROM rollup_claim WHERE /*claims*/ TRUE) c USING (claim_id)
WHERE t.txn_type <> 'transfer' AND /*claims*/ TRUE
GROUP BY ALL
ORDER BY month_start;
