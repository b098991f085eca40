/**
 * Rebuilds every rollup table (`rollup_*`) from the warehouse facts, in full, with one
 * set-based statement per table. Runs on the caller's connection and inside the caller's
 * transaction (it never begins or commits one), so a load and its rollups commit together.
 * A load refreshes only what its rows change (incremental.ts); this full rebuild is the
 * reference it must equal, and the `practiceboard warehouse rebuild` command.
 * The tables and their grain are listed in README.md beside this module.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ADJUSTMENT_RULES, adjustmentRulesSchema, nonDenialPairs, type AdjustmentRules } from './adjustment-rules.ts';
import type { StagedFacts } from './staged-facts.ts';
import { STEPS, runStep, stepColumns, stepQuery, type RuleLists } from './steps.ts';

export const ROLLUP_TABLES = STEPS.map((s) => s.table);

export interface RebuildOptions {
  /** Adjustment classification; defaults to the house rules (CO-45/CO-253 contractual). */
  readonly rules?: AdjustmentRules;
  /** A fact table read from a load's staged rows, when they are all its rows (staged-facts.ts). */
  readonly staged?: StagedFacts;
  /** The claims a piece of rollup_claim's rebuild may hold; by default from DuckDB's memory limit (claim-pieces.ts). */
  readonly claimsPerPiece?: number;
}

export function ruleLists(options: RebuildOptions = {}): RuleLists {
  const rules = adjustmentRulesSchema.parse(options.rules ?? DEFAULT_ADJUSTMENT_RULES);
  return { contractual: [...rules.contractual], non_denial: nonDenialPairs(rules) };
}

export async function rebuildRollups(conn: DuckDBConnection, options: RebuildOptions = {}): Promise<void> {
  const lists = ruleLists(options);
  const whole = { staged: options.staged, claimsPerPiece: options.claimsPerPiece };
  for (const step of STEPS) await runStep(conn, step, lists, { whole: true }, whole);
}

/**
 * Whether every rollup table exists with the columns its query gives now. A warehouse built
 * by an earlier version (a rollup that gained a column) fails this and is rebuilt at open,
 * since a partial refresh inserts the query's columns into the stored table.
 * Fast at every start (rollupSchemaState): a table whose recorded fingerprint still holds is
 * current without planning its query; only the others are checked by DESCRIBE of their query.
 */
export async function rollupsCurrent(conn: DuckDBConnection): Promise<boolean> {
  return (await rollupSchemaState(conn)).current;
}

/** The catalog as the fingerprints read it: every table's columns (name and type) and comment, every view's SQL. */
const CATALOG_SQL = `
SELECT t.table_name, t.comment, list(c.column_name ORDER BY c.column_index) AS names, list(c.data_type ORDER BY c.column_index) AS types
FROM duckdb_tables() t JOIN duckdb_columns() c ON c.table_oid = t.table_oid
WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.temporary
GROUP BY ALL
UNION ALL
SELECT view_name, NULL, [sql], [] FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary`;

const FINGERPRINT = 'practiceboard rollup schema ';

export interface RollupSchemaState {
  /** Every rollup table has the columns its query gives now. */
  readonly current: boolean;
  /** The tables whose fingerprint did not hold (checked by DESCRIBE of their query); none when every one held. */
  readonly checked: readonly string[];
  /** The fingerprint each rollup table would carry as it is stored now (recordRollupSchema writes them). */
  readonly fingerprints: ReadonlyMap<string, string>;
}

/**
 * The fingerprint of a rollup table: a hash of everything its query's columns follow from (its
 * SQL (its file's text as steps.ts reads it), the rule parameters, every other table's columns and every view's SQL, the
 * DuckDB version) and of the columns the table has. Recorded as the table's comment once its
 * columns are known to equal its query's; while it still holds, nothing it covers has changed.
 * A table replaced in full (CREATE OR REPLACE) loses its comment and is checked again.
 */
export async function rollupSchemaState(conn: DuckDBConnection): Promise<RollupSchemaState> {
  const rows = (await conn.runAndReadAll(CATALOG_SQL)).getRowsJS().map((r) => {
    const names = (r[2] as unknown[]).map(String);
    const types = (r[3] as unknown[]).map(String);
    return { name: String(r[0]), comment: r[1] === null ? null : String(r[1]), names, columns: JSON.stringify([names, types]) };
  });
  const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const rollups = new Set(STEPS.map((st) => st.table));
  const base = createHash('sha256').update(version);
  for (const r of rows.filter((x) => !rollups.has(x.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) base.update(`\n${r.name}:${r.columns}`);
  const lists = ruleLists();
  const fingerprints = new Map<string, string>();
  const checked: string[] = [];
  let current = true;
  for (const step of STEPS) {
    const stored = byName.get(step.table);
    if (!stored) {
      current = false;
      checked.push(step.table);
      continue;
    }
    const fp = FINGERPRINT + base.copy().update(`\n${step.table}\n${stepQuery(step, lists).sql}\n${JSON.stringify(step.params.map((p) => lists[p]))}\n${stored.columns}`).digest('hex');
    fingerprints.set(step.table, fp);
    if (stored.comment === fp) continue;
    checked.push(step.table);
    if (JSON.stringify(stored.names) !== JSON.stringify(await stepColumns(conn, step, lists))) current = false;
  }
  return { current, checked, fingerprints };
}

/** Record the fingerprints of `state` on the tables checked by DESCRIBE (call when `state.current`, or after a full rebuild with a fresh state). */
export async function recordRollupSchema(conn: DuckDBConnection, state: RollupSchemaState): Promise<void> {
  for (const table of state.checked) {
    const fp = state.fingerprints.get(table);
    if (fp) await conn.run(`COMMENT ON TABLE ${table} IS '${fp}'`);
  }
}

