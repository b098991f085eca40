/**
 * Rebuilds every rollup table (`rollup_*`) from the warehouse facts, in full, with one
 * set-based statement per table. Runs on the caller's connection and inside the caller's
 * transaction (it never begins or commits one), so a load and its rollups commit together.
 * A load refreshes only what its rows change (incremental.ts); this full rebuild is the
 * reference it must equal, and the `practiceboard warehouse rebuild` command.
 * The tables and their grain are listed in README.md beside this module.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ADJUSTMENT_RULES, adjustmentRulesSchema, nonDenialPairs, type AdjustmentRules } from './adjustment-rules.ts';
import type { StagedFacts } from './staged-facts.ts';
import { STEPS, runStep, stepColumns, type RuleLists } from './steps.ts';

export const ROLLUP_TABLES = STEPS.map((s) => s.table);

export interface RebuildOptions {
  /** Adjustment classification; defaults to the house rules (CO-45/CO-253 contractual). */
  readonly rules?: AdjustmentRules;
  /** A fact table read from a load's staged rows, when they are all its rows (staged-facts.ts). */
  readonly staged?: StagedFacts;
}

export function ruleLists(options: RebuildOptions = {}): RuleLists {
  const rules = adjustmentRulesSchema.parse(options.rules ?? DEFAULT_ADJUSTMENT_RULES);
  return { contractual: [...rules.contractual], non_denial: nonDenialPairs(rules) };
}

export async function rebuildRollups(conn: DuckDBConnection, options: RebuildOptions = {}): Promise<void> {
  const lists = ruleLists(options);
  for (const step of STEPS) await runStep(conn, step, lists, { whole: true }, options.staged);
}

/**
 * Whether every rollup table exists with the columns its query gives now. A warehouse built
 * by an earlier version (a rollup that gained a column) fails this and is rebuilt at open,
 * since a partial refresh inserts the query's columns into the stored table.
 */
export async function rollupsCurrent(conn: DuckDBConnection): Promise<boolean> {
  const rows = (await conn.runAndReadAll(
    "SELECT table_name, list(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'main' AND table_name LIKE 'rollup_%' GROUP BY table_name",
  )).getRowsJS();
  const stored = new Map(rows.map((r) => [String(r[0]), (r[1] as unknown[]).map(String).join(',')]));
  const lists = ruleLists();
  for (const step of STEPS) {
    if (stored.get(step.table) !== (await stepColumns(conn, step, lists)).join(',')) return false;
  }
  return true;
}
