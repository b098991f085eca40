/**
 * Rebuilds every rollup table (`rollup_*`) from the warehouse facts, in full, with one
 * set-based statement per table. Runs on the caller's connection and inside the caller's
 * transaction (it never begins or commits one), so a load and its rollups commit together.
 * The tables and their grain are listed in README.md beside this module.
 */
import { readFileSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { DEFAULT_ADJUSTMENT_RULES, adjustmentRulesSchema, nonDenialPairs, type AdjustmentRules } from './adjustment-rules.ts';

type RuleParam = 'contractual' | 'non_denial';

/** In build order: later statements read earlier rollups. */
const STEPS: readonly { readonly file: string; readonly params: readonly RuleParam[] }[] = [
  { file: 'claim.sql', params: ['non_denial'] },
  { file: 'flow_month.sql', params: ['contractual', 'non_denial'] },
  { file: 'procedure_month.sql', params: [] },
  { file: 'charges_day.sql', params: [] },
  { file: 'denial.sql', params: ['non_denial'] },
  { file: 'ar_month.sql', params: [] },
  { file: 'ar_flow_month.sql', params: [] },
  { file: 'appt_month.sql', params: [] },
  { file: 'visit.sql', params: [] },
  { file: 'clinic_day.sql', params: [] },
  { file: 'payroll_month.sql', params: [] },
  { file: 'provider_fte_month.sql', params: [] },
  { file: 'coverage.sql', params: [] },
];

const SQL = new Map(STEPS.map((s) => [s.file, readFileSync(new URL(`./${s.file}`, import.meta.url), 'utf8')]));

export const ROLLUP_TABLES = STEPS.map((s) => `rollup_${s.file.replace(/\.sql$/, '')}`);

export interface RebuildOptions {
  /** Adjustment classification; defaults to the house rules (CO-45/CO-253 contractual). */
  readonly rules?: AdjustmentRules;
}

export async function rebuildRollups(conn: DuckDBConnection, options: RebuildOptions = {}): Promise<void> {
  const rules = adjustmentRulesSchema.parse(options.rules ?? DEFAULT_ADJUSTMENT_RULES);
  const lists: Record<RuleParam, string[]> = { contractual: rules.contractual, non_denial: nonDenialPairs(rules) };
  for (const step of STEPS) {
    const values = Object.fromEntries(step.params.map((p) => [p, listValue(lists[p])]));
    const types = Object.fromEntries(step.params.map((p) => [p, LIST(VARCHAR)]));
    try {
      await conn.run(SQL.get(step.file) as string, values, types);
    } catch (err) {
      throw new PracticeBoardError('ROLLUP_FAILED', `rebuilding ${step.file}: ${safeDuckDbMessage(err)}`);
    }
  }
}
