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
 * before it (`captureArBefore`, called by change.ts), with the ledger's month range then. The
 * month range (the month ends rollup_ar_month spans) is read from rollup_ar_flow_month, before
 * the merge and after that table's own delta, and bound into the narrowed query in place of its
 * scan of every row (`deltaQuery`): no statement of the delta reads the whole ledger.
 *
 * When the delta does not apply, `applyArDelta` leaves the table to the caller's partial
 * rebuild (every month end from the earliest that can differ, for every claim):
 * - nothing was captured before the merge;
 * - rollup_ar_month, when the ledger's month range moved: its first month moved, or its last
 *   month moved earlier (every open claim's span ends elsewhere).
 * When the last month only grew, the month ends it adds take the load's claims from the delta and
 * every other claim from its state at the old last month end (`grownMonthEnds`), so that too
 * costs the load's claims and the claims of the last 120 days, not the whole ledger. rollup_ar_flow_month has no month range (months of its rows) and always takes the
 * delta when captured. The A/R queries bind no adjustment-rule list and read only the group and
 * date of service of rollup_claim, which the rules do not change: a rule change cannot make
 * their delta wrong (it takes a full rebuild anyway, README.md).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { SCOPE_CLAIMS, STEPS, scopedQuery, type Step } from './steps.ts';

/**
 * The ledger's month range as ar_month.sql's bounds define it (first and last post month of the
 * transactions A/R counts, transfers left out), read from rollup_ar_flow_month, which holds a
 * row for exactly the months with such a transaction (txns_n > 0) and is current before a load
 * and once its own delta is applied: a few thousand rows instead of every row of the ledger.
 */
const BOUNDS = 'SELECT min(month_start)::VARCHAR AS first_m, max(month_start)::VARCHAR AS last_m FROM rollup_ar_flow_month';
/** Where ar_month.sql computes its bounds; the delta binds them there instead. */
const BOUNDS_MARKED = /\/\*bounds\*\/[\s\S]*?\/\*end bounds\*\//g;
/** The table whose scoped query reads the bounds; its delta needs the other's applied first. */
const AR_MONTH = 'rollup_ar_month';
// rollup_ar_flow_month first: the ledger's month range after the load is read from it.
const DELTA_STEPS = STEPS.filter((s) => s.delta).sort((a, b) => Number(a.table === AR_MONTH) - Number(b.table === AR_MONTH));
const before = (s: Step) => `rollup_delta_old_${s.table}`;

/** The temporary tables this module leaves for dropChange. */
export const DELTA_TEMP_TABLES = ['rollup_delta_bounds', 'rollup_delta_part', 'rollup_delta_sum', 'rollup_delta_recent', 'rollup_delta_recent_ar', ...DELTA_STEPS.map(before)];

interface Bounds {
  readonly first: string | null;
  readonly last: string | null;
}

async function ledgerBounds(conn: DuckDBConnection): Promise<Bounds> {
  const [first, last] = (await conn.runAndReadAll(BOUNDS)).getRows()[0] ?? [null, null];
  return { first: (first as string | null) ?? null, last: (last as string | null) ?? null };
}

/** Non-K claims aged up to 120 days at the old last month end (the month ends a grown ledger adds move their buckets). */
const RECENT_CLAIMS = 'claim_id IN (SELECT claim_id FROM temp.rollup_delta_recent)';

/** A delta step's query narrowed to the load's claims (or `claims`), with the ledger's month range bound (rollup_ar_month). */
export function deltaQuery(step: Step, bounds: Bounds, claims = SCOPE_CLAIMS): { sql: string; values: Record<string, string | null> } {
  const sql = scopedQuery(step).replaceAll(SCOPE_CLAIMS, claims);
  if (step.table !== AR_MONTH) return { sql, values: {} };
  if ((sql.match(BOUNDS_MARKED) ?? []).length !== 1) throw new PracticeBoardError('ROLLUP_FAILED', `${step.file} has no /*bounds*/ ... /*end bounds*/ section`);
  return { sql: sql.replace(BOUNDS_MARKED, 'SELECT $first_m::DATE AS first_m, $last_m::DATE AS last_m'), values: { first_m: bounds.first, last_m: bounds.last } };
}

async function run(conn: DuckDBConnection, step: Step, sql: string, values: Record<string, string | null> = {}): Promise<void> {
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
  for (const step of DELTA_STEPS) {
    const q = deltaQuery(step, b);
    await run(conn, step, `CREATE OR REPLACE TEMP TABLE ${before(step)} AS ${q.sql}`, q.values);
  }
}

/**
 * table - before + after + `extra` (rows in the table's columns: the month ends a grown ledger
 * adds, for the claims the load does not touch), per group key; rows the query would not emit dropped.
 */
async function applyStep(conn: DuckDBConnection, step: Step, bounds: Bounds, extra?: { sql: string; values: Record<string, string | null> }): Promise<void> {
  const { keys, keep } = step.delta!;
  const sums = await sumColumns(conn, step);
  const key = keys.join(', ');
  const match = (a: string, b: string) => keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
  const q = deltaQuery(step, bounds);
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE rollup_delta_part AS
    SELECT ${key}, ${sums.join(', ')} FROM (${q.sql})
    UNION ALL SELECT ${key}, ${sums.map((c) => `-${c} AS ${c}`).join(', ')} FROM temp.${before(step)}
    ${extra ? `UNION ALL SELECT ${key}, ${sums.join(', ')} FROM (${extra.sql})` : ''}`, { ...q.values, ...extra?.values });
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE rollup_delta_sum AS
    SELECT ${key}, ${sums.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM (
      SELECT ${key}, ${sums.join(', ')} FROM ${step.table} t WHERE EXISTS (SELECT 1 FROM temp.rollup_delta_part p WHERE ${match('p', 't')})
      UNION ALL SELECT * FROM temp.rollup_delta_part
    ) GROUP BY ${key}`);
  await run(conn, step, `DELETE FROM ${step.table} t WHERE EXISTS (SELECT 1 FROM temp.rollup_delta_sum d WHERE ${match('d', 't')})`);
  await run(conn, step, `INSERT INTO ${step.table} BY NAME SELECT * FROM temp.rollup_delta_sum WHERE ${keep}`);
}

