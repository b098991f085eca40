-- Denial rate from the 835s, by payer (and a total row with payer NULL): claims adjudicated
-- in the period (paid, processed or denied: CLP02 1-4, 19-21; reversals 22 are apart) and
-- those denied: CLP02 = 4, or at least one denial adjustment (claim or line level, see
-- denial_adjustment below). By count and by charge dollars.
WITH {{prelude}},
denial_adjustment AS (
  -- House rule (PRODUCT.md): a CARC outside the contractual and patient-share pairs
  -- ($non_denial) is a denial; codes the shipped list marks 'other' (OA-23 prior payer impact,
  -- CARC 59, 94, 100, 131, 237) are not; a negative amount reverses and is not a new denial.
  SELECT DISTINCT a.file_id, a.claim_position
  FROM remit_adjustment a LEFT JOIN ref_carc r USING (carc_code)
  WHERE NOT list_contains($non_denial::VARCHAR[], a.group_code || '-' || a.carc_code)
    AND coalesce(r.category, 'denial') <> 'other' AND a.amount_usd > 0
),
flag AS (
  SELECT c.payer, c.charge_usd, c.status_code = '4' OR d.claim_position IS NOT NULL AS denied
  FROM era_claim c LEFT JOIN denial_adjustment d USING (file_id, claim_position)
  WHERE c.status_code IN ('1', '2', '3', '4', '19', '20', '21')
)
SELECT payer,
       count(*)::INTEGER AS claims_adjudicated_n,
       count(*) FILTER (denied)::INTEGER AS claims_denied_n,
       CASE WHEN count(*) > 0 THEN (count(*) FILTER (denied) / count(*))::DOUBLE END AS denial_rate_pct,
       CASE WHEN sum(charge_usd) > 0 THEN (coalesce(sum(charge_usd) FILTER (denied), 0) / sum(charge_usd))::DOUBLE END AS denial_rate_usd_pct
FROM flag
GROUP BY GROUPING SETS ((payer), ())
ORDER BY payer NULLS FIRST
