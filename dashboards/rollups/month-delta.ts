/**
 * The month-grain billing rollups (flows, procedure mix, daily charges, denials) refreshed at
 * the cost of a load's rows, not of the months they fall in. Every column of theirs but the
 * group keys is a sum or count over transactions (the flows' claim counts: over claims' events,
 * in the group of the claim's rollup_claim row), and every group key is a function of the
 * transaction's own row (or of the claim's rollup_claim row). So for the rows T a load replaces
 * and adds, and the claims K it touches (change.ts):
 *   new table = old table - contribution(T as stored before, K's rollup_claim rows before)
 *                         + contribution(T as stored after, K's rollup_claim rows after),
 * summed per group key. A contribution is the step's own query over those rows only: it runs
 * unchanged with `fact_billing_txn` and `rollup_claim` standing for them (CTEs of the same names),
 * so the delta and a full rebuild share one definition.
 * Which group rows exist: a group the query emits from the rows after the load exists after it.
 * A group it emits only from the rows before the load may have lost its last row or kept others
 * (a month of transfers sums to nothing and still has its row), which only the facts can tell:
 * its rows are removed and its month is returned to the caller, which rebuilds that month from
 * the facts (the query narrowed to it, month-scope.ts). A day's file of new claims has none.
 */
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { stepQuery, type RuleLists, type Step } from './steps.ts';

interface MonthDelta {
  /** The group keys; every other column must be a sum or count (checked: numeric). */
  readonly keys: readonly string[];
  /** A row's month (first day) from its columns, under an alias. */
  readonly month: (alias: string) => string;
}

const byMonth = (a: string) => `${a}.month_start`;

/** The tables refreshed by delta. */
export const MONTH_DELTA: Readonly<Record<string, MonthDelta>> = {
  rollup_flow_month: { keys: ['month_start', 'location_id', 'provider_id', 'payer_id', 'payer_class'], month: byMonth },
  rollup_procedure_month: { keys: ['month_start', 'location_id', 'provider_id', 'payer_class', 'procedure_code'], month: byMonth },
  rollup_charges_day: { keys: ['post_date', 'location_id', 'provider_id', 'payer_class'], month: (a) => `date_trunc('month', ${a}.post_date)::DATE` },
  rollup_denial: { keys: ['month_start', 'claim_id', 'location_id', 'provider_id', 'payer_id', 'payer_class', 'carc_code'], month: byMonth },
};

/** The rows a billing load replaces, as stored before its merge (captured by change.ts). */
export const TXN_OLD = 'rollup_delta_txn_old';
const TXN_NEW = 'rollup_delta_txn_new';
const CLAIM_NEW = 'rollup_delta_claim_new';
const OUT_OLD = 'rollup_delta_month_old';
const OUT_NEW = 'rollup_delta_month_new';
const SUM = 'rollup_delta_month_sum';

/** The temporary tables this module leaves for dropChange. */
export const MONTH_DELTA_TEMP_TABLES = [TXN_OLD, TXN_NEW, CLAIM_NEW, OUT_OLD, OUT_NEW, SUM];

const NUMERIC = /^(DECIMAL|BIGINT|INTEGER|HUGEINT|SMALLINT)/;

async function run(conn: DuckDBConnection, step: Step, sql: string, values: Record<string, DuckDBValue> = {}, types?: Record<string, DuckDBType>): Promise<void> {
  try {
    await conn.run(sql, values, types);
  } catch (err) {
    throw new PracticeBoardError('ROLLUP_FAILED', `refreshing ${step.file} by delta: ${safeDuckDbMessage(err)}`);
  }
}

