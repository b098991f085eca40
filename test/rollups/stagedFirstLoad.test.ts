/**
 * The full rebuild of a load that holds every row of the billing table reads the load's staged
 * rows in place of the table (dashboards/rollups/staged-facts.ts). Checked through the real
 * loader: inside the load's transaction the staged relation holds exactly the table's rows
 * (compared with EXCEPT ALL both ways), the rollups it gives equal, value for value and type for
 * type, a full rebuild of the committed facts; a load that does not hold every row of the table
 * gets no staged relation. The file has a row the loader rejects, which must count nowhere.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { stagedFacts, type StagedFacts } from '../../dashboards/rollups/staged-facts.ts';
import type { LoaderDeps } from '../../etl/load/loadFile.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { snapshotAndRebuild } from './fullRebuildDiff.ts';

let h: Harness;
let seen: Array<{ staged: StagedFacts | undefined; differ: number | undefined }>;

/** The refresh as the server wires it, recording what stagedFacts gives and how its rows differ from the table's. */
const wired = (): Partial<LoaderDeps> => ({
  // One row of eleven rejected: over the default 5% limit, so the limit is raised for these files.
  rejectThreshold: 0.2,
  beforeMerge: captureChange,
  afterMerge: async (c, change) => {
    const staged = await stagedFacts(c, change);
    let differ: number | undefined;
    if (staged) {
      const cols = (await c.runAndReadAll(`DESCRIBE SELECT * FROM (${staged.rows})`)).getRows().map((r) => `"${String(r[0])}"`).join(', ');
      const sql = `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM fact_billing_txn EXCEPT ALL SELECT * FROM (${staged.rows})))
                        + (SELECT count(*) FROM (SELECT * FROM (${staged.rows}) EXCEPT ALL SELECT ${cols} FROM fact_billing_txn))`;
      differ = Number((await c.runAndReadAll(sql)).getRows()[0]![0]);
    }
    seen.push({ staged, differ });
    await refreshRollups(c, change);
  },
});

beforeEach(async () => {
  h = await openHarness();
  seen = [];
  await h.warehouse.use((c) => rebuildRollups(c));
});
afterEach(() => h.close());

/** The rollups as loaded, and as a full rebuild of the same facts gives them (rows and column types). */
const againstRebuild = () => h.warehouse.use((c) => snapshotAndRebuild(c, true));

// Two claims over two months: charges (one reversed), an insurance payment, a contractual and a
// denial adjustment, a patient payment, a refund, a transfer; and one row rejected (no amount).
const ledger = csv('billing', [
  { transaction_id: 'T1', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-01-06', amount_usd: '200.00', procedure_code: '99214' },
  { transaction_id: 'T2', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-02-10', txn_type: 'payment', payment_source: 'insurance', amount_usd: '120.00' },
  { transaction_id: 'T3', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-02-10', txn_type: 'adjustment', adj_group: 'CO', carc_code: '45', amount_usd: '60.00' },
  { transaction_id: 'T4', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-02-20', txn_type: 'payment', payment_source: 'patient', amount_usd: '30.00' },
  { transaction_id: 'T5', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-02-25', txn_type: 'refund', payment_source: 'patient', amount_usd: '10.00' },
  { transaction_id: 'T6', claim_id: 'C2', service_date: '2026-01-20', post_date: '2026-01-21', amount_usd: '150.00', units_n: '2' },
  { transaction_id: 'T7', claim_id: 'C2', service_date: '2026-01-20', post_date: '2026-01-22', amount_usd: '-150.00', units_n: '2' },
  { transaction_id: 'T8', claim_id: 'C2', service_date: '2026-01-20', post_date: '2026-01-23', amount_usd: '140.00' },
  { transaction_id: 'T9', claim_id: 'C2', service_date: '2026-01-20', post_date: '2026-02-15', txn_type: 'adjustment', adj_group: 'CO', carc_code: '16', amount_usd: '140.00' },
  { transaction_id: 'T10', claim_id: 'C2', service_date: '2026-01-20', post_date: '2026-02-16', txn_type: 'transfer', amount_usd: '0.00' },
  { transaction_id: 'T11', claim_id: 'C2', service_date: '2026-01-20', post_date: '2026-02-17', amount_usd: '' },
]);

describe('a full rebuild from the staged rows', () => {
  it('reads, on a first billing load, exactly the rows the table holds, and gives the rollups a rebuild of the committed facts gives', async () => {
    const r = await h.load({ path: h.file('b1.csv', ledger), source: 'billing' }, wired());
    expect(r.status, r.message ?? '').toBe('loaded');
    expect([r.rowsLoaded, r.rowsRejected]).toEqual([10, 1]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.staged?.table).toBe('fact_billing_txn');
    expect(seen[0]!.differ).toBe(0);
    const [loaded, rebuilt] = await againstRebuild();
    expect(loaded).toEqual(rebuilt);
    // By hand: C1 charged 200.00, C2 150.00 - 150.00 + 140.00 = 140.00; C2 denied (CO-16).
    expect(await h.rows('SELECT claim_id, charges_usd::VARCHAR AS charges, has_denial FROM rollup_claim ORDER BY 1')).toEqual([
      { claim_id: 'C1', charges: '200.00', has_denial: false },
      { claim_id: 'C2', charges: '140.00', has_denial: true },
    ]);
  });

  it('is not used by a load that holds only part of the table', async () => {
    await h.load({ path: h.file('b1.csv', ledger), source: 'billing' }, wired());
    const more = csv('billing', [{ transaction_id: 'T20', claim_id: 'C3', service_date: '2026-02-01', post_date: '2026-02-02', amount_usd: '90.00' }]);
    const r = await h.load({ path: h.file('b2.csv', more), source: 'billing' }, wired());
    expect(r.status, r.message ?? '').toBe('loaded');
    expect(seen.map((s) => s.staged === undefined)).toEqual([false, true]);
    const [loaded, rebuilt] = await againstRebuild();
    expect(loaded).toEqual(rebuilt);
  });
});
