-- Shared prelude (a CTE list) of the remittance queries: the 835 claims whose payment date
-- (BPR16) falls in [$from, $to], with their payer and, where the ledger's payer table knows the
-- payer id, its class. $payer_class NULL means every payer.
era_claim AS (
  SELECT c.*, t.payment_date, t.payer_id AS era_payer_id,
         coalesce(t.payer_name, t.payer_id, t.trace_key) AS payer, p.payer_class
  FROM remit_claim c
  JOIN remit_transaction t USING (file_id, txn_position)
  LEFT JOIN dim_payer p ON p.payer_id = t.payer_id
  WHERE t.payment_date BETWEEN $from AND $to
    AND ($payer_class IS NULL OR p.payer_class = $payer_class)
)
