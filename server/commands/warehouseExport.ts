/**
 * `practiceboard warehouse export --parquet DIR`: the warehouse as a Parquet lake that DuckDB
 * (or any engine reading Hive-partitioned Parquet: MotherDuck, ClickHouse, Trino) reads with
 * the same SQL. Layout: DIR/<table>/practice=<id>/month=<YYYY-MM>/*.parquet for the facts (one
 * folder per practice and month, by the date the rollups slice them by), and
 * DIR/<table>/practice=<id>/*.parquet for dimensions, reference tables and rollups. Tables come
 * from an allow-list of prefixes: never accounts, sessions, the audit log or the ETL control
 * tables. DuckDB may write only inside the project's data folder, so the lake is written under
 * its scratch folder and then moved to DIR; an existing DIR/<table>/practice=<id> is replaced.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';

/** The month each fact is filed under. */
export const FACT_MONTH: Readonly<Record<string, string>> = {
  fact_billing_txn: 'post_date',
  fact_appointment: 'scheduled_start',
  fact_payroll: 'period_end',
};
const EXPORTED_PREFIXES = ['fact_', 'dim_', 'ref_', 'rollup_'];

const TABLES = `SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY 1`;

export interface ExportResult {
  readonly dir: string;
  readonly tables: { readonly table: string; readonly rows: number }[];
}

export const practiceSlug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'practice';

export async function exportParquet(conn: DuckDBConnection, opts: { dir: string; practice: string; scratch: string }): Promise<ExportResult> {
  if (!/^[a-z0-9-]{1,80}$/.test(opts.practice)) throw new PracticeBoardError('PRACTICE_ID_INVALID', '--practice: use lower-case letters, digits and dashes');
  const out = resolve(opts.dir);
  const stage = join(opts.scratch, `lake-${process.pid}-${Date.now()}`);
  mkdirSync(stage, { recursive: true });
  const tables = (await conn.runAndReadAll(TABLES)).getRows().map((r) => String(r[0])).filter((t) => EXPORTED_PREFIXES.some((p) => t.startsWith(p)));
  const done: { table: string; rows: number }[] = [];
  try {
    for (const table of tables) {
      // Names come from the catalog and the allow-list above; the practice id is checked above.
      const target = join(stage, table, `practice=${opts.practice}`).replaceAll("'", "''");
      const month = FACT_MONTH[table];
      const sql = month
        ? `COPY (SELECT *, strftime(${month}, '%Y-%m') AS month FROM ${table}) TO '${target}' (FORMAT parquet, PARTITION_BY (month), WRITE_PARTITION_COLUMNS false)`
        : `COPY ${table} TO '${join(target, 'data_0.parquet')}' (FORMAT parquet)`;
      mkdirSync(join(stage, table, `practice=${opts.practice}`), { recursive: true });
      const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]![0]);
      if (rows > 0 || !month) await conn.run(sql);
      done.push({ table, rows });
    }
    for (const { table } of done) {
      const dest = join(out, table, `practice=${opts.practice}`);
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      cpSync(join(stage, table, `practice=${opts.practice}`), dest, { recursive: true });
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return { dir: out, tables: done };
}
