/**
 * Writes a load's records: the run row, its rejected rows (line, column, reason) and the
 * admin-only quarantine of raw rejected records. The quarantine keeps only columns the profile
 * maps to a canonical field; any other column (names, birth dates, SSNs...) is blanked
 * (typing.ts builds that text). A record the CSV reader could not split is not quarantined at
 * all: its raw line could hold any column.
 */
import { MAP, VARCHAR, mapValue, type DuckDBConnection } from '@duckdb/node-api';
import type { LoadReport } from './report.ts';

export async function insertRun(conn: DuckDBConnection, r: LoadReport): Promise<void> {
  await conn.run(
    `INSERT INTO etl_run (run_id, source, profile_id, file_name, file_sha256, started_at, ended_at, status,
       rows_read, rows_loaded, rows_rejected, rows_replaced, trailer_rows, file_total_usd, loaded_total_usd,
       trailer_total_usd, error_code, message, corrects_run_id, header_text, loaded_as_written_usd)
     VALUES ($run_id, $source, $profile_id, $file_name, $sha, $started, $ended, $status,
       $read, $loaded, $rejected, $replaced, $trailer, $file_total::DECIMAL(38,2), $loaded_total::DECIMAL(38,2),
       $trailer_total::DECIMAL(38,2), $error_code, $message, $corrects, $header, $as_written::DECIMAL(38,2))`,
    {
      run_id: r.runId,
      source: r.source,
      profile_id: r.profileId,
      file_name: r.fileName,
      sha: r.sha256,
      started: r.startedAt.toISOString(),
      ended: r.endedAt.toISOString(),
      status: r.status,
      read: r.rowsRead,
      loaded: r.rowsLoaded,
      rejected: r.rowsRejected,
      replaced: r.rowsReplaced,
      trailer: r.trailerRows,
      file_total: r.fileTotal,
      loaded_total: r.loadedTotal,
      trailer_total: r.trailerTotal,
      error_code: r.errorCode,
      message: r.message,
      corrects: r.correctsRunId ?? null,
      header: r.headerText ?? null,
      as_written: r.loadedAsWritten ?? null,
    },
  );
}

/** Records the scan could not take (line, column when the reason is about one, reason, from scan_reject); their raw text is not kept. */
export async function insertScanRejects(conn: DuckDBConnection, runId: string): Promise<void> {
  await conn.run('INSERT INTO etl_reject SELECT $run, line_n, column_name, reason FROM scan_reject', { run: runId });
  // No raw text of these records is kept: a line that could not be split into fields cannot
  // have its never-stored columns (names, birth dates, SSNs) blanked. The file itself stays in
  // data/archive or data/rejected, where the admin corrects it.
}

/**
 * Rejects found by typing and rules, with the file's own header name beside the canonical field
 * (a short record that is no trailer is in scan_reject instead: shortRecords.ts).
 */
export async function insertRowRejects(conn: DuckDBConnection, runId: string, headerNames: ReadonlyMap<string, string>): Promise<void> {
  const names = mapValue([...headerNames].map(([key, value]) => ({ key, value })));
  await conn.run(
    `INSERT INTO etl_reject
     SELECT $run, src_line, coalesce($names[split_part(e, '|', 1)], split_part(e, '|', 1)), split_part(e, '|', 2)
     FROM (SELECT src_line, unnest(string_split(errs, chr(10))) AS e FROM rows_v WHERE NOT ok AND NOT is_trailer AND NOT short)`,
    { run: runId, names },
    { names: MAP(VARCHAR, VARCHAR) },
  );
  await conn.run(`INSERT INTO etl_quarantine SELECT $run, src_line, raw_record FROM rows_v WHERE NOT ok AND NOT is_trailer AND NOT short`, { run: runId });
}
