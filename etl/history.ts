/**
 * Reads the ETL's history: recent runs, what each source covers (etl/coverage.ts), a run's rejects and (for
 * admins) its quarantined raw records. Used by the command line and the server alike.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sourceCoverage, type CoverageRow } from './coverage.ts';

export type { CoverageRow } from './coverage.ts';

export interface RunRow {
  run_id: string;
  source: string;
  profile_id: string | null;
  file_name: string;
  started_at: string;
  ended_at: string;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_replaced: number;
  file_total_usd: string | null;
  loaded_total_usd: string | null;
  error_code: string | null;
  message: string | null;
}

/** The columns of a run as the CLI and the pages show it (RunRow). */
const RUN_COLUMNS = `run_id, source, profile_id, file_name, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
       strftime(ended_at, '%Y-%m-%d %H:%M:%S') AS ended_at, status,
       rows_read::INTEGER AS rows_read, rows_loaded::INTEGER AS rows_loaded, rows_rejected::INTEGER AS rows_rejected,
       rows_replaced::INTEGER AS rows_replaced, file_total_usd::VARCHAR AS file_total_usd,
       loaded_total_usd::VARCHAR AS loaded_total_usd, error_code, message`;

const RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM etl_run ORDER BY started_at DESC, run_id DESC LIMIT $limit`;

const REJECTS_SQL = `
SELECT line_n::INTEGER AS line_n, column_name, reason FROM etl_reject WHERE run_id = $run
ORDER BY line_n, column_name NULLS FIRST LIMIT $limit`;

const RUN_SQL = `
SELECT ${RUN_COLUMNS}, trailer_rows::INTEGER AS trailer_rows, trailer_total_usd::VARCHAR AS trailer_total_usd,
       loaded_as_written_usd::VARCHAR AS loaded_as_written_usd,
       corrects_run_id, header_text,
       (SELECT list(r2.run_id ORDER BY r2.started_at) FROM etl_run r2 WHERE r2.corrects_run_id = etl_run.run_id) AS corrected_by
FROM etl_run WHERE run_id = $run`;

const QUARANTINE_SQL = `SELECT line_n::INTEGER AS line_n, raw_record FROM etl_quarantine WHERE run_id = $run ORDER BY line_n`;

const rows = async <T>(conn: DuckDBConnection, sql: string, params: Record<string, string | number> = {}): Promise<T[]> =>
  (await conn.runAndReadAll(sql, params)).getRowObjectsJS() as T[];

export const listRuns = (conn: DuckDBConnection, limit = 20): Promise<RunRow[]> => rows(conn, RUNS_SQL, { limit });
/** What each source covers: the one coverage read (etl/coverage.ts). */
export const coverage = (conn: DuckDBConnection): Promise<CoverageRow[]> => sourceCoverage(conn);
export const runRejects = (conn: DuckDBConnection, runId: string, limit = 10_000) =>
  rows<{ line_n: number; column_name: string | null; reason: string }>(conn, REJECTS_SQL, { run: runId, limit });
export const runQuarantine = (conn: DuckDBConnection, runId: string) => rows<{ line_n: number; raw_record: string }>(conn, QUARANTINE_SQL, { run: runId });
export interface RunDetail extends RunRow {
  trailer_rows: number;
  trailer_total_usd: string | null;
  /** The loaded rows' total as the file writes them (differs from loaded_total_usd under a profile's `signs`). */
  loaded_as_written_usd: string | null;
  corrects_run_id: string | null;
  header_text: string | null;
  corrected_by: string[] | null;
}

export async function runDetail(conn: DuckDBConnection, runId: string): Promise<RunDetail | undefined> {
  return (await rows<RunDetail>(conn, RUN_SQL, { run: runId }))[0];
}

export async function runExists(conn: DuckDBConnection, runId: string): Promise<boolean> {
  return (await rows(conn, 'SELECT 1 FROM etl_run WHERE run_id = $run', { run: runId })).length > 0;
}
