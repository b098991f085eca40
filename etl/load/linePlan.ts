/**
 * Puts the line-number plan (lines.ts) into SQL: the expression giving each staged row's
 * physical line, the join it needs, and the expression mapping DuckDB's record numbers of
 * rejected records to physical lines.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Profile } from '../profiles/schema.ts';
import type { Fingerprint } from './fingerprint.ts';
import type { HeaderMatch } from './header.ts';
import { arithmeticPlan, mappedPlan } from './lines.ts';
import type { CsvReject } from './stage.ts';

export interface LineSql {
  /** Physical line of staged row `t` (record number t.rowid + 1). */
  readonly lineSql: string;
  readonly joinSql: string;
  /** Physical line of a DuckDB reject row `e.line`. */
  readonly rejectLineSql: string;
}

async function fillTable(conn: DuckDBConnection, table: string, rows: Iterable<readonly [number, number]>): Promise<void> {
  await conn.run(`CREATE TEMP TABLE ${table} (k BIGINT, v BIGINT)`);
  const app = await conn.createAppender(table, 'main', 'temp');
  for (const [k, v] of rows) {
    app.appendBigInt(BigInt(k));
    app.appendBigInt(BigInt(v));
    app.endRow();
  }
  app.closeSync();
}

export async function applyLinePlan(
  conn: DuckDBConnection,
  o: { path: string; fp: Fingerprint; header: HeaderMatch; profile: Profile; stagedRows: number; csvRejects: readonly CsvReject[] },
): Promise<LineSql> {
  const recordNos = o.csvRejects.map((r) => r.recordNo);
  const fast = arithmeticPlan(o.fp, o.header.headerLine, o.stagedRows, recordNos);
  const offset = o.header.headerLine;
  if (fast) {
    if (fast.length === 0) return { lineSql: `(t.rowid + 1 + ${offset})`, joinSql: '', rejectLineSql: 'e.line' };
    await fillTable(conn, 'line_bp', fast);
    return { lineSql: `(t.rowid + 1 + ${offset} + coalesce(b.v, 0))`, joinSql: 'ASOF LEFT JOIN line_bp b ON t.rowid + 1 >= b.k', rejectLineSql: 'e.line' };
  }
  const plan = await mappedPlan(o.path, o.header.headerLine, o.profile.dialect, o.fp.newline, recordNos);
  const ordLines = plan.ordLines;
  await fillTable(conn, 'line_map', (function* () {
    for (let i = 0; i < ordLines.length; i++) yield [i + 1, ordLines[i]!] as const;
  })());
  await fillTable(conn, 'rej_map', recordNos.map((n) => [n, plan.rejectLine(n)] as const));
  return {
    lineSql: `coalesce(m.v, t.rowid + 1 + ${offset})`,
    joinSql: 'LEFT JOIN line_map m ON m.k = t.rowid + 1',
    rejectLineSql: 'coalesce((SELECT v FROM rej_map WHERE k = e.line), e.line)',
  };
}
