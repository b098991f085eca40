-- 065: the first day of a date's month, as one scalar macro the rollups share (expanded where
-- it is used, so it costs what its body costs). The same DATE as date_trunc('month', d)::DATE
-- for every calendar date, at a fraction of its cost per row: date_trunc goes through a
-- TIMESTAMP (test/rollups/stepSqlIdentical.test.ts checks both agree on every day of years 1 to 9999).
CREATE MACRO pb_month_start(d) AS d - (day(d) - 1)::INTEGER;
