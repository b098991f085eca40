-- rollup_claim: one row per claim, for the denial rate and days to payment.
-- A claim's location, provider, payer and payer class are those of its first charge row
-- (earliest post date, then line, then transaction id); its service date is its earliest
-- date of service. Adjudication = first insurance payment or first adjustment carrying a
-- CARC (a remittance adjustment); an adjustment without a CARC is an internal write-off.
-- $non_denial: 'GROUP-CARC' pairs that are not denials (contractual and patient share).
-- Written in the order of adjudication_date, claim_id (steps.ts, `order`). A full rebuild of
-- many claims runs this query one range of claim ids at a time, the range in place of the
-- claim-range marker below (claim-pieces.ts); a partial one keeps its claims' rows (steps.ts).
WITH per_claim AS (
  SELECT
    claim_id,
    arg_min(
      {'location_id': location_id, 'provider_id': provider_id, 'payer_id': payer_id, 'payer_class': payer_class},
      (txn_type <> 'charge', post_date, line_n, transaction_id)
    ) AS attr,
    min(service_date) AS service_date,
    min(post_date) FILTER (WHERE txn_type = 'charge') AS first_charge_post_date,
    min(post_date) FILTER (
      WHERE (txn_type = 'payment' AND payment_source = 'insurance')
         OR (txn_type = 'adjustment' AND carc_code IS NOT NULL)
    ) AS adjudication_date,
    min(post_date) FILTER (
      WHERE txn_type = 'payment' AND payment_source = 'insurance' AND amount_usd > 0
    ) AS first_ins_payment_date,
    coalesce(bool_or(
      txn_type = 'adjustment' AND carc_code IS NOT NULL
      AND NOT list_contains($non_denial::VARCHAR[], adj_group || '-' || carc_code)
    ), false) AS has_denial,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'charge'), 0) AS charges_usd
  FROM fact_billing_txn
  WHERE /*claim-range*/ TRUE
  GROUP BY claim_id
)
SELECT
  claim_id,
  attr.location_id AS location_id,
  attr.provider_id AS provider_id,
  attr.payer_id AS payer_id,
  attr.payer_class AS payer_class,
  service_date,
  first_charge_post_date,
  adjudication_date,
  first_ins_payment_date,
  has_denial,
  charges_usd::DECIMAL(18, 2) AS charges_usd
FROM per_claim;
