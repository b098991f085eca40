-- The version of what /reports shows: the data's version (dataVersion.sql, appended below by
-- packList.ts) and the approvals. An approval (a new pack version), the bookkeeping of a
-- comparison with the data (checked_runs_n, an UPDATE that changes no table's size) and a
-- recorded restatement each change it, without any load.
SELECT (SELECT count(*)::VARCHAR || ',' || coalesce(max(approved_at)::VARCHAR, '') || ',' || coalesce(sum(checked_runs_n), 0)::VARCHAR FROM report_pack)
       || '|' || (SELECT count(*)::VARCHAR || ',' || coalesce(max(detected_at)::VARCHAR, '') FROM report_restatement)
       || '|' || (__DATA_VERSION__) AS version
