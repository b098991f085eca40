/**
 * The pack's data completeness notes for a month: which dates each fact source covers (and
 * whether that spans the whole month), and the loads touching the month with the rows they
 * rejected, from the ETL's own records (etl_file, etl_run). What each source covers is the
 * dashboards' one coverage read (dashboards/freshness.ts) under the presenter's one rule
 * (dashboards/present/coverage.ts). Counts and file names only: no rejected row's content.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceFreshness } from '../dashboards/freshness.ts';
import { periodCoverage } from '../dashboards/present/index.ts';
import type { Completeness, LoadNote } from './model.ts';

const LOADS_SQL = readFileSync(new URL('./completeness.sql', import.meta.url), 'utf8');

interface RunRow {
  run_id: string;
  source: string;
  file_name: string;
  started_at: string;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  error_code: string | null;
}

export async function completenessNotes(conn: DuckDBConnection, period: { from: string; to: string }, fresh: readonly SourceFreshness[]): Promise<Completeness> {
  const runs = (await conn.runAndReadAll(LOADS_SQL, { from: period.from, to: period.to })).getRowObjectsJS() as unknown as RunRow[];
  const loads: LoadNote[] = runs.map((r) => ({
    runId: r.run_id,
    source: r.source,
    fileName: r.file_name,
    startedAt: r.started_at,
    status: r.status,
    rowsRead: r.rows_read,
    rowsLoaded: r.rows_loaded,
    rowsRejected: r.rows_rejected,
    errorCode: r.error_code,
  }));
  return {
    sources: fresh.map((f) => ({
      source: f.source,
      firstDate: f.firstDate,
      lastDate: f.lastDate,
      lastLoadedAt: f.lastLoadedAt,
      coverage: periodCoverage(f, period),
      stale: f.stale,
    })),
    loads,
    rowsRejected: loads.reduce((n, l) => n + l.rowsRejected, 0),
    filesRejected: loads.filter((l) => l.status === 'rejected' || l.status === 'failed').length,
  };
}
