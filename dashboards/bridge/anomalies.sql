-- Payments by payer and charges by provider in the month ($month_start) and in each of the
-- three months before it, from rollup_flow_month; fulfilled visits by provider in the month
-- from rollup_appt_month (a provider with visits but no charges points at the export).
WITH months AS (
  SELECT month_start, (date_diff('month', month_start, $month_start::DATE))::INTEGER AS back
  FROM rollup_flow_month
  WHERE month_start BETWEEN $month_start::DATE - INTERVAL 3 MONTH AND $month_start::DATE
  GROUP BY month_start
),
flows AS (
  SELECT f.*, m.back FROM rollup_flow_month f JOIN months m USING (month_start)
)
SELECT 'payer' AS kind, payer_id AS key, any_value(d.payer_name) AS label,
  coalesce(sum(net_payments_usd) FILTER (WHERE back = 0), 0)::DECIMAL(18, 2) AS now_usd,
  coalesce(sum(net_payments_usd) FILTER (WHERE back BETWEEN 1 AND 3), 0)::DECIMAL(18, 2) AS trailing_usd,
  count(DISTINCT back) FILTER (WHERE back BETWEEN 1 AND 3 AND net_payments_usd > 0)::INTEGER AS trailing_months_n,
  0::BIGINT AS visits_now_n
FROM flows LEFT JOIN dim_payer d USING (payer_id)
WHERE payer_id IS NOT NULL
GROUP BY payer_id
UNION ALL
SELECT 'provider', provider_id, any_value(d.provider_name),
  coalesce(sum(charges_usd) FILTER (WHERE back = 0), 0),
  coalesce(sum(charges_usd) FILTER (WHERE back BETWEEN 1 AND 3), 0),
  count(DISTINCT back) FILTER (WHERE back BETWEEN 1 AND 3 AND charges_usd > 0),
  coalesce((SELECT sum(a.fulfilled_n) FROM rollup_appt_month a WHERE a.provider_id = flows.provider_id AND a.month_start = $month_start::DATE), 0)::BIGINT
FROM flows LEFT JOIN dim_provider d USING (provider_id)
WHERE provider_id IS NOT NULL
GROUP BY provider_id
ORDER BY kind, key;
