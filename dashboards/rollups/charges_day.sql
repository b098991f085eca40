-- rollup_charges_day: charges by post date x location x provider x payer class, for the
-- 90-day charge average of days in A/R (a monthly grain cannot give an exact 90 days).
SELECT post_date, location_id, provider_id, payer_class, sum(amount_usd)::DECIMAL(18, 2) AS charges_usd
FROM fact_billing_txn
WHERE txn_type = 'charge'
GROUP BY ALL
ORDER BY post_date;
