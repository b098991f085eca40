-- Reconciliation of the 835s with the ledger, by payer (and a total row with payer NULL):
-- claims on the 835s paid in the period, how many the ledger has (matched by CLP01 = claim_id),
-- how many it lacks, and the matched claims whose ERA paid total (every 835 of the claim,
-- reversals included) differs from the ledger's insurance payments less insurance refunds.
WITH {{prelude}},
era_total AS (SELECT claim_id, sum(paid_usd) AS era_paid FROM remit_claim GROUP BY claim_id),
ledger_claim AS (
  SELECT claim_id,
         sum(CASE WHEN payment_source = 'insurance' AND txn_type = 'payment' THEN amount_usd
                  WHEN payment_source = 'insurance' AND txn_type = 'refund' THEN -amount_usd ELSE 0 END) AS ledger_paid
  FROM fact_billing_txn GROUP BY claim_id
),
per_claim AS (
  SELECT DISTINCT e.payer, e.claim_id, l.claim_id IS NOT NULL AS matched,
         t.era_paid, coalesce(l.ledger_paid, 0) AS ledger_paid
  FROM era_claim e JOIN era_total t USING (claim_id) LEFT JOIN ledger_claim l USING (claim_id)
)
SELECT payer,
       count(*)::INTEGER AS era_claims_n,
       count(*) FILTER (matched)::INTEGER AS matched_claims_n,
       count(*) FILTER (NOT matched)::INTEGER AS unmatched_claims_n,
       count(*) FILTER (matched AND era_paid <> ledger_paid)::INTEGER AS differing_claims_n,
       CAST(coalesce(sum(era_paid - ledger_paid) FILTER (matched AND era_paid <> ledger_paid), 0) AS DECIMAL(18, 2))::VARCHAR AS difference_usd
FROM per_claim
GROUP BY GROUPING SETS ((payer), ())
ORDER BY payer NULLS FIRST
