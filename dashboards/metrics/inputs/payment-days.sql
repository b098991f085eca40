-- Median days from date of service to the first insurance payment, over the claims whose
-- first insurance payment posted in each requested period (median = mean of the two middle
-- values when the count is even).
WITH period AS (SELECT * FROM pb_periods($period_from, $period_to))
SELECT
  p.period_n,
  median(c.first_ins_payment_date - c.service_date)::DOUBLE AS days_to_payment_median,
  count(c.claim_id)::DOUBLE AS paid_claims_n
FROM period p
LEFT JOIN rollup_claim c
  ON c.first_ins_payment_date BETWEEN p.from_date AND p.to_date
  AND ($location_id IS NULL OR c.location_id = $location_id)
  AND ($provider_id IS NULL OR c.provider_id = $provider_id)
  AND ($payer_class IS NULL OR c.payer_class = $payer_class)
GROUP BY p.period_n;
