-- A/R at the last day of each requested period, by aging bucket, and the charges posted in
-- the 90 days ending that day (for days in A/R), with the days of that window the ledger covers. ar_known is false when the day's month is
-- outside the months the ledger covers: no data is not the same as no A/R.
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to)),
ledger AS (
  SELECT first_date, date_trunc('month', first_date)::DATE AS first_m, date_trunc('month', last_date)::DATE AS last_m
  FROM rollup_coverage WHERE source = 'billing'
),
ar AS (
  SELECT
    p.period_n,
    coalesce(sum(a.ar_usd), 0) AS ar_usd,
    coalesce(sum(a.ar_0_30_usd), 0) AS ar_0_30_usd,
    coalesce(sum(a.ar_31_60_usd), 0) AS ar_31_60_usd,
    coalesce(sum(a.ar_61_90_usd), 0) AS ar_61_90_usd,
    coalesce(sum(a.ar_91_120_usd), 0) AS ar_91_120_usd,
    coalesce(sum(a.ar_over_120_usd), 0) AS ar_over_120_usd,
    coalesce(sum(a.open_claims_n), 0)::DOUBLE AS open_claims_n,
    -- Claims in credit (paid beyond their charges, owed back): kept out of A/R, shown apart.
    coalesce(sum(a.credit_usd), 0) AS credit_usd,
    coalesce(sum(a.credit_claims_n), 0)::DOUBLE AS credit_claims_n
  FROM period p
  LEFT JOIN rollup_ar_month a
    ON a.as_of_date = p.to_date
    AND ($location_id IS NULL OR a.location_id = $location_id)
    AND ($provider_id IS NULL OR a.provider_id = $provider_id)
    AND ($payer_class IS NULL OR a.payer_class = $payer_class)
  GROUP BY p.period_n
),
charges AS (
  SELECT p.period_n, coalesce(sum(d.charges_usd), 0) AS charges_90d_usd
  FROM period p
  LEFT JOIN rollup_charges_day d
    ON d.post_date BETWEEN p.to_date - 89 AND p.to_date
    AND ($location_id IS NULL OR d.location_id = $location_id)
    AND ($provider_id IS NULL OR d.provider_id = $provider_id)
    AND ($payer_class IS NULL OR d.payer_class = $payer_class)
  GROUP BY p.period_n
)
SELECT
  ar.*,
  charges.charges_90d_usd,
  -- Early in the ledger the 90-day window holds fewer days of charges: average over those.
  coalesce((SELECT least(90, greatest(0, p.to_date - first_date + 1)) FROM ledger), 90)::DOUBLE AS charge_days_n,
  coalesce((SELECT date_trunc('month', p.to_date) BETWEEN first_m AND last_m FROM ledger), false) AS ar_known
FROM period p
JOIN ar USING (period_n)
JOIN charges USING (period_n);
