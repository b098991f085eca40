/**
 * Short records among the staged rows. The record scan hands on a record with fewer fields than
 * the header, padded with empty cells, only when it is among the last rows of the trailer window
 * (records.ts `shortRecords`); here it becomes what the trailer rule says. Guarantees:
 * - a short record is never valid data: it never loads, and no warning counts it;
 * - whether it is a trailer is decided by the one trailer rule (typing.ts `trailer_match`:
 *   `$trailer_re` in DuckDB's RE2 over every cell, the padded ones empty), in the window as any
 *   other row (rows_v.is_trailer);
 * - one that is not a trailer is rejected exactly as the scan rejects a short record elsewhere:
 *   at its line, no column, reason `record has fewer fields than the header's N`, no quarantine.
 * The view of the staged rows (rows_v) that loadFile.ts and profileCheck.ts read is built here,
 * with `short` marking these rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LineSql } from './linePlan.ts';
import { fieldCountReason, type ScanReject, type ScanResult } from './records.ts';

/** SQL over staged rows (`rowid` of typed): is the row a short record (record numbers are integers the scan counted). */
export function shortSql(scan: Pick<ScanResult, 'shortRecords'>, rowid = 't.rowid'): string {
  if (scan.shortRecords.length === 0) return 'false';
  for (const k of scan.shortRecords) if (!Number.isSafeInteger(k)) throw new Error('a short record number is not an integer');
  return `list_contains([${scan.shortRecords.join(', ')}], ${rowid} + 1)`;
}

/**
 * The view of the staged rows: record number (`ord`), line, `is_trailer` (a row with a trailer
 * match after record `lastNonTrailer`), `ok` (loads) and `short`.
 */
export function rowsViewSql(plan: LineSql, lastNonTrailer: number, scan: Pick<ScanResult, 'shortRecords'>): string {
  if (!Number.isSafeInteger(lastNonTrailer)) throw new Error('the trailer window is not an integer');
  return `CREATE TEMP VIEW rows_v AS SELECT t.rowid + 1 AS ord, t.*, ${plan.lineSql} AS src_line, (t.trailer_match AND t.rowid + 1 > ${lastNonTrailer}) AS is_trailer, t.errs = '' AS ok, ${shortSql(scan)} AS short FROM typed t ${plan.joinSql}`;
}

/**
 * Before the view: a short record gets an error (it is not valid data), and `trailer_match` is
 * kept only on rows that are not valid data. (Typing matched the pattern on every row whose last
 * cell is empty, as a short record's is, since it cannot tell which rows are short.)
 */
export async function markShortRecords(conn: DuckDBConnection, scan: Pick<ScanResult, 'shortRecords'>, columnCount: number): Promise<void> {
  if (scan.shortRecords.length === 0) return;
  await conn.run(`UPDATE typed SET errs = $reason WHERE ${shortSql(scan, 'rowid')}`, { reason: `record|${fieldCountReason(0, columnCount)}` });
  await conn.run(`UPDATE typed SET trailer_match = false WHERE trailer_match AND errs = ''`);
}

/**
 * After the view: the short records that are not trailers, rejected as the scan rejects a short
 * record (added to scan_reject, linePlan.ts, which the load records), returned in line order.
 */
export async function rejectShortRecords(conn: DuckDBConnection, scan: Pick<ScanResult, 'shortRecords'>, columnCount: number): Promise<ScanReject[]> {
  if (scan.shortRecords.length === 0) return [];
  const reason = fieldCountReason(0, columnCount);
  const lines = (await conn.runAndReadAll('SELECT src_line FROM rows_v WHERE short AND NOT is_trailer ORDER BY ord')).getRows().map((r) => Number(r[0]));
  await conn.run('INSERT INTO scan_reject SELECT src_line, $reason FROM rows_v WHERE short AND NOT is_trailer', { reason: `record ${reason}` });
  return lines.map((line) => ({ line, reason }));
}
