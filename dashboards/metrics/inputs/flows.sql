-- Money flows, charge lag sums, work RVUs and claim counts over each requested period.
-- Flows fall in the period of their post date; claim counts in the period of the event.
-- ledger_known is false when the period lies wholly outside what the ledger covers: no data is
-- not the same as no money. before_ledger is true when the period starts in a month before the
-- ledger's first month: a trailing rate over it would repeat fewer months than it names.
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to)),
covered AS (
  SELECT p.period_n, bool_or(c.first_date <= p.to_date AND c.last_date >= p.from_date) AS ledger_known,
    bool_or(date_trunc('month', c.first_date) > p.from_date) AS before_ledger
  FROM period p LEFT JOIN rollup_coverage c ON c.source = 'billing'
  GROUP BY p.period_n
)
SELECT
  p.period_n,
  coalesce(any_value(k.ledger_known), false) AS ledger_known,
  coalesce(any_value(k.before_ledger), false) AS before_ledger,
  coalesce(sum(f.charges_usd), 0) AS charges_usd,
  coalesce(sum(f.ins_payments_usd), 0) AS ins_payments_usd,
  coalesce(sum(f.patient_payments_usd), 0) AS patient_payments_usd,
  coalesce(sum(f.refunds_usd), 0) AS refunds_usd,
  coalesce(sum(f.net_payments_usd), 0) AS net_payments_usd,
  coalesce(sum(f.contractual_adj_usd), 0) AS contractual_adj_usd,
  coalesce(sum(f.denial_adj_usd), 0) AS denial_adj_usd,
  coalesce(sum(f.other_adj_usd), 0) AS other_adj_usd,
  coalesce(sum(f.charge_lines_n), 0)::DOUBLE AS charge_lines_n,
  coalesce(sum(f.charge_lag_days_sum), 0)::DOUBLE AS charge_lag_days_sum,
  coalesce(sum(f.work_rvus), 0)::DOUBLE AS work_rvus,
  coalesce(sum(f.claims_adjudicated_n), 0)::DOUBLE AS claims_adjudicated_n,
  coalesce(sum(f.claims_denied_n), 0)::DOUBLE AS claims_denied_n,
  coalesce(sum(f.adjudicated_charges_usd), 0) AS adjudicated_charges_usd,
  coalesce(sum(f.denied_charges_usd), 0) AS denied_charges_usd
FROM period p
JOIN covered k ON k.period_n = p.period_n
LEFT JOIN rollup_flow_month f
  ON f.month_start BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR f.location_id = $location_id)
  AND ($provider_id IS NULL OR f.provider_id = $provider_id)
  AND ($payer_class IS NULL OR f.payer_class = $payer_class)
GROUP BY p.period_n;
