/**
 * Refreshes the rollups after a load, rebuilding only what its rows can change (captured by
 * change.ts before the merge), inside the load's transaction, with the same rows a full
 * rebuild (rebuild.ts) gives:
 * - billing: the claims it touches (rollup_claim); the flows, procedure mix, daily charges and
 *   denials by delta, at the cost of the load's rows and claims (month-delta.ts), rebuilding
 *   only the months whose group rows the delta cannot settle (without a capture before the
 *   merge: the months of its rows, old and new, plus the months of those claims' billed and
 *   adjudicated events, before and after); A/R (rollup_ar_month, rollup_ar_flow_month) by
 *   delta, at the cost of the load's claims (ar-delta.ts); where the delta does not apply (the
 *   ledger's month range moved, nothing captured), at every month end from the earliest month
 *   whose balances can differ: the load's rows, all rows of a claim whose first-charge group or
 *   date of service changed, and the month after the last A/R month (the ledger may grow);
 * - appointments and payroll: the months of their rows; procedure codes (rvus): the months of
 *   the charges carrying the codes whose work RVU changed; other reference files (providers,
 *   payers, locations, budget, fee schedule): nothing but the small rollups, since no other
 *   rollup reads them;
 * - always, the small rollups (provider FTE from other rollups, coverage).
 * A month-grain rollup's months are rebuilt by its own query narrowed on its facts' dates to
 * those months (month-scope.ts). A source it does not know, a load whose change was not
 * captured, or one that holds every row of its fact table gets a full rebuild (billing's read
 * from the load's staged rows, staged-facts.ts).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { applyArDelta } from './ar-delta.ts';
import { CAPTURED_SOURCES, CHANGED_CLAIMS, captureChange, dropChange, type LoadChange } from './change.ts';
import { MONTH_DELTA, applyMonthDelta, monthDeltaCaptured, prepareMonthAfter } from './month-delta.ts';
import { rebuildRollups, ruleLists, type RebuildOptions } from './rebuild.ts';
import { stagedFacts } from './staged-facts.ts';
import { STEPS, runStep, type Part, type Step } from './steps.ts';

export { captureChange, type LoadChange };

/** Above this many claims a partial rollup_claim uses a semi-join (not pushed below the GROUP BY) instead of a bound list. */
const CLAIM_LIST_MAX = 2000;

const OLD_CLAIMS = `CREATE OR REPLACE TEMP TABLE rollup_change_claim_old AS
  SELECT * FROM rollup_claim WHERE claim_id IN (SELECT claim_id FROM rollup_change_claim)`;
const CHANGE_MONTHS = `SELECT DISTINCT date_trunc('month', d)::DATE::VARCHAR FROM rollup_change WHERE d IS NOT NULL ORDER BY 1`;
const FLOW_MONTHS = `
  SELECT DISTINCT date_trunc('month', d)::DATE::VARCHAR FROM (
    SELECT d FROM rollup_change
    UNION ALL SELECT unnest([first_charge_post_date, adjudication_date]) AS d FROM rollup_change_claim_old
    UNION ALL SELECT unnest([first_charge_post_date, adjudication_date]) AS d FROM rollup_claim
      WHERE claim_id IN (SELECT claim_id FROM rollup_change_claim)
  ) WHERE d IS NOT NULL ORDER BY 1`;
const AR_FROM = `
  WITH new_claim AS (SELECT * FROM rollup_claim WHERE claim_id IN (SELECT claim_id FROM rollup_change_claim)),
  regrouped AS (
    (SELECT claim_id, location_id, provider_id, payer_id, payer_class, service_date FROM rollup_change_claim_old
     EXCEPT SELECT claim_id, location_id, provider_id, payer_id, payer_class, service_date FROM new_claim)
    UNION
    (SELECT claim_id, location_id, provider_id, payer_id, payer_class, service_date FROM new_claim
     EXCEPT SELECT claim_id, location_id, provider_id, payer_id, payer_class, service_date FROM rollup_change_claim_old)
  )
  SELECT min(date_trunc('month', d))::DATE::VARCHAR FROM (
    SELECT d FROM rollup_change
    UNION ALL SELECT post_date FROM fact_billing_txn WHERE claim_id IN (SELECT claim_id FROM regrouped)
    UNION ALL SELECT (max(as_of_date) + 1)::DATE FROM rollup_ar_month
  )`;

const BILLING_MONTHS = new Set(['rollup_procedure_month', 'rollup_charges_day', 'rollup_denial']);
const SOURCE_TABLES: Readonly<Record<string, ReadonlySet<string>>> = {
  appointments: new Set(['rollup_appt_month', 'rollup_visit', 'rollup_clinic_day']),
  payroll: new Set(['rollup_payroll_month']),
  rvus: new Set(['rollup_flow_month', 'rollup_procedure_month']),
  // No month-grain rollup reads these (the roster feeds provider FTE, a small rollup).
  providers: new Set(),
  payers: new Set(),
  locations: new Set(),
  budget: new Set(),
  fee_schedule: new Set(),
};

const column = async (conn: DuckDBConnection, sql: string): Promise<string[]> =>
  (await conn.runAndReadAll(sql)).getRows().map((r) => r[0]).filter((v): v is string => typeof v === 'string');

