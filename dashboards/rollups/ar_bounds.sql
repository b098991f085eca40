-- The ledger's month range, as the bounds of ar_month.sql: the first and last post month of
-- the transactions A/R counts (transfers left out). The incremental A/R refresh compares it
-- before and after a load's merge to know whether its delta applies (ar-delta.ts).
SELECT date_trunc('month', min(post_date))::DATE::VARCHAR AS first_m, date_trunc('month', max(post_date))::DATE::VARCHAR AS last_m
FROM fact_billing_txn
WHERE txn_type <> 'transfer'
