-- One run's 835 file: its transactions with their control totals, for the run page.
SELECT t.txn_position::INTEGER AS segment, t.trace_number, coalesce(t.payer_name, t.payer_id) AS payer,
       CAST(t.payment_date AS VARCHAR) AS payment_date, t.payment_method,
       CAST(t.total_paid_usd AS VARCHAR) AS total_paid_usd, CAST(t.claims_paid_usd AS VARCHAR) AS claims_paid_usd,
       CAST(t.plb_total_usd AS VARCHAR) AS plb_usd, CAST(t.payment_diff_usd AS VARCHAR) AS payment_diff_usd,
       t.claims_unbalanced_n, t.lines_unbalanced_n, t.claims_n
FROM remit_transaction t WHERE t.run_id = $run_id ORDER BY t.txn_position
