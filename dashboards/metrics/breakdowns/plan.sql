-- Planned value of every budget line over a period of whole months. With a location: that
-- location's rows. Without: for each line and month, the practice-wide row ('ALL') when there
-- is one, else the sum of the location rows.
WITH month_plan AS (
  SELECT
    budget_line,
    month_start,
    CASE
      WHEN $location_id IS NOT NULL THEN sum(planned_value) FILTER (WHERE location_id = $location_id)
      WHEN bool_or(location_id = 'ALL') THEN sum(planned_value) FILTER (WHERE location_id = 'ALL')
      ELSE sum(planned_value)
    END AS planned_value
  FROM ref_budget
  WHERE month_start BETWEEN $from::DATE AND $to::DATE
  GROUP BY budget_line, month_start
)
SELECT budget_line, sum(planned_value)::DECIMAL(18, 2) AS planned_value, count(planned_value)::DOUBLE AS months_n
FROM month_plan
WHERE planned_value IS NOT NULL
GROUP BY budget_line
ORDER BY budget_line;
