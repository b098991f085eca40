-- Reversals, recoupments, interest and other provider-level adjustments, by payer, kept apart
-- from claim payments: reversed claims (CLP02 22; taken back = -CLP04), PLB amounts by the kind
-- of their reason (ref_plb_reason; positive = withheld from the payment, so interest (L6) is
-- shown as its negation, money paid), claim interest (AMT*I) and prompt-pay discounts (AMT*D8).
WITH {{prelude}},
claim_side AS (
  SELECT payer,
         count(*) FILTER (status_code = '22') AS reversed_claims_n,
         coalesce(-sum(paid_usd) FILTER (status_code = '22'), 0) AS reversed_usd,
         coalesce(sum(interest_usd), 0) AS claim_interest_usd,
         coalesce(sum(prompt_pay_usd), 0) AS prompt_pay_discount_usd
  FROM era_claim GROUP BY payer
),
plb_side AS (
  SELECT coalesce(t.payer_name, t.payer_id, t.trace_key) AS payer,
         coalesce(sum(p.amount_usd) FILTER (r.kind = 'recoupment'), 0) AS recoupment_usd,
         coalesce(-sum(p.amount_usd) FILTER (r.kind = 'interest'), 0) AS plb_interest_usd,
         coalesce(sum(p.amount_usd) FILTER (r.kind = 'balance_forward'), 0) AS forward_balance_usd,
         coalesce(sum(p.amount_usd) FILTER (r.kind IS NULL OR r.kind = 'other'), 0) AS other_plb_usd
  FROM remit_plb p JOIN remit_transaction t USING (file_id, txn_position)
  LEFT JOIN ref_plb_reason r USING (reason_code) LEFT JOIN dim_payer dp ON dp.payer_id = t.payer_id
  WHERE t.payment_date BETWEEN $from AND $to AND ($payer_class IS NULL OR dp.payer_class = $payer_class)
  GROUP BY ALL
)
SELECT payer,
       coalesce(c.reversed_claims_n, 0)::INTEGER AS reversed_claims_n,
       CAST(coalesce(c.reversed_usd, 0) AS VARCHAR) AS reversed_usd,
       CAST(coalesce(p.recoupment_usd, 0) AS VARCHAR) AS recoupment_usd,
       CAST(coalesce(p.plb_interest_usd, 0) + coalesce(c.claim_interest_usd, 0) AS VARCHAR) AS interest_usd,
       CAST(coalesce(c.prompt_pay_discount_usd, 0) AS VARCHAR) AS prompt_pay_discount_usd,
       CAST(coalesce(p.forward_balance_usd, 0) AS VARCHAR) AS forward_balance_usd,
       CAST(coalesce(p.other_plb_usd, 0) AS VARCHAR) AS other_plb_usd
FROM claim_side c FULL JOIN plb_side p USING (payer)
WHERE coalesce(c.reversed_claims_n, 0) > 0 OR coalesce(p.recoupment_usd, 0) <> 0 OR coalesce(p.plb_interest_usd, 0) <> 0
   OR coalesce(c.claim_interest_usd, 0) <> 0 OR coalesce(c.prompt_pay_discount_usd, 0) <> 0
   OR coalesce(p.forward_balance_usd, 0) <> 0 OR coalesce(p.other_plb_usd, 0) <> 0
ORDER BY payer
