-- The claims of the 835 file a run loaded that do not reconcile, for the run page (admin):
-- those the ledger lacks and those whose ERA paid total differs from the ledger's insurance
-- payments less refunds. Claim ids only; no patient identifier exists in the remittance tables.
WITH file_claim AS (
  SELECT DISTINCT c.claim_id, coalesce(t.payer_name, t.payer_id) AS payer
  FROM remit_claim c JOIN remit_transaction t USING (file_id, txn_position) WHERE t.run_id = $run_id
),
era_total AS (SELECT claim_id, sum(paid_usd) AS era_paid FROM remit_claim WHERE claim_id IN (SELECT claim_id FROM file_claim) GROUP BY claim_id),
ledger_claim AS (
  SELECT claim_id,
         sum(CASE WHEN payment_source = 'insurance' AND txn_type = 'payment' THEN amount_usd
                  WHEN payment_source = 'insurance' AND txn_type = 'refund' THEN -amount_usd ELSE 0 END) AS ledger_paid
  FROM fact_billing_txn WHERE claim_id IN (SELECT claim_id FROM file_claim) GROUP BY claim_id
)
SELECT f.claim_id, f.payer,
       CASE WHEN l.claim_id IS NULL THEN 'not in the ledger' ELSE 'paid differs' END AS finding,
       CAST(t.era_paid AS VARCHAR) AS era_paid_usd,
       CAST(l.ledger_paid AS VARCHAR) AS ledger_paid_usd,
       CAST(t.era_paid - coalesce(l.ledger_paid, 0) AS VARCHAR) AS difference_usd
FROM file_claim f JOIN era_total t USING (claim_id) LEFT JOIN ledger_claim l USING (claim_id)
WHERE l.claim_id IS NULL OR t.era_paid <> l.ledger_paid
ORDER BY finding, f.claim_id
LIMIT 500
