/**
 * The month-grain billing rollups refreshed by delta over a load's rows (month-delta.ts). A
 * group row fed only by the replaced rows may keep other rows (here a transfer, which sums to
 * nothing and still has its row) or lose its last one: that month is rebuilt from the facts.
 * Expected rows worked by hand, and every table must equal a full rebuild after each load.
 */
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { differencesFromRebuild } from './fullRebuildDiff.ts';

const wired = { beforeMerge: captureChange, afterMerge: refreshRollups };
const row = (t: string, claim: string, location: string, type: string, usd: string, day: string) => ({
  transaction_id: t, claim_id: claim, location_id: location, txn_type: type, amount_usd: usd, service_date: '2026-03-01', post_date: `2026-03-${day}`,
  ...(type === 'transfer' ? { adj_group: 'PR', carc_code: '3' } : {}),
});

async function load(h: Harness, name: string, rows: Record<string, string>[]): Promise<void> {
  expect((await h.load({ path: h.file(name, csv('billing', rows)), source: 'billing' }, wired)).status).toBe('loaded');
  expect(await h.warehouse.use(differencesFromRebuild), `after ${name}`).toEqual({});
}

const FLOWS = `SELECT location_id AS loc, charges_usd::VARCHAR AS charges, charge_lines_n::INTEGER AS lines, claims_billed_n::INTEGER AS billed
  FROM rollup_flow_month WHERE month_start = DATE '2026-03-01' ORDER BY 1`;
const PROCEDURES = `SELECT location_id AS loc, charges_usd::VARCHAR AS charges FROM rollup_procedure_month ORDER BY 1`;
const DAYS = `SELECT location_id AS loc, post_date::VARCHAR AS d, charges_usd::VARCHAR AS charges FROM rollup_charges_day ORDER BY 1, 2`;

describe('the month-grain rollups by delta', () => {
  it('keep a group a correction leaves with only a transfer, and drop the group it leaves empty', { timeout: 120_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      await load(h, 'first.csv', [row('T1', 'C1', 'L1', 'charge', '100.00', '05'), row('T2', 'C1', 'L2', 'transfer', '20.00', '06'), row('T3', 'C2', 'L2', 'charge', '60.00', '07')]);
      expect(await h.rows(FLOWS)).toEqual([
        { loc: 'L1', charges: '100.00', lines: 1, billed: 1 },
        { loc: 'L2', charges: '60.00', lines: 1, billed: 1 },
      ]);
      // T3 moves to L1: L2's March keeps only the transfer T2, a row of zeros (C2, billed in L1 now).
      await load(h, 'moved.csv', [row('T3', 'C2', 'L1', 'charge', '60.00', '07')]);
      expect(await h.rows(FLOWS)).toEqual([
        { loc: 'L1', charges: '160.00', lines: 2, billed: 2 },
        { loc: 'L2', charges: '0.00', lines: 0, billed: 0 },
      ]);
      expect(await h.rows(PROCEDURES)).toEqual([{ loc: 'L1', charges: '160.00' }, { loc: 'L2', charges: '0.00' }]);
      expect(await h.rows(DAYS)).toEqual([{ loc: 'L1', d: '2026-03-05', charges: '100.00' }, { loc: 'L1', d: '2026-03-07', charges: '60.00' }]);
      // T2 moves to L1 too: nothing is left in L2.
      await load(h, 'moved-too.csv', [row('T2', 'C1', 'L1', 'transfer', '20.00', '06')]);
      expect(await h.rows(FLOWS)).toEqual([{ loc: 'L1', charges: '160.00', lines: 2, billed: 2 }]);
      expect(await h.rows(PROCEDURES)).toEqual([{ loc: 'L1', charges: '160.00' }]);
    } finally {
      h.close();
    }
  });

  it('subtract a corrected amount and add a new claim without touching the months no row of the file falls in', { timeout: 120_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      const january = (t: string, claim: string) => ({ ...row(t, claim, 'L1', 'charge', '40.00', '05'), service_date: '2026-01-02', post_date: '2026-01-03' });
      // More rows than the correction changes (a load that changes as many rows as the facts hold rebuilds in full).
      await load(h, 'first.csv', [row('T1', 'C1', 'L1', 'charge', '100.00', '05'), january('T2', 'C2'), january('T3', 'C3'), january('T4', 'C4')]);
      // A value no query gives in January: a refresh that rebuilt January would overwrite it.
      await h.warehouse.use((c) => c.run("UPDATE rollup_flow_month SET work_rvus = 999 WHERE month_start = DATE '2026-01-01'"));
      await h.load({ path: h.file('fix.csv', csv('billing', [row('T1', 'C1', 'L1', 'charge', '90.00', '05'), row('T9', 'C9', 'L1', 'charge', '15.00', '20')])), source: 'billing' }, wired);
      expect(await h.rows(FLOWS)).toEqual([{ loc: 'L1', charges: '105.00', lines: 2, billed: 2 }]);
      expect(await h.rows("SELECT work_rvus::VARCHAR AS w FROM rollup_flow_month WHERE month_start = DATE '2026-01-01'")).toEqual([{ w: '999.00' }]);
    } finally {
      h.close();
    }
  });
});
