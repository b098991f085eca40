-- Underpayments: 835 service lines whose allowed amount is below the fee schedule, by payer
-- and procedure code. Lines of claims processed in the period (CLP02 1-3, 19-21) that the payer
-- allowed something for (paid, or patient responsibility). Allowed = AMT*B6, else paid plus
-- the line's PR adjustments. Expected = the schedule's allowed amount for the payer id (else
-- its class), the code and the first modifier (else the code without modifier), times units,
-- rounded to the cent. Only pairs with underpaid lines; at most 25, largest shortfall first.
WITH {{prelude}},
line AS (
  SELECT c.payer, c.era_payer_id, c.payer_class, l.file_id, l.line_position, l.procedure_code, l.modifiers, l.units_n, l.paid_usd,
         coalesce(l.allowed_usd, l.paid_usd + coalesce(pr.pr_usd, 0)) AS allowed_usd
  FROM era_claim c JOIN remit_line l USING (file_id, claim_position)
  LEFT JOIN (SELECT file_id, line_position, sum(amount_usd) AS pr_usd FROM remit_adjustment WHERE group_code = 'PR' AND line_position IS NOT NULL GROUP BY ALL) pr
    USING (file_id, line_position)
  WHERE c.status_code IN ('1', '2', '3', '19', '20', '21') AND (l.paid_usd > 0 OR coalesce(pr.pr_usd, 0) > 0)
),
priced AS (
  SELECT l.*,
         CAST(round((SELECT f.expected_allowed_usd FROM ref_fee_schedule f
                WHERE f.procedure_code = l.procedure_code AND f.payer_ref IN (l.era_payer_id, l.payer_class)
                  AND f.modifier IN (split_part(l.modifiers, ':', 1), '')
                ORDER BY f.payer_ref = l.era_payer_id DESC, f.modifier <> '' DESC LIMIT 1) * l.units_n, 2) AS DECIMAL(18, 2)) AS expected_usd
  FROM line l
)
SELECT payer, procedure_code,
       count(*)::INTEGER AS priced_claim_lines_n,
       count(*) FILTER (allowed_usd < expected_usd)::INTEGER AS underpaid_claim_lines_n,
       CAST(sum(expected_usd) FILTER (allowed_usd < expected_usd) AS VARCHAR) AS expected_usd,
       CAST(sum(allowed_usd) FILTER (allowed_usd < expected_usd) AS VARCHAR) AS allowed_usd,
       CAST(sum(expected_usd - allowed_usd) FILTER (allowed_usd < expected_usd) AS VARCHAR) AS shortfall_usd
FROM priced
WHERE expected_usd IS NOT NULL
GROUP BY payer, procedure_code
HAVING count(*) FILTER (allowed_usd < expected_usd) > 0
ORDER BY sum(expected_usd - allowed_usd) FILTER (allowed_usd < expected_usd) DESC, payer, procedure_code
LIMIT 25
