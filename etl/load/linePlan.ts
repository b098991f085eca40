/**
 * Puts the record scan's line numbers (records.ts) into SQL: the expression giving each staged
 * row's physical line, from the scan's breakpoints (record k >= from starts on line k + offset),
 * and the scan's own rejects as a table of (line, reason, column). Rows and rejects are thus numbered
 * by the same pass that split the file, never by a second reading of it. A file with few
 * breakpoints (most: one, when no record spans lines and nothing is skipped) gets the line as
 * arithmetic on the row number, with no join: the staged rows are read several times per load.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScanResult } from './records.ts';

export interface LineSql {
  /** Physical line of staged row `t` (record number t.rowid + 1). */
  readonly lineSql: string;
  readonly joinSql: string;
}

/**
 * `columnLabel` names a reject's column (ScanReject.column, a column index) as the load's rejects
 * name it; a reject about no column has none (NULL).
 */
export async function applyLinePlan(conn: DuckDBConnection, scan: Pick<ScanResult, 'breakpoints' | 'rejects'>, columnLabel: (column: number) => string): Promise<LineSql> {
  await conn.run('CREATE TEMP TABLE line_bp (k BIGINT, v BIGINT)');
  const bp = await conn.createAppender('line_bp', 'main', 'temp');
  for (const [k, v] of scan.breakpoints) {
    bp.appendBigInt(BigInt(k));
    bp.appendBigInt(BigInt(v));
    bp.endRow();
  }
  bp.closeSync();
  await conn.run('CREATE TEMP TABLE scan_reject (line_n BIGINT, reason VARCHAR, column_name VARCHAR)');
  const rj = await conn.createAppender('scan_reject', 'main', 'temp');
  for (const r of scan.rejects) {
    rj.appendBigInt(BigInt(r.line));
    rj.appendVarchar(`record ${r.reason}`);
    if (r.column === undefined) rj.appendNull();
    else rj.appendVarchar(columnLabel(r.column));
    rj.endRow();
  }
  rj.closeSync();
  return lineSqlOf(scan.breakpoints);
}

/** Up to this many breakpoints become a CASE over the row number; more, an ASOF join on line_bp. */
export const INLINE_BREAKPOINTS = 16;

/** The line expression (and join) for staged rows `t`, from the scan's breakpoints (integers it computed). */
export function lineSqlOf(breakpoints: ScanResult['breakpoints']): LineSql {
  if (breakpoints.length > INLINE_BREAKPOINTS) return { lineSql: '(t.rowid + 1 + b.v)', joinSql: 'ASOF LEFT JOIN line_bp b ON t.rowid + 1 >= b.k' };
  const int = (n: number): string => {
    if (!Number.isSafeInteger(n)) throw new Error('a line breakpoint is not an integer');
    return String(n);
  };
  // Largest `from` first: record k takes the offset of the last breakpoint at or before it.
  const arms = [...breakpoints].sort((a, b) => b[0] - a[0]).map(([k, v]) => `WHEN t.rowid + 1 >= ${int(k)} THEN t.rowid + 1 + ${int(v)}`);
  return { lineSql: arms.length === 0 ? 'NULL::BIGINT' : `(CASE ${arms.join(' ')} END)`, joinSql: '' };
}
