-- Payer payment velocity, by payer (and a total row with payer NULL): over claims paid in the
-- period (CLP02 1-3, 19-21 with CLP04 > 0), the median days from the date of service (the
-- earliest service line date, else the claim's statement start) to the payment date (BPR16),
-- and from the claim (the payer's received date, DTM*050, else the ledger's first charge post
-- date for the claim) to the payment date. Medians average the two middle values.
WITH {{prelude}},
first_service AS (SELECT file_id, claim_position, min(service_date) AS dos FROM remit_line GROUP BY ALL),
first_charge AS (SELECT claim_id, min(post_date) AS charged FROM fact_billing_txn WHERE txn_type = 'charge' GROUP BY claim_id),
paid AS (
  SELECT c.payer, c.payment_date, coalesce(s.dos, c.statement_from) AS dos, coalesce(c.received_date, f.charged) AS claimed
  FROM era_claim c LEFT JOIN first_service s USING (file_id, claim_position) LEFT JOIN first_charge f USING (claim_id)
  WHERE c.status_code IN ('1', '2', '3', '19', '20', '21') AND c.paid_usd > 0
)
SELECT payer,
       count(*)::INTEGER AS paid_claims_n,
       median(payment_date - dos)::DOUBLE AS days_from_service_days,
       median(payment_date - claimed)::DOUBLE AS days_from_claim_days
FROM paid
GROUP BY GROUPING SETS ((payer), ())
ORDER BY payer NULLS FIRST
