-- rollup_coverage: the span each fact source covers, so a metric can tell "no data" from zero.
SELECT 'billing' AS source, min(post_date) AS first_date, max(post_date) AS last_date FROM fact_billing_txn
UNION ALL
SELECT 'appointments', min(scheduled_start)::DATE, max(scheduled_start)::DATE FROM fact_appointment
UNION ALL
SELECT 'payroll', min(period_start), max(period_end) FROM fact_payroll;