async function sumColumns(conn: DuckDBConnection, step: Step): Promise<string[]> {
  const cols = (await conn.runAndReadAll("SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND database_name <> 'temp' ORDER BY column_index", { t: step.table }))
    .getRows()
    .map((r) => String(r[0]));
  return cols.filter((c) => !step.delta!.keys.includes(c));
}

/**
 * The month ends after the old last month L, up to the new one, for the claims the load does not
 * touch: they have no posting after L (every posting past L is the load's), so each keeps its
 * balance at L. A claim aged over 120 days at L stays in the over-120 bucket, so those claims
 * carry over as they stand at L: the stored row at L less the load's claims (before the load)
 * and less the claims aged up to 120 days at L (R). R's claims change bucket and are computed at
 * every new month end by the query itself, narrowed to them (their transactions only).
 */
async function grownMonthEnds(conn: DuckDBConnection, step: Step, now: Bounds, lastEnd: string): Promise<{ sql: string; values: Record<string, string | null> }> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE rollup_delta_recent AS SELECT claim_id FROM rollup_claim
     WHERE service_date >= $last_end::DATE - 120 AND claim_id NOT IN (SELECT claim_id FROM temp.rollup_change_claim)`,
    { last_end: lastEnd },
  );
  const r = deltaQuery(step, now, RECENT_CLAIMS);
  await run(conn, step, `CREATE OR REPLACE TEMP TABLE rollup_delta_recent_ar AS ${r.sql}`, r.values);
  const sums = await sumColumns(conn, step);
  const group = step.delta!.keys.filter((k) => k !== 'as_of_date').join(', ');
  const neg = sums.map((c) => `-${c} AS ${c}`).join(', ');
  return {
    sql: `WITH carried AS (
        SELECT ${group}, ${sums.join(', ')} FROM ${step.table} WHERE as_of_date = $last_end::DATE
        UNION ALL SELECT ${group}, ${neg} FROM temp.${before(step)} WHERE as_of_date = $last_end::DATE
        UNION ALL SELECT ${group}, ${neg} FROM temp.rollup_delta_recent_ar WHERE as_of_date = $last_end::DATE
      ), ends AS (
        SELECT last_day(unnest(generate_series($last_end::DATE + 1, $now_last::DATE, INTERVAL 1 MONTH)))::DATE AS as_of_date
      )
      SELECT e.as_of_date, ${group}, ${sums.join(', ')} FROM carried CROSS JOIN ends e
      UNION ALL SELECT as_of_date, ${group}, ${sums.join(', ')} FROM temp.rollup_delta_recent_ar WHERE as_of_date > $last_end::DATE`,
    values: { last_end: lastEnd, now_last: now.last },
  };
}

/** After the merge and the rollup_claim refresh: applies the delta where it holds. Returns the tables it refreshed. */
export async function applyArDelta(conn: DuckDBConnection): Promise<Set<string>> {
  const done = new Set<string>();
  const captured = (await conn.runAndReadAll("SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = 'rollup_delta_bounds'")).getRows().length > 0;
  if (!captured) return done;
  const [first, last] = (await conn.runAndReadAll('SELECT first_m, last_m FROM temp.rollup_delta_bounds')).getRows()[0]! as [string | null, string | null];
  for (const step of DELTA_STEPS) {
    if (step.table !== AR_MONTH) {
      await applyStep(conn, step, { first: null, last: null });
      done.add(step.table);
      continue;
    }
    const now = await ledgerBounds(conn);
    // Month ends run from the ledger's first to its last month: the delta holds while the old ones all remain.
    if (first === null || last === null || now.first !== first || now.last === null || now.last < last) continue;
    const lastEnd = (await conn.runAndReadAll('SELECT last_day($m::DATE)::VARCHAR', { m: last })).getRows()[0]![0] as string;
    await applyStep(conn, step, now, now.last > last ? await grownMonthEnds(conn, step, now, lastEnd) : undefined);
    done.add(step.table);
  }
  return done;
}
