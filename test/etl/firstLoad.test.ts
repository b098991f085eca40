/**
 * The first load into an empty fact table (billing, appointments) skips the change capture
 * before its merge: the rollup refresh then rebuilds in full, as it does for a captured change
 * that covers the facts. The rollups must equal a full rebuild of the committed warehouse (run
 * in a transaction that is rolled back); a later load into the same table still captures its
 * change, and payroll always does. Expected charges by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import type { LoaderDeps } from '../../etl/load/loadFile.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { snapshotAndRebuild } from '../rollups/fullRebuildDiff.ts';

let h: Harness;
let captured: string[];
let refreshed: string[];
const wired = (): Partial<LoaderDeps> => ({
  beforeMerge: async (c, change) => {
    captured.push(change.source);
    await captureChange(c, change);
  },
  afterMerge: async (c, change) => {
    refreshed.push(change.source);
    await refreshRollups(c, change);
  },
});

beforeEach(async () => {
  h = await openHarness();
  captured = [];
  refreshed = [];
  await h.warehouse.use((c) => rebuildRollups(c));
});
afterEach(() => h.close());

/** The rollups as loaded, and as a full rebuild of the same facts gives them. */
const againstRebuild = () => h.warehouse.use((c) => snapshotAndRebuild(c));

const billing = (claim: string, ids: [string, string]) =>
  csv('billing', [
    { transaction_id: ids[0], claim_id: claim, service_date: '2026-09-01', post_date: '2026-09-02', amount_usd: '125.00' },
    { transaction_id: ids[1], claim_id: claim, service_date: '2026-09-01', post_date: '2026-10-05', txn_type: 'payment', payment_source: 'insurance', amount_usd: '80.00' },
  ]);

describe('first load into an empty fact table', () => {
  it('refreshes the rollups without a captured change, equal to a full rebuild; the next load captures its change', async () => {
    const first = await h.load({ path: h.file('b1.csv', billing('C1', ['T1', 'T2'])), source: 'billing' }, wired());
    expect(first.status).toBe('loaded');
    expect(captured).toEqual([]);
    expect(refreshed).toEqual(['billing']);
    const [loaded, rebuilt] = await againstRebuild();
    expect(loaded).toEqual(rebuilt);
    // By hand: one claim, 125.00 charged.
    expect(await h.rows('SELECT claim_id, charges_usd::VARCHAR AS charges FROM rollup_claim')).toEqual([{ claim_id: 'C1', charges: '125.00' }]);

    const second = await h.load({ path: h.file('b2.csv', billing('C2', ['T3', 'T4'])), source: 'billing' }, wired());
    expect(second.status).toBe('loaded');
    expect(captured).toEqual(['billing']);
    const [loaded2, rebuilt2] = await againstRebuild();
    expect(loaded2).toEqual(rebuilt2);
    expect(await h.rows('SELECT claim_id, charges_usd::VARCHAR AS charges FROM rollup_claim ORDER BY 1')).toEqual([
      { claim_id: 'C1', charges: '125.00' },
      { claim_id: 'C2', charges: '125.00' },
    ]);
  });

  it('a first appointments load into a warehouse holding billing rebuilds every rollup, billing ones included, as a full rebuild does', async () => {
    await h.load({ path: h.file('b1.csv', billing('C1', ['T1', 'T2'])), source: 'billing' }, wired());
    const appts = csv('appointments', [{ appointment_id: 'A1' }, { appointment_id: 'A2' }]);
    const r = await h.load({ path: h.file('a1.csv', appts), source: 'appointments' }, wired());
    expect(r.status).toBe('loaded');
    expect(captured).toEqual([]);
    const [loaded, rebuilt] = await againstRebuild();
    expect(loaded).toEqual(rebuilt);
    expect(loaded.rollup_claim).toHaveLength(1);
  });

  it('payroll, whose refresh is by month, still captures its change on a first load', async () => {
    const r = await h.load({ path: h.file('p1.csv', csv('payroll', [{}])), source: 'payroll' }, wired());
    expect(r.status, r.message ?? '').toBe('loaded');
    expect(captured).toEqual(['payroll']);
    const [loaded, rebuilt] = await againstRebuild();
    expect(loaded).toEqual(rebuilt);
  });
});
