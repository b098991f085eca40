-- Money flows of the month (cur) and its comparison (base) by procedure code, from the
-- billing facts (the flows rollup has no code), with the same definitions as
-- rollup_flow_month: charges; payments = insurance + patient payments - refunds; contractual
-- adjustments = group-CARC pairs of $contractual. The codes are grouped in TS (procedure-groups.json).
SELECT
  CASE WHEN post_date BETWEEN $cur_from::DATE AND $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
  procedure_code AS key,
  coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'charge'), 0)::DECIMAL(18, 2) AS charges_usd,
  (coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'payment' AND payment_source IN ('insurance', 'patient')), 0)
    - coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'refund'), 0))::DECIMAL(18, 2) AS net_payments_usd,
  coalesce(sum(amount_usd) FILTER (WHERE txn_type = 'adjustment' AND carc_code IS NOT NULL
    AND list_contains($contractual::VARCHAR[], adj_group || '-' || carc_code)), 0)::DECIMAL(18, 2) AS contractual_adj_usd
FROM fact_billing_txn
WHERE (post_date BETWEEN $cur_from::DATE AND $cur_to::DATE OR post_date BETWEEN $base_from::DATE AND $base_to::DATE)
  AND ($location_id IS NULL OR location_id = $location_id)
  AND ($provider_id IS NULL OR provider_id = $provider_id)
  AND ($payer_class IS NULL OR payer_class = $payer_class)
GROUP BY ALL
ORDER BY key NULLS LAST, period;
