-- rollup_procedure_month: the procedure-code mix, by post month x location x provider x
-- payer class x procedure code, each transaction in the group its own row names.
-- Payments are net (insurance + patient - refunds) on rows carrying the code.
-- Work RVUs: signed charge units x dim_procedure.work_rvu (a negative charge, a reversal,
-- subtracts its units); codes missing from dim_procedure count 0. The code is part of the
-- group and dim_procedure holds one RVU per code, so the group's units are multiplied once,
-- after the sum (exact decimals: the same value as summing each row's product, without a join
-- and a decimal product per ledger row).
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
-- A row's month is pb_month_start(d) (migration 065: date_trunc's month without its TIMESTAMP).
WITH grouped AS (
  SELECT
    pb_month_start(f.post_date) AS month_start,
    f.location_id, f.provider_id, f.payer_class, f.procedure_code,
    coalesce(sum(f.amount_usd) FILTER (WHERE f.txn_type = 'charge'), 0)::DECIMAL(18, 2) AS charges_usd,
    coalesce(sum(CASE f.txn_type WHEN 'payment' THEN f.amount_usd WHEN 'refund' THEN -f.amount_usd END), 0)::DECIMAL(18, 2)
      AS net_payments_usd,
    coalesce(sum(CASE WHEN f.amount_usd < 0 THEN -f.units_n ELSE f.units_n END) FILTER (WHERE f.txn_type = 'charge'), 0)::BIGINT
      AS units_n
  FROM fact_billing_txn f
  WHERE /*months:f.post_date*/ TRUE
  GROUP BY ALL
)
SELECT
  g.month_start, g.location_id, g.provider_id, g.payer_class, g.procedure_code,
  g.charges_usd, g.net_payments_usd, g.units_n,
  (g.units_n * coalesce(p.work_rvu, 0))::DECIMAL(18, 2) AS work_rvus
FROM grouped g
LEFT JOIN dim_procedure p ON p.procedure_code = g.procedure_code
ORDER BY month_start, location_id, provider_id;
