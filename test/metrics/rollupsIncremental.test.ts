/**
 * Incremental rollups: random (seeded) sequences of loads (rollupSequences.ts: new files,
 * corrections of earlier rows, duplicates, reference files, and files aimed at the A/R delta:
 * regrouped and re-dated claims, credit and back, zero then refund, a new last month, rows before
 * the first month), through the real loader with the refresh wired as the server wires it. After every load each rollup
 * table must equal, row for row, what a full rebuild gives (computed in a transaction that is
 * then rolled back, so the sequence goes on from the incremental state).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLLUP_TABLES, rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import type { SourceName } from '../../etl/sources/contract.ts';
import { generator } from './rollupSequences.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { differencesFromRebuild } from '../rollups/fullRebuildDiff.ts';

async function runSequence(h: Harness, seed: number, steps: number): Promise<{ loads: Record<string, number>; rows: Record<string, number> }> {
  await h.warehouse.use((c) => rebuildRollups(c));
  const next = generator(seed);
  const files: string[] = [];
  const loads: Record<string, number> = {};
  const seen = new Set<string>();
  for (let i = 0; i < steps; i++) {
    const f = next();
    let path: string;
    let source: SourceName;
    if (!('source' in f)) {
      if (files.length === 0) continue;
      const earlier = files[i % files.length]!;
      [source, path] = earlier.split('|') as [SourceName, string];
    } else {
      source = f.source;
      path = h.file(`s${seed}-${i}-${source}.csv`, csv(source, f.rows));
      files.push(`${source}|${path}`);
    }
    const report = await h.load({ path, source, fileName: `load-${i}.csv` }, { beforeMerge: captureChange, afterMerge: refreshRollups });
    // A generated file can repeat an earlier one byte for byte (reference files): a duplicate too.
    const text = readFileSync(path, 'utf8');
    expect(report.status, `load ${i} (${f.kind}): ${report.message ?? ''}`).toBe(f.kind === 'duplicate' || seen.has(text) ? 'duplicate' : 'loaded');
    seen.add(text);
    loads[f.kind] = (loads[f.kind] ?? 0) + 1;
    expect(await h.warehouse.use(differencesFromRebuild), `rollups after load ${i} (${f.kind}, seed ${seed})`).toEqual({});
  }
  const rows = await h.rows(`SELECT ${ROLLUP_TABLES.map((t) => `(SELECT count(*) FROM ${t})::INTEGER AS ${t}`).join(', ')}`);
  return { loads, rows: rows[0] as Record<string, number> };
}

describe('incremental rollups', () => {
  it('move a claim adjudicated in March to February when a later file posts an earlier payment', { timeout: 120_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      const wired = { beforeMerge: captureChange, afterMerge: refreshRollups };
      const pay = { claim_id: 'C1', service_date: '2026-01-05', txn_type: 'payment', payment_source: 'insurance', amount_usd: '40.00' };
      const first = csv('billing', [
        { transaction_id: 'T1', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-01-06', amount_usd: '100.00' },
        { ...pay, transaction_id: 'T2', post_date: '2026-03-10' },
      ]);
      await h.load({ path: h.file('first.csv', first), source: 'billing' }, wired);
      await h.load({ path: h.file('late.csv', csv('billing', [{ ...pay, transaction_id: 'T3', post_date: '2026-02-15' }])), source: 'billing' }, wired);
      // C1 is adjudicated by its first insurance payment: 02-15 now, no longer 03-10.
      expect(await h.rows('SELECT month_start::VARCHAR AS m, sum(claims_adjudicated_n)::INTEGER AS n FROM rollup_flow_month GROUP BY ALL ORDER BY 1')).toEqual([
        { m: '2026-01-01', n: 0 },
        { m: '2026-02-01', n: 1 },
        { m: '2026-03-01', n: 0 },
      ]);
      expect(await h.warehouse.use(differencesFromRebuild)).toEqual({});
    } finally {
      h.close();
    }
  });

  it('refresh a file of more claims than a bound list holds (the semi-join path) equal to a full rebuild', { timeout: 300_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      const wired = { beforeMerge: captureChange, afterMerge: refreshRollups };
      const claims = Array.from({ length: 2100 }, (_, i) => i);
      const day = (i: number) => `2026-0${1 + (i % 6)}-${String(10 + (i % 15)).padStart(2, '0')}`;
      const charges = claims.map((i) => ({ transaction_id: `T${i}`, claim_id: `C${i}`, service_date: day(i), post_date: day(i), amount_usd: '100.00' }));
      const payments = claims.map((i) => ({ transaction_id: `P${i}`, claim_id: `C${(i * 11) % 2100}`, service_date: day((i * 11) % 2100), post_date: '2026-07-01', txn_type: 'payment', payment_source: 'insurance', amount_usd: '30.00' }));
      expect((await h.load({ path: h.file('charges.csv', csv('billing', charges)), source: 'billing' }, wired)).status).toBe('loaded');
      expect((await h.load({ path: h.file('payments.csv', csv('billing', payments)), source: 'billing' }, wired)).status).toBe('loaded');
      expect(await h.rows('SELECT count(*)::INTEGER AS n, sum(charges_usd)::VARCHAR AS usd FROM rollup_claim')).toEqual([{ n: 2100, usd: '210000.00' }]);
      expect(await h.warehouse.use(differencesFromRebuild)).toEqual({});
    } finally {
      h.close();
    }
  });

  it('carry open claims through the month ends a later file adds after a gap', { timeout: 120_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      const wired = { beforeMerge: captureChange, afterMerge: refreshRollups };
      const jan = csv('billing', [{ transaction_id: 'T1', claim_id: 'C1', service_date: '2026-01-05', post_date: '2026-01-06', amount_usd: '100.00' }]);
      const apr = csv('billing', [{ transaction_id: 'T2', claim_id: 'C2', service_date: '2026-04-01', post_date: '2026-04-02', amount_usd: '50.00' }]);
      await h.load({ path: h.file('jan.csv', jan), source: 'billing' }, wired);
      await h.load({ path: h.file('apr.csv', apr), source: 'billing' }, wired);
      // C1's 100 is open at every month end from January to April; C2's 50 from April.
      expect(await h.rows('SELECT as_of_date::VARCHAR AS d, ar_usd::VARCHAR AS ar FROM rollup_ar_month ORDER BY 1')).toEqual([
        { d: '2026-01-31', ar: '100.00' },
        { d: '2026-02-28', ar: '100.00' },
        { d: '2026-03-31', ar: '100.00' },
        { d: '2026-04-30', ar: '150.00' },
      ]);
      expect(await h.warehouse.use(differencesFromRebuild)).toEqual({});
    } finally {
      h.close();
    }
  });

  for (const seed of [1, 2]) {
    it(`equal a full rebuild after every load of a random sequence (seed ${seed})`, { timeout: 900_000 }, async () => {
      const h = await openHarness();
      try {
        const { loads, rows } = await runSequence(h, seed, 26);
        // The sequence exercised every kind of load and left rows in the rollups it compares.
        expect(Object.keys(loads).sort()).toEqual([
          'appointments', 'billing backdated', 'billing corrected', 'billing credit', 'billing new', 'billing new month', 'billing regroup',
          'billing zero then refund', 'duplicate', 'payroll', 'providers', 'rvus',
        ]);
        for (const t of ['rollup_claim', 'rollup_flow_month', 'rollup_ar_month', 'rollup_appt_month', 'rollup_payroll_month', 'rollup_provider_fte_month']) {
          expect(rows[t], t).toBeGreaterThan(0);
        }
      } finally {
        h.close();
      }
    });
  }
});
