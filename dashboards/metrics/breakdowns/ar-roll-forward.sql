-- The A/R roll-forward of each requested month: A/R and credit balances at the end of the
-- month before and of the month (rollup_ar_month), and the month's charges, payments,
-- adjustments and refunds in the group of the claim (rollup_ar_flow_month), so that
-- ar_start + charges - payments - adjustments + refunds = ar_end - (credit_end - credit_start).
-- ar_known is false for a month outside the months the ledger covers.
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to)),
ledger AS (
  SELECT date_trunc('month', first_date)::DATE AS first_m, date_trunc('month', last_date)::DATE AS last_m
  FROM rollup_coverage WHERE source = 'billing'
),
bal AS (
  SELECT p.period_n,
    coalesce(sum(a.ar_usd) FILTER (WHERE a.as_of_date = p.from_date - 1), 0) AS ar_start_usd,
    coalesce(sum(a.credit_usd) FILTER (WHERE a.as_of_date = p.from_date - 1), 0) AS credit_start_usd,
    coalesce(sum(a.ar_usd) FILTER (WHERE a.as_of_date = p.to_date), 0) AS ar_end_usd,
    coalesce(sum(a.credit_usd) FILTER (WHERE a.as_of_date = p.to_date), 0) AS credit_end_usd,
    coalesce(sum(a.credit_claims_n) FILTER (WHERE a.as_of_date = p.to_date), 0)::DOUBLE AS credit_claims_n
  FROM period p
  LEFT JOIN rollup_ar_month a
    ON a.as_of_date IN (p.from_date - 1, p.to_date)
    AND ($location_id IS NULL OR a.location_id = $location_id)
    AND ($provider_id IS NULL OR a.provider_id = $provider_id)
    AND ($payer_class IS NULL OR a.payer_class = $payer_class)
  GROUP BY p.period_n
),
flow AS (
  SELECT p.period_n,
    coalesce(sum(f.charges_usd), 0) AS charges_usd,
    coalesce(sum(f.payments_usd), 0) AS payments_usd,
    coalesce(sum(f.adjustments_usd), 0) AS adjustments_usd,
    coalesce(sum(f.refunds_usd), 0) AS refunds_usd
  FROM period p
  LEFT JOIN rollup_ar_flow_month f
    ON f.month_start BETWEEN p.from_date AND p.to_date
    AND ($location_id IS NULL OR f.location_id = $location_id)
    AND ($provider_id IS NULL OR f.provider_id = $provider_id)
    AND ($payer_class IS NULL OR f.payer_class = $payer_class)
  GROUP BY p.period_n
)
SELECT
  p.period_n,
  strftime(p.from_date, '%Y-%m-%d') AS month,
  coalesce((SELECT p.from_date BETWEEN first_m AND last_m FROM ledger), false) AS ar_known,
  bal.ar_start_usd, bal.credit_start_usd, flow.charges_usd, flow.payments_usd, flow.adjustments_usd, flow.refunds_usd,
  bal.ar_end_usd, bal.credit_end_usd, bal.credit_claims_n
FROM period p
JOIN bal USING (period_n)
JOIN flow USING (period_n)
ORDER BY p.period_n;
