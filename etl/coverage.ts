/**
 * The one coverage read: per source, the dates it covers, its files and rows loaded and its last
 * load (coverage.sql). The dashboards' freshness line (dashboards/freshness.ts), the pack's
 * completeness notes (through it), `practiceboard etl status` and the data-loads page read this
 * function, and the metrics read the same query materialized as rollup_coverage, so every
 * output states the same span for a source.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/** The query's text (rollup_coverage is this query, materialized after each load). */
export const COVERAGE_SQL = readFileSync(new URL('./coverage.sql', import.meta.url), 'utf8').trim().replace(/;$/, '');

export interface CoverageRow {
  source: string;
  files_n: number;
  rows_n: number;
  /** ISO dates; null when the source has no dated rows. */
  first_date: string | null;
  last_date: string | null;
  /** 'YYYY-MM-DD HH:MM:SS' of the last file loaded; null when none was (facts written otherwise). */
  last_loaded_at: string | null;
}

export async function sourceCoverage(conn: DuckDBConnection): Promise<CoverageRow[]> {
  const rows = (await conn.runAndReadAll(`SELECT source, files_n, rows_n, first_date::VARCHAR AS first_date, last_date::VARCHAR AS last_date, last_loaded_at FROM (${COVERAGE_SQL})`)).getRowObjectsJS();
  return rows as unknown as CoverageRow[];
}
