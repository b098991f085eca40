-- The 835 payments (BPR02, by payment date) beside the ledger's insurance payments less
-- insurance refunds (by post date), by payer and month. Payers are matched by id (N1*PR N104
-- = the ledger's payer_id); a payer only one side knows shows a blank on the other.
WITH era AS (
  SELECT coalesce(t.payer_id, t.trace_key) AS payer_id, any_value(t.payer_name) AS payer_name,
         date_trunc('month', t.payment_date)::DATE AS month_start, sum(t.total_paid_usd) AS era_paid
  FROM remit_transaction t LEFT JOIN dim_payer p ON p.payer_id = t.payer_id
  WHERE t.payment_date BETWEEN $from AND $to AND ($payer_class IS NULL OR p.payer_class = $payer_class)
  GROUP BY ALL
),
ledger AS (
  SELECT payer_id, date_trunc('month', post_date)::DATE AS month_start,
         sum(CASE WHEN txn_type = 'payment' THEN amount_usd ELSE -amount_usd END) AS ledger_paid
  FROM fact_billing_txn
  WHERE payment_source = 'insurance' AND txn_type IN ('payment', 'refund') AND post_date BETWEEN $from AND $to
    AND ($payer_class IS NULL OR payer_class = $payer_class)
  GROUP BY ALL
)
SELECT CAST(month_start AS VARCHAR) AS month_start,
       coalesce(any_value(e.payer_name), any_value(p.payer_name), payer_id) AS payer,
       CAST(sum(e.era_paid) AS VARCHAR) AS era_paid_usd,
       CAST(sum(l.ledger_paid) AS VARCHAR) AS ledger_paid_usd,
       CAST(coalesce(sum(e.era_paid), 0) - coalesce(sum(l.ledger_paid), 0) AS VARCHAR) AS difference_usd
FROM era e FULL JOIN ledger l USING (payer_id, month_start)
LEFT JOIN dim_payer p USING (payer_id)
GROUP BY month_start, payer_id
ORDER BY month_start, payer
