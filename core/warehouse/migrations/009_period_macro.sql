-- 009: the requested periods of a metric input, as one table macro every input shares:
-- one row per period (period_n from 0), from the two parallel lists of first and last days.
CREATE MACRO pb_periods(period_from, period_to) AS TABLE
  SELECT
    unnest(range(len(period_from))) AS period_n,
    unnest(period_from)::DATE AS from_date,
    unnest(period_to)::DATE AS to_date;
