-- Top denial reasons on the 835s: denial adjustments (the rule of denials.sql) of claims paid
-- in the period, by CARC with its description, then the remark codes (RARC) given on the denied
-- claims. Claims and dollars; at most 10 rows of each kind, largest first.
WITH {{prelude}},
denial AS (
  SELECT c.claim_id, c.file_id, c.claim_position, a.carc_code, a.amount_usd
  FROM era_claim c JOIN remit_adjustment a USING (file_id, claim_position) LEFT JOIN ref_carc r USING (carc_code)
  WHERE c.status_code IN ('1', '2', '3', '4', '19', '20', '21')
    AND NOT list_contains($non_denial::VARCHAR[], a.group_code || '-' || a.carc_code)
    AND coalesce(r.category, 'denial') <> 'other' AND a.amount_usd > 0
),
carc AS (
  SELECT 'CARC' AS code_list, d.carc_code AS code, coalesce(any_value(r.description), '(not in the shipped list)') AS description,
         count(DISTINCT (d.file_id, d.claim_position))::INTEGER AS claims_n, sum(d.amount_usd) AS denial_usd
  FROM denial d LEFT JOIN ref_carc r USING (carc_code) GROUP BY d.carc_code ORDER BY denial_usd DESC, code LIMIT 10
),
rarc AS (
  SELECT 'RARC' AS code_list, m.rarc_code AS code, coalesce(any_value(r.description), '(not in the shipped list)') AS description,
         count(DISTINCT (m.file_id, m.claim_position))::INTEGER AS claims_n, NULL::DECIMAL(18, 2) AS denial_usd
  FROM remit_remark m JOIN (SELECT DISTINCT file_id, claim_position FROM denial) d USING (file_id, claim_position)
  LEFT JOIN ref_rarc r USING (rarc_code)
  GROUP BY m.rarc_code ORDER BY claims_n DESC, code LIMIT 10
)
SELECT code_list, code, description, claims_n, CAST(denial_usd AS VARCHAR) AS denial_usd FROM carc
UNION ALL
SELECT code_list, code, description, claims_n, CAST(denial_usd AS VARCHAR) FROM rarc
