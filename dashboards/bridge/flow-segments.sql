-- Money flows of the month (cur) and its comparison (base) by each bridge dimension, from
-- rollup_flow_month (post month x location x provider x payer x payer class). Every row lands
-- in every dimension's list once; a NULL key is the dimension's Unassigned segment.
WITH f AS (
  SELECT CASE WHEN month_start BETWEEN $cur_from::DATE AND $cur_to::DATE THEN 'cur' ELSE 'base' END AS period,
    payer_class, payer_id, provider_id, location_id, charges_usd, net_payments_usd, contractual_adj_usd
  FROM rollup_flow_month
  WHERE (month_start BETWEEN $cur_from::DATE AND $cur_to::DATE OR month_start BETWEEN $base_from::DATE AND $base_to::DATE)
    AND ($location_id IS NULL OR location_id = $location_id)
    AND ($provider_id IS NULL OR provider_id = $provider_id)
    AND ($payer_class IS NULL OR payer_class = $payer_class)
)
SELECT 'payerClass' AS dimension, payer_class AS key, period,
  sum(charges_usd)::DECIMAL(18, 2) AS charges_usd, sum(net_payments_usd)::DECIMAL(18, 2) AS net_payments_usd,
  sum(contractual_adj_usd)::DECIMAL(18, 2) AS contractual_adj_usd
FROM f GROUP BY ALL
UNION ALL
SELECT 'payer', payer_id, period, sum(charges_usd), sum(net_payments_usd), sum(contractual_adj_usd) FROM f GROUP BY ALL
UNION ALL
SELECT 'provider', provider_id, period, sum(charges_usd), sum(net_payments_usd), sum(contractual_adj_usd) FROM f GROUP BY ALL
UNION ALL
SELECT 'location', location_id, period, sum(charges_usd), sum(net_payments_usd), sum(contractual_adj_usd) FROM f GROUP BY ALL
ORDER BY dimension, key NULLS LAST, period;
