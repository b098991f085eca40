-- What each fact source covers and when it last loaded, for the freshness line of every page.
SELECT source,
       min(first_date)::VARCHAR AS first_date,
       max(last_date)::VARCHAR AS last_date,
       strftime(max(loaded_at), '%Y-%m-%d %H:%M') AS last_loaded_at,
       count(*)::INTEGER AS files_n
FROM etl_file
WHERE source IN ('billing', 'appointments', 'payroll')
GROUP BY source
ORDER BY source
