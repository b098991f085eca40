/**
 * Puts the record scan's line numbers (records.ts) into SQL: the expression giving each staged
 * row's physical line, from the scan's breakpoints (record k >= from starts on line k + offset),
 * and the scan's own rejects as a table of (line, reason). Rows and rejects are thus numbered
 * by the same pass that split the file, never by a second reading of it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScanResult } from './records.ts';

export interface LineSql {
  /** Physical line of staged row `t` (record number t.rowid + 1). */
  readonly lineSql: string;
  readonly joinSql: string;
}

export async function applyLinePlan(conn: DuckDBConnection, scan: Pick<ScanResult, 'breakpoints' | 'rejects'>): Promise<LineSql> {
  await conn.run('CREATE TEMP TABLE line_bp (k BIGINT, v BIGINT)');
  const bp = await conn.createAppender('line_bp', 'main', 'temp');
  for (const [k, v] of scan.breakpoints) {
    bp.appendBigInt(BigInt(k));
    bp.appendBigInt(BigInt(v));
    bp.endRow();
  }
  bp.closeSync();
  await conn.run('CREATE TEMP TABLE scan_reject (line_n BIGINT, reason VARCHAR)');
  const rj = await conn.createAppender('scan_reject', 'main', 'temp');
  for (const r of scan.rejects) {
    rj.appendBigInt(BigInt(r.line));
    rj.appendVarchar(`record ${r.reason}`);
    rj.endRow();
  }
  rj.closeSync();
  return { lineSql: '(t.rowid + 1 + b.v)', joinSql: 'ASOF LEFT JOIN line_bp b ON t.rowid + 1 >= b.k' };
}
