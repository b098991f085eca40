/**
 * The rollups, in build order (later ones read earlier ones), each one SELECT in its .sql file
 * beside this module, with what it needs to be rebuilt in part:
 * - `params`: the adjustment-rule lists it binds;
 * - `slice`: how a partial rebuild selects its rows. 'month' rollups are rebuilt for a set of
 *   months (`key` is the SQL giving a row's month from the table's own columns); 'from'
 *   (A/R) for every month from one month on; 'claim' (rollup_claim) for a set of claims;
 *   'small' rollups read only other rollups or a few columns and are always rebuilt whole;
 * - `delta` (A/R): every column but `keys` is a sum or count over claims and a row exists while
 *   `keep` holds, so a load can add and subtract the contributions of the claims it touches
 *   (ar-delta.ts); `scopedQuery` is the step's own query narrowed to those claims.
 * runStep builds the statements: a full rebuild replaces the table (written in the step's `order`;
 * rollup_claim's a range of claims at a time when they are many, claim-pieces.ts); a partial one deletes the
 * slice and inserts the query's rows for it, the filter outside the query on the table's
 * columns; a 'month' step's query also narrows its fact scan to the months (its
 * `/*months:...*\/ TRUE` markers, month-scope.ts), one SQL definition for both.
 */
import { readFileSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { claimBounds, claimsPerPiece, rebuildInPieces } from './claim-pieces.ts';
import { scopeMonths } from './month-scope.ts';
import type { StagedFacts } from './staged-facts.ts';

export type RuleParam = 'contractual' | 'non_denial';
export type Slice =
  | { readonly kind: 'month'; readonly key: string }
  | { readonly kind: 'from'; readonly key: string }
  | { readonly kind: 'claim' }
  | { readonly kind: 'small' };

export interface Step {
  readonly table: string;
  readonly file: string;
  readonly params: readonly RuleParam[];
  readonly slice: Slice;
  readonly delta?: { readonly keys: readonly string[]; readonly keep: string };
  /** The order a full rebuild writes the table in (its zone maps serve the pages' date filters). */
  readonly order?: string;
  /**
   * False: a full rebuild reads the fact table even when a load's staged rows stand for it
   * (the same rows either way). Measured at 10M rows (docs/benchmarks.md, "Rollup SQL"): these
   * narrow scans cost less on the table than on the staged relation, the wide ones more.
   */
  readonly readsStaged?: false;
}

const month = (key: string): Slice => ({ kind: 'month', key });
/** The claim's group (rollup_claim) the A/R tables are kept by. */
const GROUP = ['location_id', 'provider_id', 'payer_id', 'payer_class'];

export const STEPS: readonly Step[] = [
  // A full rebuild of more claims than DuckDB's memory holds at once goes a range of claims at a time (claim-pieces.ts).
  { table: 'rollup_claim', file: 'claim.sql', params: ['non_denial'], slice: { kind: 'claim' }, order: 'adjudication_date, claim_id' },
  { table: 'rollup_flow_month', file: 'flow_month.sql', params: ['contractual', 'non_denial'], slice: month('month_start') },
  { table: 'rollup_procedure_month', file: 'procedure_month.sql', params: [], slice: month('month_start'), readsStaged: false },
  { table: 'rollup_charges_day', file: 'charges_day.sql', params: [], slice: month("date_trunc('month', post_date)::DATE"), readsStaged: false },
  { table: 'rollup_denial', file: 'denial.sql', params: ['non_denial'], slice: month('month_start'), readsStaged: false },
  {
    table: 'rollup_ar_month', file: 'ar_month.sql', params: [], slice: { kind: 'from', key: 'as_of_date' },
    // ar_month.sql emits a group row for every month end with a claim of non-zero balance in it.
    delta: { keys: ['as_of_date', ...GROUP], keep: 'open_claims_n + credit_claims_n > 0' },
  },
  // Flows in the group of their claim: a regrouped claim moves all its months, as A/R does.
  {
    table: 'rollup_ar_flow_month', file: 'ar_flow_month.sql', params: [], slice: { kind: 'from', key: 'month_start' },
    delta: { keys: ['month_start', ...GROUP], keep: 'txns_n > 0' },
  },
  { table: 'rollup_appt_month', file: 'appt_month.sql', params: [], slice: month('month_start') },
  { table: 'rollup_visit', file: 'visit.sql', params: [], slice: month('month_start') },
  { table: 'rollup_clinic_day', file: 'clinic_day.sql', params: [], slice: month("date_trunc('month', date_day)::DATE") },
  { table: 'rollup_payroll_month', file: 'payroll_month.sql', params: [], slice: month('month_start') },
  { table: 'rollup_provider_fte_month', file: 'provider_fte_month.sql', params: [], slice: { kind: 'small' } },
  // What each source covers: the one coverage query (etl/coverage.ts), materialized for the metrics.
  { table: 'rollup_coverage', file: '../../etl/coverage.sql', params: [], slice: { kind: 'small' } },
];

const SQL = new Map(STEPS.map((s) => [s.file, readFileSync(new URL(`./${s.file}`, import.meta.url), 'utf8').trim().replace(/;$/, '')]));

export type RuleLists = Record<RuleParam, string[]>;

/** A step's query as its file gives it, with its rule lists bound: the one reading of the SQL files. */
export function stepQuery(step: Step, lists: RuleLists): { sql: string; values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  return {
    sql: SQL.get(step.file) as string,
    values: Object.fromEntries(step.params.map((p) => [p, listValue(lists[p])])),
    types: Object.fromEntries(step.params.map((p) => [p, LIST(VARCHAR)])),
  };
}

/** Where a `delta` step's query reads claims; true in the file (every claim). */
const CLAIM_SCOPE = '/*claims*/ TRUE';
/** The claims a load touches, recorded by change.ts before its merge. */
export const SCOPE_CLAIMS = 'claim_id IN (SELECT claim_id FROM temp.rollup_change_claim)';

/** A `delta` step's query over the claims of rollup_change_claim only: the same SQL, its claim filters narrowed. */
export function scopedQuery(step: Step): string {
  const query = SQL.get(step.file) as string;
  if (!step.delta || !query.includes(CLAIM_SCOPE)) throw new PracticeBoardError('ROLLUP_FAILED', `${step.file} has no claim scope`);
  return query.replaceAll(CLAIM_SCOPE, SCOPE_CLAIMS);
}

/** The columns a step's query gives, in order (planned, not run). */
export async function stepColumns(conn: DuckDBConnection, step: Step, lists: RuleLists): Promise<string[]> {
  const { sql, values, types } = stepQuery(step, lists);
  const reader = await conn.runAndReadAll(`DESCRIBE SELECT * FROM (${sql})`, values, types);
  return reader.getRows().map((r) => String(r[0]));
}

/**
 * What part of a step to rebuild: all of it, or its rows in `where` (a filter on the table's
 * columns). `months` (a 'month' step's months, 'YYYY-MM-01', the ones `where` keeps) also
 * narrows the query's own fact scan to them (month-scope.ts).
 */
export type Part =
  | { readonly whole: true }
  | {
      readonly whole: false;
      readonly where: string;
      readonly values: Record<string, DuckDBValue>;
      readonly types?: Record<string, DuckDBType>;
      readonly months?: readonly string[];
    };

/** How a full rebuild reads its facts and sizes its pieces. */
export interface WholeOptions {
  /** Read that fact table's rows from this relation instead (staged-facts.ts). */
  readonly staged?: StagedFacts;
  /** The claims a piece of rollup_claim may hold; by default from DuckDB's memory limit (claim-pieces.ts). */
  readonly claimsPerPiece?: number;
}

export async function runStep(conn: DuckDBConnection, step: Step, lists: RuleLists, part: Part, whole: WholeOptions = {}): Promise<void> {
  const { sql: query, values, types } = stepQuery(step, lists);
  try {
    if (part.whole) {
      const { staged } = whole;
      const facts = staged && step.readsStaged !== false && query.includes(staged.table) ? `WITH ${staged.table} AS NOT MATERIALIZED (${staged.rows}) ` : '';
      const order = step.order ? ` ORDER BY ${step.order}` : '';
      const bounds = step.slice.kind === 'claim' ? await claimBounds(conn, facts, whole.claimsPerPiece ?? (await claimsPerPiece(conn))) : [];
      if (bounds.length > 0) await rebuildInPieces(conn, { table: step.table, facts, query, order, bounds, values, types });
      else await conn.run(`CREATE OR REPLACE TABLE ${step.table} AS ${facts}SELECT * FROM (${query})${order}`, values, types);
      return;
    }
    const scoped = part.months ? scopeMonths(query, part.months) : { sql: query, values: {} };
    await conn.run(`DELETE FROM ${step.table} WHERE ${part.where}`, part.values, part.types);
    await conn.run(`INSERT INTO ${step.table} SELECT * FROM (${scoped.sql}) WHERE ${part.where}`, { ...values, ...scoped.values, ...part.values }, { ...types, ...part.types });
  } catch (err) {
    throw rollupFailure(step, err);
  }
}

/**
 * The error a failed step raises: the step and DuckDB's reason, never its text (which may quote
 * a value). Out of memory gets what to do about it: raise the limit, or split a load (the full
 * rebuild of rollup_claim goes in pieces sized to the limit, claim-pieces.ts, but a step can
 * still run out: docs/scaling.md says what breaks first and at what size).
 */
export function rollupFailure(step: Pick<Step, 'file'>, err: unknown): PracticeBoardError {
  const reason = safeDuckDbMessage(err);
  const hint = reason.includes('Out of Memory Error')
    ? ' (DuckDB reached its memory limit: raise etl.memoryLimit in the configuration; a load can also be split into several smaller files)'
    : '';
  return new PracticeBoardError('ROLLUP_FAILED', `rebuilding ${step.file}: ${reason}${hint}`);
}
