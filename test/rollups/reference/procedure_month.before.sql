-- rollup_procedure_month: the procedure-code mix, by post month x location x provider x
-- payer class x procedure code, each transaction in the group its own row names.
-- Payments are net (insurance + patient - refunds) on rows carrying the code.
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
SELECT
  date_trunc('month', f.post_date)::DATE AS month_start,
  f.location_id, f.provider_id, f.payer_class, f.procedure_code,
  coalesce(sum(f.amount_usd) FILTER (WHERE f.txn_type = 'charge'), 0)::DECIMAL(18, 2) AS charges_usd,
  coalesce(sum(CASE f.txn_type WHEN 'payment' THEN f.amount_usd WHEN 'refund' THEN -f.amount_usd END), 0)::DECIMAL(18, 2)
    AS net_payments_usd,
  coalesce(sum(CASE WHEN f.amount_usd < 0 THEN -f.units_n ELSE f.units_n END) FILTER (WHERE f.txn_type = 'charge'), 0)::BIGINT
    AS units_n,
  coalesce(sum(CASE WHEN f.amount_usd < 0 THEN -f.units_n ELSE f.units_n END * coalesce(p.work_rvu, 0))
    FILTER (WHERE f.txn_type = 'charge'), 0)::DECIMAL(18, 2) AS work_rvus
FROM fact_billing_txn f
LEFT JOIN dim_procedure p ON p.procedure_code = f.procedure_code
WHERE /*months:f.post_date*/ TRUE
GROUP BY ALL
ORDER BY month_start, location_id, provider_id;
