/**
 * What a load changes, captured inside the load's transaction just before its merge, while the
 * rows it replaces are still in the facts: one temporary table `rollup_change` (claim_id, d)
 * holding, for every row the load adds or replaces, its claim (billing) and the date whose
 * month it touches. Reference files record the months of the facts that refer to them
 * (procedure codes whose work RVU the file changes: the charges carrying them). A billing load
 * also records the stored rows it replaces (month-delta.ts), its claims (`rollup_change_claim`)
 * and their A/R contributions before the merge (ar-delta.ts). incremental.ts turns it into the
 * parts of each rollup to refresh. Sources without an entry here change no rollup but the small
 * ones.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DELTA_TEMP_TABLES, captureArBefore } from './ar-delta.ts';
import { MONTH_DELTA_TEMP_TABLES, TXN_OLD, captureMonthBefore } from './month-delta.ts';

/** The staged rows of a load: a relation (SQL) of the file's valid rows in canonical columns. */
export interface LoadChange {
  readonly source: string;
  readonly rows: string;
}

const CAPTURE: Readonly<Record<string, (rows: string) => string>> = {
  // A re-exported transaction replaces the stored one (captured first, month-delta.ts): both its
  // old and its new claim and month.
  billing: (rows) => `
    SELECT claim_id, post_date AS d FROM temp.${TXN_OLD}
    UNION ALL SELECT claim_id, post_date FROM ${rows}`,
  appointments: (rows) => `
    SELECT NULL::VARCHAR AS claim_id, scheduled_start::DATE AS d FROM fact_appointment
      WHERE appointment_id IN (SELECT appointment_id FROM ${rows})
    UNION ALL SELECT NULL, scheduled_start::DATE FROM ${rows}`,
  // The natural key holds the pay period, so a replaced row spans the months of its replacement.
  payroll: (rows) => `
    SELECT NULL::VARCHAR AS claim_id,
      unnest(generate_series(date_trunc('month', period_start), date_trunc('month', period_end), INTERVAL 1 MONTH))::DATE AS d
    FROM ${rows}`,
  // Work RVUs of a code count on the charges carrying it; a code the file leaves at its stored
  // work RVU changes nothing (the rollups read no other column of dim_procedure).
  rvus: (rows) => `
    SELECT DISTINCT NULL::VARCHAR AS claim_id, date_trunc('month', post_date)::DATE AS d FROM fact_billing_txn
    WHERE txn_type = 'charge' AND procedure_code IN (
      SELECT r.procedure_code FROM ${rows} r LEFT JOIN dim_procedure p USING (procedure_code)
      WHERE r.work_rvu IS DISTINCT FROM p.work_rvu)`,
};

/** The sources whose rows some month-grain rollup reads (the others feed only the small ones). */
export const CAPTURED_SOURCES = Object.keys(CAPTURE);

/** Record what the load is about to change; call inside its transaction, before the merge. */
export async function captureChange(conn: DuckDBConnection, change: LoadChange): Promise<void> {
  const capture = CAPTURE[change.source];
  if (!capture) return;
  if (change.source === 'billing') await captureMonthBefore(conn, `(${change.rows})`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE rollup_change AS ${capture(`(${change.rows})`)}`);
  if (change.source !== 'billing') return;
  // Into an empty ledger the load covers every fact and the refresh rebuilds in full: nothing to subtract.
  if ((await conn.runAndReadAll('SELECT 1 FROM fact_billing_txn LIMIT 1')).getRows().length === 0) return;
  await conn.run(CHANGED_CLAIMS);
  await captureArBefore(conn);
}

/** The claims a billing load touches: of the rows it adds and of the stored rows they replace. */
export const CHANGED_CLAIMS = `CREATE OR REPLACE TEMP TABLE rollup_change_claim AS SELECT DISTINCT claim_id FROM rollup_change WHERE claim_id IS NOT NULL`;

export async function dropChange(conn: DuckDBConnection): Promise<void> {
  for (const t of ['rollup_change', 'rollup_change_claim', 'rollup_change_claim_old', ...DELTA_TEMP_TABLES, ...MONTH_DELTA_TEMP_TABLES]) await conn.run(`DROP TABLE IF EXISTS temp.${t}`);
}
