/**
 * Short records among the staged rows. The record scan hands on a record with fewer fields than
 * the header, padded with empty cells, only when it is among the last rows of the trailer window
 * (records.ts `shortRecords`); here it becomes what the trailer rule says. Guarantees:
 * - a short record is never valid data: it never loads, and no warning counts it;
 * - whether it is a trailer is decided by the one trailer rule (trailer.ts `trailerMatchSql`:
 *   `$trailer_re` in DuckDB's RE2 over every cell, the padded ones empty), read by DuckDB from
 *   the scan's own copy of the short records, and in the window as any other row (rows_v);
 * - one that is not a trailer is rejected exactly as the scan rejects a short record elsewhere:
 *   at its line, no column, reason `record has fewer fields than the header's N`, no quarantine.
 * The view of the staged rows (rows_v) that loadFile.ts and profileCheck.ts read is built here,
 * with `short` marking these rows. A file without short records costs nothing here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { applyLinePlan, type LineSql } from './linePlan.ts';
import { fieldCountReason, type ScanReject, type ScanResult } from './records.ts';
import { sqlIdent } from './sqlText.ts';
import { readCsvSql } from './stage.ts';
import { trailerMatchSql } from './trailer.ts';

/** `list_contains` of record numbers (integers the scan counted) over `rowid` + 1. */
function recordIn(records: readonly number[], rowid: string): string {
  if (records.length === 0) return 'false';
  for (const k of records) if (!Number.isSafeInteger(k)) throw new Error('a short record number is not an integer');
  return `list_contains([${records.join(', ')}], ${rowid} + 1)`;
}

/**
 * The view of the staged rows `t` (typed): record number (`ord`), line, `is_trailer` (a row with
 * a trailer match after record `lastNonTrailer`), `ok` (loads) and `short`.
 */
function rowsViewSql(plan: LineSql, lastNonTrailer: number, scan: Pick<ScanResult, 'shortRecords'>): string {
  if (!Number.isSafeInteger(lastNonTrailer)) throw new Error('the trailer window is not an integer');
  return `CREATE TEMP VIEW rows_v AS SELECT t.rowid + 1 AS ord, t.*, ${plan.lineSql} AS src_line, (t.trailer_match AND t.rowid + 1 > ${lastNonTrailer}) AS is_trailer, t.errs = '' AS ok, ${recordIn(scan.shortRecords, 't.rowid')} AS short FROM typed t ${plan.joinSql}`;
}

/**
 * Before the view: each short record in `typed` gets an error (it is not valid data) and the
 * trailer rule's answer on its cells, read from the scan's copy of the short records
 * (`shortPath`, records.ts), in order. `params` binds `$trailer_re`.
 */
async function markShortRecords(conn: DuckDBConnection, scan: Pick<ScanResult, 'shortRecords'>, columnCount: number, shortPath: string, params: { trailer_re: string }, keyCells: readonly number[]): Promise<void> {
  if (scan.shortRecords.length === 0) return;
  const cells = Array.from({ length: columnCount }, (_, i) => sqlIdent(`c${i}`));
  await conn.run(`CREATE TEMP TABLE short_rec AS SELECT ${trailerMatchSql(cells, keyCells)} AS m FROM (${readCsvSql(columnCount, 0, false)}) s`, { path: shortPath, trailer_re: params.trailer_re });
  // Insertion order is the copy's order (a table created outside a transaction keeps it).
  const match = (await conn.runAndReadAll('SELECT m FROM short_rec ORDER BY rowid')).getRows().map((r) => r[0] === true);
  await conn.run('DROP TABLE short_rec');
  if (match.length !== scan.shortRecords.length) throw new Error(`the short records' copy holds ${match.length} records, not ${scan.shortRecords.length}`);
  const matched = scan.shortRecords.filter((_, i) => match[i]);
  await conn.run(`UPDATE typed SET errs = $reason, trailer_match = ${recordIn(matched, 'rowid')} WHERE ${recordIn(scan.shortRecords, 'rowid')}`, {
    reason: `record|${fieldCountReason(0, columnCount)}`,
  });
}

/**
 * After the view: the short records that are not trailers, rejected as the scan rejects a short
 * record (added to scan_reject, linePlan.ts, which the load records), returned in line order.
 */
async function rejectShortRecords(conn: DuckDBConnection, scan: Pick<ScanResult, 'shortRecords'>, columnCount: number): Promise<ScanReject[]> {
  if (scan.shortRecords.length === 0) return [];
  const reason = fieldCountReason(0, columnCount);
  const lines = (await conn.runAndReadAll('SELECT src_line FROM rows_v WHERE short AND NOT is_trailer ORDER BY ord')).getRows().map((r) => Number(r[0]));
  await conn.run('INSERT INTO scan_reject SELECT src_line, $reason, NULL FROM rows_v WHERE short AND NOT is_trailer', { reason: `record ${reason}` });
  return lines.map((line) => ({ line, reason }));
}

/**
 * The staged rows' view (rows_v) as the load and the dry run both read it: each row's line (the
 * scan's line plan), the short records marked by the trailer rule, then those that are no
 * trailer rejected. Returns those rejects, in line order.
 */
export async function stageRowsView(
  conn: DuckDBConnection,
  scan: Pick<ScanResult, 'breakpoints' | 'rejects' | 'shortRecords'>,
  opts: { readonly columnCount: number; readonly shortPath: string; readonly trailerRe: string; readonly lastNonTrailer: number; readonly columnLabel: (column: number) => string; readonly keyCells: readonly number[] },
): Promise<ScanReject[]> {
  const plan = await applyLinePlan(conn, scan, opts.columnLabel);
  await markShortRecords(conn, scan, opts.columnCount, opts.shortPath, { trailer_re: opts.trailerRe }, opts.keyCells);
  await conn.run(rowsViewSql(plan, opts.lastNonTrailer, scan));
  return rejectShortRecords(conn, scan, opts.columnCount);
}
