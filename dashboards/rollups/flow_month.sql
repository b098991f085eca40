-- rollup_flow_month: money flows by post month x location x provider x payer x payer class,
-- each transaction in the group its own row names. Plus claim counts, each claim counted
-- once, in the month of the event and the group of its first charge (rollup_claim):
-- billed = first charge posted; adjudicated / denied = first insurance payment or adjustment.
-- Work RVUs: units x dim_procedure.work_rvu on charges (a negative charge, a reversal,
-- subtracts its units); codes missing from dim_procedure count 0.
-- $contractual: 'GROUP-CARC' pairs of the contractual set; $non_denial: every non-denial pair.
-- Each row's pair is built and looked up only on adjustments with a CARC, and its RVUs
-- multiplied only on charges (the only rows the sums below take them from): a CASE evaluates
-- its THEN for the rows it selects, where an AND computed the lookup for every ledger row.
-- The months markers (true here) are where a partial rebuild narrows the ledger's and the
-- claims' scans to the months it rebuilds (month-scope.ts), each part by its own date.
-- A row's month is pb_month_start(d) (migration 065: date_trunc's month without its TIMESTAMP).
WITH txn AS (
  SELECT
    pb_month_start(f.post_date) AS month_start,
    f.location_id, f.provider_id, f.payer_id, f.payer_class,
    f.txn_type, f.amount_usd, f.payment_source,
    CASE WHEN f.txn_type = 'adjustment' AND f.carc_code IS NOT NULL
      THEN list_contains($contractual::VARCHAR[], f.adj_group || '-' || f.carc_code) ELSE false END AS is_contractual,
    CASE WHEN f.txn_type = 'adjustment' AND f.carc_code IS NOT NULL
      THEN NOT list_contains($non_denial::VARCHAR[], f.adj_group || '-' || f.carc_code) ELSE false END AS is_denial,
    f.post_date - f.service_date AS lag_days,
    CASE WHEN f.txn_type = 'charge'
      THEN CASE WHEN f.amount_usd < 0 THEN -f.units_n ELSE f.units_n END * coalesce(p.work_rvu, 0) END AS rvus
  FROM fact_billing_txn f
  LEFT JOIN dim_procedure p ON p.procedure_code = f.procedure_code
  WHERE /*months:f.post_date*/ TRUE
),
money AS (
  SELECT
    month_start, location_id, provider_id, payer_id, payer_class,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'charge'), 0) AS charges_usd,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'payment' AND payment_source = 'insurance'), 0) AS ins_payments_usd,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'payment' AND payment_source = 'patient'), 0) AS patient_payments_usd,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'refund'), 0) AS refunds_usd,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'adjustment' AND is_contractual), 0) AS contractual_adj_usd,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'adjustment' AND is_denial), 0) AS denial_adj_usd,
    coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'adjustment' AND NOT is_contractual AND NOT is_denial), 0) AS other_adj_usd,
    count(*) FILTER (WHERE txn_type = 'charge' AND amount_usd > 0) AS charge_lines_n,
    coalesce(sum(lag_days) FILTER (WHERE txn_type = 'charge' AND amount_usd > 0), 0) AS charge_lag_days_sum,
    coalesce(sum(rvus) FILTER (WHERE txn_type = 'charge'), 0) AS work_rvus
  FROM txn
  GROUP BY ALL
),
claim_events AS (
  SELECT pb_month_start(first_charge_post_date) AS month_start,
    location_id, provider_id, payer_id, payer_class,
    1 AS claims_billed_n, 0 AS claims_adjudicated_n, 0 AS claims_denied_n,
    0::DECIMAL(18, 2) AS adjudicated_charges_usd, 0::DECIMAL(18, 2) AS denied_charges_usd
  FROM rollup_claim WHERE first_charge_post_date IS NOT NULL AND /*months:first_charge_post_date*/ TRUE
  UNION ALL
  SELECT pb_month_start(adjudication_date),
    location_id, provider_id, payer_id, payer_class,
    0, 1, CASE WHEN has_denial THEN 1 ELSE 0 END,
    charges_usd, CASE WHEN has_denial THEN charges_usd ELSE 0 END
  FROM rollup_claim WHERE adjudication_date IS NOT NULL AND /*months:adjudication_date*/ TRUE
),
claims AS (
  SELECT month_start, location_id, provider_id, payer_id, payer_class,
    sum(claims_billed_n) AS claims_billed_n,
    sum(claims_adjudicated_n) AS claims_adjudicated_n,
    sum(claims_denied_n) AS claims_denied_n,
    sum(adjudicated_charges_usd) AS adjudicated_charges_usd,
    sum(denied_charges_usd) AS denied_charges_usd
  FROM claim_events
  GROUP BY ALL
)
SELECT
  month_start, location_id, provider_id, payer_id, payer_class,
  coalesce(m.charges_usd, 0)::DECIMAL(18, 2) AS charges_usd,
  coalesce(m.ins_payments_usd, 0)::DECIMAL(18, 2) AS ins_payments_usd,
  coalesce(m.patient_payments_usd, 0)::DECIMAL(18, 2) AS patient_payments_usd,
  coalesce(m.refunds_usd, 0)::DECIMAL(18, 2) AS refunds_usd,
  coalesce(m.ins_payments_usd + m.patient_payments_usd - m.refunds_usd, 0)::DECIMAL(18, 2) AS net_payments_usd,
  coalesce(m.contractual_adj_usd, 0)::DECIMAL(18, 2) AS contractual_adj_usd,
  coalesce(m.denial_adj_usd, 0)::DECIMAL(18, 2) AS denial_adj_usd,
  coalesce(m.other_adj_usd, 0)::DECIMAL(18, 2) AS other_adj_usd,
  coalesce(m.charge_lines_n, 0)::BIGINT AS charge_lines_n,
  coalesce(m.charge_lag_days_sum, 0)::BIGINT AS charge_lag_days_sum,
  coalesce(m.work_rvus, 0)::DECIMAL(18, 2) AS work_rvus,
  coalesce(c.claims_billed_n, 0)::BIGINT AS claims_billed_n,
  coalesce(c.claims_adjudicated_n, 0)::BIGINT AS claims_adjudicated_n,
  coalesce(c.claims_denied_n, 0)::BIGINT AS claims_denied_n,
  coalesce(c.adjudicated_charges_usd, 0)::DECIMAL(18, 2) AS adjudicated_charges_usd,
  coalesce(c.denied_charges_usd, 0)::DECIMAL(18, 2) AS denied_charges_usd
FROM money m
FULL OUTER JOIN claims c USING (month_start, location_id, provider_id, payer_id, payer_class)
ORDER BY month_start, location_id, provider_id, payer_id;
