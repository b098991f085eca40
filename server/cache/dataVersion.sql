-- The version of what the dashboards show, read inside the page's snapshot. Every load, whatever
-- its outcome, records its run in etl_run in the transaction that changes the facts, dimensions
-- and rollups; a load's count of rows and its end time therefore change with every load. The
-- row counts (DuckDB's own statistics) of the tables pages read catch a write made outside a load.
SELECT (SELECT count(*) FROM etl_run)::VARCHAR
       || '|' || coalesce((SELECT max(ended_at) FROM etl_run)::VARCHAR, '')
       || '|' || (SELECT coalesce(sum(estimated_size), 0) FROM duckdb_tables() WHERE NOT temporary AND (regexp_matches(table_name, '^(fact|dim|ref|rollup)_') OR table_name = 'etl_file'))::VARCHAR AS version
