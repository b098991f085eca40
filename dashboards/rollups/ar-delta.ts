/**
 * The A/R rollups (rollup_ar_month, rollup_ar_flow_month) refreshed at the cost of the claims
 * a load touches, not of the warehouse. Every column but the group keys is a sum or count over
 * claims, so for the set K of claims the load touches (rollup_change_claim, change.ts: every
 * claim with a row added or replaced, which includes every claim whose first-charge group or
 * date of service changed):
 *   new table = old table - K's contribution before the merge + K's contribution after it,
 * summed per group key, a group row kept only while the step's `keep` rule holds (the rows the
 * full query would emit: a month end with a claim of non-zero balance; a month with a row).
 * K's contributions are the step's own query narrowed to K (steps.ts `scopedQuery`), so the
 * delta and a full rebuild share one definition. The contribution before the merge is taken
 * before it (`captureArBefore`, called by change.ts), with the ledger's month range then.
 *
 * When the delta does not apply, `applyArDelta` leaves the table to the caller's partial
 * rebuild (every month end from the earliest that can differ, for every claim):
 * - nothing was captured before the merge;
 * - rollup_ar_month, when the ledger's month range moved: its first month moved, or its last
 *   month moved earlier (every open claim's span ends elsewhere).
 * When the last month only grew, the month ends up to the old last month take the delta and the
 * new month ends are computed for every claim (`from` in the result: the caller rebuilds from
 * there on). rollup_ar_flow_month has no month range (months of its rows) and always takes the
 * delta when captured. The A/R queries bind no adjustment-rule list and read only the group and
 * date of service of rollup_claim, which the rules do not change: a rule change cannot make
 * their delta wrong (it takes a full rebuild anyway, README.md).
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { STEPS, scopedQuery, type Step } from './steps.ts';

const BOUNDS = readFileSync(new URL('./ar_bounds.sql', import.meta.url), 'utf8').trim().replace(/;$/, '');
const DELTA_STEPS = STEPS.filter((s) => s.delta);
const before = (s: Step) => `rollup_delta_old_${s.table}`;

/** The temporary tables this module leaves for dropChange. */
export const DELTA_TEMP_TABLES = ['rollup_delta_bounds', 'rollup_delta_part', 'rollup_delta_sum', ...DELTA_STEPS.map(before)];

interface Bounds {
  readonly first: string | null;
  readonly last: string | null;
}

async function ledgerBounds(conn: DuckDBConnection): Promise<Bounds> {
  const [first, last] = (await conn.runAndReadAll(BOUNDS)).getRows()[0] ?? [null, null];
  return { first: (first as string | null) ?? null, last: (last as string | null) ?? null };
}

async function run(conn: DuckDBConnection, step: Step, sql: string, values: Record<string, string> = {}): Promise<void> {
  try {
    await conn.run(sql, values);
  } catch (err) {
    throw new PracticeBoardError('ROLLUP_FAILED', `refreshing ${step.file} by delta: ${safeDuckDbMessage(err)}`);
  }
}

/** Before the merge (rollup_change_claim recorded): K's contributions as the facts stand, and the ledger's month range. */
export async function captureArBefore(conn: DuckDBConnection): Promise<void> {
  const b = await ledgerBounds(conn);
  await conn.run('CREATE OR REPLACE TEMP TABLE rollup_delta_bounds AS SELECT $first::VARCHAR AS first_m, $last::VARCHAR AS last_m', { first: b.first, last: b.last });
  for (const step of DELTA_STEPS) await run(conn, step, `CREATE OR REPLACE TEMP TABLE ${before(step)} AS ${scopedQuery(step)}`);
}

/** table - before + after (after cut at month ends <= `until`), per group key; rows the query would not emit dropped. */
async function applyStep(conn: DuckDBConnection, step: Step, until?: string): Promise<void> {
  const { keys, keep } = step.delta!;
  const cols = (await conn.runAndReadAll("SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND database_name <> 'temp' ORDER BY column_index", { t: step.table }))
    .getRows()
    .map((r) => String(r[0]));
  const sums = cols.filter((c) => !keys.includes(c));
  const key = keys.join(', ');
  const match = (a: string, b: string) => keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
  const cut = until === undefined ? '' : `WHERE ${step.slice.kind === 'from' ? step.slice.key : keys[0]} <= $until::DATE`;
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE rollup_delta_part AS
    SELECT ${key}, ${sums.join(', ')} FROM (${scopedQuery(step)}) ${cut}
    UNION ALL SELECT ${key}, ${sums.map((c) => `-${c} AS ${c}`).join(', ')} FROM temp.${before(step)}`, until === undefined ? {} : { until });
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE rollup_delta_sum AS
    SELECT ${key}, ${sums.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM (
      SELECT ${key}, ${sums.join(', ')} FROM ${step.table} t WHERE EXISTS (SELECT 1 FROM temp.rollup_delta_part p WHERE ${match('p', 't')})
      UNION ALL SELECT * FROM temp.rollup_delta_part
    ) GROUP BY ${key}`);
  await run(conn, step, `DELETE FROM ${step.table} t WHERE EXISTS (SELECT 1 FROM temp.rollup_delta_sum d WHERE ${match('d', 't')})`);
  await run(conn, step, `INSERT INTO ${step.table} BY NAME SELECT * FROM temp.rollup_delta_sum WHERE ${keep}`);
}

/**
 * After the merge and the rollup_claim refresh: applies the delta where it holds. Returns the
 * tables it refreshed, each with the month (`from`) from which the caller still rebuilds it for
 * every claim (the month ends a grown ledger adds), if any.
 */
export async function applyArDelta(conn: DuckDBConnection): Promise<Map<string, { from?: string }>> {
  const done = new Map<string, { from?: string }>();
  const captured = (await conn.runAndReadAll("SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = 'rollup_delta_bounds'")).getRows().length > 0;
  if (!captured) return done;
  const [first, last] = (await conn.runAndReadAll('SELECT first_m, last_m FROM temp.rollup_delta_bounds')).getRows()[0]! as [string | null, string | null];
  const now = await ledgerBounds(conn);
  for (const step of DELTA_STEPS) {
    if (step.table !== 'rollup_ar_month') {
      await applyStep(conn, step);
      done.set(step.table, {});
      continue;
    }
    // Month ends run from the ledger's first to its last month: the delta holds while the old ones all remain.
    if (first === null || last === null || now.first !== first || now.last === null || now.last < last) continue;
    const until = (await conn.runAndReadAll('SELECT last_day($m::DATE)::VARCHAR', { m: last })).getRows()[0]![0] as string;
    await applyStep(conn, step, until);
    const from = now.last > last ? ((await conn.runAndReadAll("SELECT ($m::DATE + INTERVAL 1 MONTH)::DATE::VARCHAR", { m: last })).getRows()[0]![0] as string) : undefined;
    done.set(step.table, from === undefined ? {} : { from });
  }
  return done;
}