/** A filter `key IN ($p0, $p1, ...)` with bound values. */
function inList(key: string, items: readonly string[], cast: string): Part & { readonly whole: false } {
  const values: Record<string, DuckDBValue> = Object.fromEntries(items.map((v, i) => [`p${i}`, v]));
  return { whole: false, where: `${key} IN (${items.map((_, i) => `$p${i}::${cast}`).join(', ')})`, values };
}

function monthPart(step: Step, months: readonly string[]): Part | undefined {
  if (step.slice.kind !== 'month' || months.length === 0) return undefined;
  return { ...inList(step.slice.key, months, 'DATE'), months };
}

// Not payroll: its change holds a row per month a pay period spans, more than the rows it loads.
const FACT_TABLE: Readonly<Record<string, string>> = { billing: 'fact_billing_txn', appointments: 'fact_appointment' };

/** The captured change has at least as many rows as the source's fact table (after the merge). */
async function coversFacts(conn: DuckDBConnection, source: string): Promise<boolean> {
  const table = FACT_TABLE[source];
  if (!table) return false;
  const [changed, facts] = (await conn.runAndReadAll(`SELECT (SELECT count(*) FROM rollup_change), (SELECT count(*) FROM ${table})`)).getRows()[0]!;
  return Number(changed) > 0 && Number(changed) >= Number(facts);
}

/** Refresh after a load of `change.source`; call after the merge, inside the load's transaction. */
export async function refreshRollups(conn: DuckDBConnection, change: Pick<LoadChange, 'source'> & Partial<LoadChange>, options: RebuildOptions = {}): Promise<void> {
  const hasChange = (await conn.runAndReadAll("SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = 'rollup_change'")).getRows().length > 0;
  const known = change.source in SOURCE_TABLES || change.source === 'billing';
  const captured = CAPTURED_SOURCES.includes(change.source);
  // A full rebuild of a load whose staged rows are all the rows of its fact table reads them there.
  const rebuild = async () => rebuildRollups(conn, { ...options, staged: await stagedFacts(conn, change) });
  if (!known || (captured && !hasChange)) return rebuild();
  // A load that changes at least as many rows as the facts now hold (the first load of a source,
  // a re-export of everything) changes every part: one full rebuild costs less than the partial
  // steps, which read the whole facts anyway and then delete and re-insert every row.
  if (hasChange && (await coversFacts(conn, change.source))) {
    await dropChange(conn);
    return rebuild();
  }
  const lists = ruleLists(options);
  const parts = new Map<string, Part>();
  try {
    if (change.source === 'billing') {
      await conn.run(CHANGED_CLAIMS);
      await conn.run(OLD_CLAIMS);
      const claims = await column(conn, 'SELECT claim_id FROM rollup_change_claim ORDER BY 1');
      const claimStep = STEPS.find((s) => s.table === 'rollup_claim')!;
      if (claims.length > 0) {
        const part = claims.length <= CLAIM_LIST_MAX ? inList('claim_id', claims, 'VARCHAR') : ({ whole: false, where: 'claim_id IN (SELECT claim_id FROM rollup_change_claim)', values: {} } as const);
        await runStep(conn, claimStep, lists, part);
      }
      const months = await column(conn, CHANGE_MONTHS);
      if (change.rows !== undefined && (await monthDeltaCaptured(conn))) {
        // By delta over the load's rows; a month the delta cannot settle is rebuilt below.
        await prepareMonthAfter(conn, `(${change.rows})`);
        for (const step of STEPS) {
          const p = step.table in MONTH_DELTA ? monthPart(step, await applyMonthDelta(conn, step, lists)) : undefined;
          if (p) parts.set(step.table, p);
        }
      } else {
        const flow = await column(conn, FLOW_MONTHS);
        for (const step of STEPS) {
          const p = step.table === 'rollup_flow_month' ? monthPart(step, flow) : BILLING_MONTHS.has(step.table) ? monthPart(step, months) : undefined;
          if (p) parts.set(step.table, p);
        }
      }
      // A/R and the flows in the group of the claim (the roll-forward): by delta where it holds;
      // otherwise every month from the earliest that can differ.
      const delta = await applyArDelta(conn);
      const fallback = [...STEPS].some((s) => s.slice.kind === 'from' && !delta.has(s.table)) ? (await column(conn, AR_FROM))[0] : undefined;
      for (const ar of STEPS) {
        if (ar.slice.kind !== 'from') continue;
        const from = delta.has(ar.table) ? undefined : fallback;
        if (from !== undefined) parts.set(ar.table, { whole: false, where: `${ar.slice.key} >= $from::DATE`, values: { from } });
        else if (!delta.has(ar.table) && months.length > 0) parts.set(ar.table, { whole: true });
      }
    } else if (captured) {
      const months = await column(conn, CHANGE_MONTHS);
      for (const step of STEPS) {
        const p = SOURCE_TABLES[change.source]!.has(step.table) ? monthPart(step, months) : undefined;
        if (p) parts.set(step.table, p);
      }
    }
    for (const step of STEPS) {
      if (step.slice.kind === 'claim') continue;
      const part = step.slice.kind === 'small' ? ({ whole: true } as const) : parts.get(step.table);
      if (part) await runStep(conn, step, lists, part);
    }
  } finally {
    await dropChange(conn);
  }
}
