-- rollup_charges_day: charges by post date x location x provider x payer class, for the
-- 90-day charge average of days in A/R (a monthly grain cannot give an exact 90 days).
-- The months marker (true here) is where a partial rebuild narrows the scan to the months it
-- rebuilds, on the row's own date column (month-scope.ts).
SELECT post_date, location_id, provider_id, payer_class, sum(amount_usd)::DECIMAL(18, 2) AS charges_usd
FROM fact_billing_txn
WHERE txn_type = 'charge' AND /*months:post_date*/ TRUE
GROUP BY ALL
ORDER BY post_date;
