/**
 * The facts of a load that holds every row of its fact table (the first load into an empty
 * one, a re-export of everything), read from the load's staged rows instead of the table. The
 * merge inserts every staged row once, so when the table holds as many rows as the staged
 * relation, inside the load's transaction, its rows are exactly those. The staged rows are
 * committed temporary data, which DuckDB scans faster than the rows the transaction has just
 * inserted into the table (transaction-local); the full rebuild of such a load (rebuild.ts,
 * `staged`) reads them under the table's name, with the table's column types, so each rollup
 * runs its one query over the same rows either way. Only sources whose staged columns carry the
 * table's columns under the same names (no derived column): billing. A column the staged rows
 * lack (the patient key, the file id, the source line; no rollup reads them) is left out, so a
 * query that read one would fail, never read a wrong value.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** A fact table's rows as a relation over the staged rows, for a full rebuild. */
export interface StagedFacts {
  readonly table: string;
  readonly rows: string;
}

const STAGED_TABLE: Readonly<Record<string, string>> = { billing: 'fact_billing_txn' };

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The staged rows standing for `change.source`'s fact table, when they are all its rows; else undefined. */
export async function stagedFacts(conn: DuckDBConnection, change: { readonly source: string; readonly rows?: string }): Promise<StagedFacts | undefined> {
  const table = STAGED_TABLE[change.source];
  if (!table || !change.rows) return undefined;
  const [facts, staged] = (await conn.runAndReadAll(`SELECT (SELECT count(*) FROM ${table}), (SELECT count(*) FROM (${change.rows}))`)).getRows()[0]!;
  if (Number(facts) === 0 || Number(facts) !== Number(staged)) return undefined;
  const stagedCols = new Set((await conn.runAndReadAll(`DESCRIBE SELECT * FROM (${change.rows})`)).getRows().map((r) => String(r[0])));
  const cols = (await conn.runAndReadAll(
    "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main' AND database_name = current_database() ORDER BY column_index",
    { t: table },
  )).getRows().map((r) => [String(r[0]), String(r[1])] as const);
  const select = cols.filter(([c]) => stagedCols.has(c)).map(([c, type]) => `CAST(${ident(c)} AS ${type}) AS ${ident(c)}`);
  return { table, rows: `SELECT ${select.join(', ')} FROM (${change.rows})` };
}