/** Before the merge: the stored rows the load's rows replace (by natural key). */
export async function captureMonthBefore(conn: DuckDBConnection, rows: string): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${TXN_OLD} AS SELECT * FROM fact_billing_txn WHERE transaction_id IN (SELECT transaction_id FROM ${rows})`);
}

/** Whether the rows before the merge were captured (else the caller rebuilds months). */
export async function monthDeltaCaptured(conn: DuckDBConnection): Promise<boolean> {
  return (await conn.runAndReadAll('SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = $t', { t: TXN_OLD })).getRows().length > 0;
}

/**
 * After the merge and the rollup_claim refresh (rollup_change_claim_old holding K's rows
 * before it): the rows the load stored, and K's rows now. `rows` is the load's relation.
 */
export async function prepareMonthAfter(conn: DuckDBConnection, rows: string): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${TXN_NEW} AS SELECT * FROM fact_billing_txn WHERE transaction_id IN (SELECT transaction_id FROM ${rows})`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${CLAIM_NEW} AS SELECT * FROM rollup_claim WHERE claim_id IN (SELECT claim_id FROM temp.rollup_change_claim)`);
}

/** The step's query over given transactions and claims only. */
const over = (query: string, txns: string, claims: string) =>
  `WITH fact_billing_txn AS (SELECT * FROM temp.${txns}), rollup_claim AS (SELECT * FROM temp.${claims}) SELECT * FROM (${query})`;

/**
 * Applies the delta to one table; returns the months (first days, 'YYYY-MM-01') the caller
 * must rebuild from the facts: those of groups only the rows before the load fed.
 */
export async function applyMonthDelta(conn: DuckDBConnection, step: Step, lists: RuleLists): Promise<string[]> {
  const spec = MONTH_DELTA[step.table];
  if (!spec) throw new PracticeBoardError('ROLLUP_FAILED', `${step.table} has no month delta`);
  const cols = (await conn.runAndReadAll("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t AND database_name <> 'temp' ORDER BY column_index", { t: step.table }))
    .getRows()
    .map((r) => [String(r[0]), String(r[1])] as const);
  const { keys, month: monthOf } = spec;
  const sums = cols.filter(([c]) => !keys.includes(c));
  const notSummed = sums.filter(([, t]) => !NUMERIC.test(t)).map(([c]) => c);
  if (notSummed.length > 0 || keys.some((k) => !cols.some(([c]) => c === k))) {
    throw new PracticeBoardError('ROLLUP_FAILED', `${step.table}: its columns no longer fit the month delta (${notSummed.join(', ') || 'a key is missing'})`);
  }
  const { sql, values, types } = stepQuery(step, lists);
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE ${OUT_OLD} AS ${over(sql, TXN_OLD, 'rollup_change_claim_old')}`, values, types);
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE ${OUT_NEW} AS ${over(sql, TXN_NEW, CLAIM_NEW)}`, values, types);
  const key = keys.join(', ');
  const sumCols = sums.map(([c]) => c);
  const match = (a: string, b: string) => keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
  // The stored rows of the groups the delta touches; their months bound the scan.
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE ${SUM} AS
    WITH part AS (
      SELECT ${key}, ${sumCols.join(', ')} FROM temp.${OUT_NEW}
      UNION ALL SELECT ${key}, ${sumCols.map((c) => `-${c} AS ${c}`).join(', ')} FROM temp.${OUT_OLD}
    ), months AS (SELECT DISTINCT ${monthOf('p')} AS m FROM part p)
    SELECT ${key}, ${sumCols.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM (
      SELECT ${key}, ${sumCols.join(', ')} FROM ${step.table} t
      WHERE ${monthOf('t')} IN (SELECT m FROM months) AND EXISTS (SELECT 1 FROM part p WHERE ${match('p', 't')})
      UNION ALL SELECT * FROM part
    ) GROUP BY ${key}`);
  await run(conn, step, `DELETE FROM ${step.table} t WHERE EXISTS (SELECT 1 FROM temp.${SUM} d WHERE ${match('d', 't')})`);
  await run(conn, step, `INSERT INTO ${step.table} BY NAME SELECT * FROM temp.${SUM} d WHERE EXISTS (SELECT 1 FROM temp.${OUT_NEW} a WHERE ${match('a', 'd')})`);
  const orphaned = await conn.runAndReadAll(
    `SELECT DISTINCT (${monthOf('b')})::VARCHAR FROM temp.${OUT_OLD} b WHERE NOT EXISTS (SELECT 1 FROM temp.${OUT_NEW} a WHERE ${match('a', 'b')}) ORDER BY 1`,
  );
  return orphaned.getRows().map((r) => String(r[0]));
}
