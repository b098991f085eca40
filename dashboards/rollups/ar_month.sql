-- rollup_ar_month: A/R at every month end from the first to the last post month of the
-- ledger, by location x provider x payer x payer class of the claim (rollup_claim), in the
-- aging buckets of as_of_date - the claim's date of service.
-- A claim's balance at D = charges - payments + refunds - adjustments posted on or before D
-- (transfers move balance between payers and leave A/R unchanged). Open claims only: a claim
-- in credit (balance < 0) is owed back, not receivable, and is left out of A/R; its credit is
-- kept apart as credit_usd (a positive amount) and credit_claims_n, so that A/R minus credit
-- ties to the ledger's roll-forward (rollup_ar_flow_month) to the cent.
-- Built from change points: a claim's balance changes only in months it has postings, so
-- only its open spans are expanded to month ends, never every claim for every month.
-- Every column is a sum or count over claims, so the table is also the sum of its claims'
-- contributions: the `/*claims*/ TRUE` filters (true here) are where the incremental refresh
-- (ar-delta.ts) narrows this same query to the claims a load touches; the month ends always
-- span the whole ledger (bounds), which the refresh binds in place of the marked bounds query
-- (the month range rollup_ar_flow_month holds) instead of reading every row again.
-- A row's month is pb_month_start(d) (migration 065: date_trunc's month without its TIMESTAMP).
WITH delta AS (
  SELECT claim_id, pb_month_start(post_date) AS month_start,
    sum(CASE txn_type
          WHEN 'charge' THEN amount_usd WHEN 'refund' THEN amount_usd
          WHEN 'payment' THEN -amount_usd WHEN 'adjustment' THEN -amount_usd
        END) AS change_usd
  FROM fact_billing_txn
  WHERE txn_type <> 'transfer' AND /*claims*/ TRUE
  GROUP BY ALL
),
bounds AS (
  /*bounds*/SELECT date_trunc('month', min(post_date))::DATE AS first_m, date_trunc('month', max(post_date))::DATE AS last_m
  FROM fact_billing_txn WHERE txn_type <> 'transfer'/*end bounds*/
),
segment AS (
  SELECT claim_id, month_start AS from_m,
    coalesce(lead(month_start) OVER w, (SELECT last_m FROM bounds) + INTERVAL 1 MONTH)::DATE AS until_m,
    sum(change_usd) OVER w AS balance_usd
  FROM delta
  WINDOW w AS (PARTITION BY claim_id ORDER BY month_start)
),
month_end AS (
  SELECT unnest(generate_series(first_m, last_m, INTERVAL 1 MONTH))::DATE AS month_start FROM bounds
),
-- Open segments of claims sharing attributes, date of service and span collapse to one row
-- before the expansion to month ends, which keeps the expansion small.
open_span AS (
  SELECT c.location_id, c.provider_id, c.payer_id, c.payer_class, c.service_date, s.from_m, s.until_m,
    s.balance_usd > 0 AS is_open,
    count(*) AS claims_n, sum(s.balance_usd) AS balance_usd
  FROM segment s JOIN (SELECT * FROM rollup_claim WHERE /*claims*/ TRUE) c USING (claim_id)
  WHERE s.balance_usd <> 0
  GROUP BY ALL
),
aged AS (
  SELECT last_day(m.month_start) AS as_of_date, o.location_id, o.provider_id, o.payer_id, o.payer_class,
    o.is_open, o.claims_n, o.balance_usd, last_day(m.month_start) - o.service_date AS age_days
  FROM open_span o
  JOIN month_end m ON m.month_start >= o.from_m AND m.month_start < o.until_m
)
SELECT
  as_of_date, location_id, provider_id, payer_id, payer_class,
  coalesce(sum(claims_n) FILTER (WHERE is_open), 0)::BIGINT AS open_claims_n,
  coalesce(sum(balance_usd) FILTER (WHERE is_open), 0)::DECIMAL(18, 2) AS ar_usd,
  coalesce(sum(balance_usd) FILTER (WHERE is_open AND age_days <= 30), 0)::DECIMAL(18, 2) AS ar_0_30_usd,
  coalesce(sum(balance_usd) FILTER (WHERE is_open AND age_days BETWEEN 31 AND 60), 0)::DECIMAL(18, 2) AS ar_31_60_usd,
  coalesce(sum(balance_usd) FILTER (WHERE is_open AND age_days BETWEEN 61 AND 90), 0)::DECIMAL(18, 2) AS ar_61_90_usd,
  coalesce(sum(balance_usd) FILTER (WHERE is_open AND age_days BETWEEN 91 AND 120), 0)::DECIMAL(18, 2) AS ar_91_120_usd,
  coalesce(sum(balance_usd) FILTER (WHERE is_open AND age_days > 120), 0)::DECIMAL(18, 2) AS ar_over_120_usd,
  coalesce(sum(claims_n) FILTER (WHERE NOT is_open), 0)::BIGINT AS credit_claims_n,
  coalesce(-sum(balance_usd) FILTER (WHERE NOT is_open), 0)::DECIMAL(18, 2) AS credit_usd
FROM aged
GROUP BY ALL
ORDER BY as_of_date;
