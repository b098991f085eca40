-- The people each location paid, by month of the pay period end (the month payroll cost falls
-- in), for the months from $from to $to: the head counts of the minimum pay group rule
-- (pay-groups.ts). A location that paid nobody in a month has no row.
SELECT date_trunc('month', period_end)::DATE::VARCHAR AS month_start, location_id, count(DISTINCT employee_id)::BIGINT AS employees_n
FROM fact_payroll
WHERE period_end BETWEEN date_trunc('month', $from::DATE) AND last_day($to::DATE)
GROUP BY ALL
ORDER BY 1, 2;
