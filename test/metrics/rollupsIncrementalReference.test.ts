/**
 * Reference files refresh only the rollups that read them: a marked rollup row (a value no
 * query gives) survives a load that must not touch its table, and is recomputed by one that
 * must. Procedure codes (rvus) touch the months of the charges carrying a code whose work RVU
 * the file changes; providers, payers, locations, budget and fee schedule touch no month-grain
 * rollup (only the small ones, provider FTE and coverage, which are always rebuilt).
 */
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import type { SourceName } from '../../etl/sources/contract.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

const wired = { beforeMerge: captureChange, afterMerge: refreshRollups };

async function load(h: Harness, name: string, source: SourceName, rows: Record<string, string>[]): Promise<void> {
  expect((await h.load({ path: h.file(name, csv(source, rows)), source }, wired)).status).toBe('loaded');
}

/** Marks every month-grain rollup of January and March 2026 with values no query gives. */
async function mark(h: Harness): Promise<void> {
  await h.warehouse.use(async (c) => {
    await c.run('UPDATE rollup_flow_month SET work_rvus = 999 WHERE month_start IN (DATE \'2026-01-01\', DATE \'2026-03-01\')');
    await c.run('UPDATE rollup_procedure_month SET work_rvus = 999 WHERE month_start IN (DATE \'2026-01-01\', DATE \'2026-03-01\')');
    await c.run('UPDATE rollup_ar_month SET ar_usd = 999');
    await c.run('UPDATE rollup_ar_flow_month SET charges_usd = 999');
  });
}

const marks = (h: Harness) =>
  h.rows(`SELECT
    (SELECT list(month_start::VARCHAR || '=' || work_rvus::VARCHAR ORDER BY month_start) FROM rollup_flow_month) AS flow,
    (SELECT list(month_start::VARCHAR || '=' || work_rvus::VARCHAR ORDER BY month_start) FROM rollup_procedure_month) AS proc,
    (SELECT list(DISTINCT ar_usd::VARCHAR) FROM rollup_ar_month) AS ar,
    (SELECT list(DISTINCT charges_usd::VARCHAR) FROM rollup_ar_flow_month) AS ar_flow`);

describe('incremental rollups after a reference file', () => {
  it('recompute only the months whose charges carry a code the file changes, and nothing for the other references', { timeout: 300_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      await load(h, 'rvus.csv', 'rvus', [{ procedure_code: '99213', work_rvu: '1.50' }, { procedure_code: '99214', work_rvu: '2.00' }]);
      // 99213 in January (2 units), 99214 in March (1 unit).
      await load(h, 'billing.csv', 'billing', [
        { transaction_id: 'T1', claim_id: 'C1', procedure_code: '99213', units_n: '2', service_date: '2026-01-05', post_date: '2026-01-06', amount_usd: '100.00' },
        { transaction_id: 'T2', claim_id: 'C2', procedure_code: '99214', units_n: '1', service_date: '2026-03-05', post_date: '2026-03-06', amount_usd: '80.00' },
      ]);
      await mark(h);
      const marked = { flow: ['2026-01-01=999.00', '2026-03-01=999.00'], proc: ['2026-01-01=999.00', '2026-03-01=999.00'], ar: ['999.00'], ar_flow: ['999.00'] };
      expect(await marks(h)).toEqual([marked]);

      // No month-grain rollup reads these: every mark stays.
      await load(h, 'payers.csv', 'payers', [{ payer_id: 'PY1', payer_name: 'Other name', payer_class: 'commercial' }]);
      await load(h, 'locations.csv', 'locations', [{ location_id: 'L1', location_name: 'Renamed' }]);
      await load(h, 'budget.csv', 'budget', [{ month_start: '2026-01-01', budget_line: 'gross_charges_usd', location_id: 'L1', planned_value: '5.00' }]);
      await load(h, 'fees.csv', 'fee_schedule', [{ payer_ref: 'PY1', procedure_code: '99213', modifier: '', expected_allowed_usd: '70.00' }]);
      await load(h, 'providers.csv', 'providers', [{ provider_id: 'PR01', clinical_fte: '0.80', location_id: 'L1' }]);
      // A code file that leaves 99213 at its stored RVU and changes a code no charge carries.
      await load(h, 'rvus-same.csv', 'rvus', [{ procedure_code: '99213', work_rvu: '1.50' }, { procedure_code: '99203', work_rvu: '3.00' }]);
      expect(await marks(h)).toEqual([marked]);

      // 99214 to 2.50: March is recomputed (1 unit x 2.50), January keeps its mark.
      await load(h, 'rvus-new.csv', 'rvus', [{ procedure_code: '99214', work_rvu: '2.50' }]);
      expect(await marks(h)).toEqual([{ ...marked, flow: ['2026-01-01=999.00', '2026-03-01=2.50'], proc: ['2026-01-01=999.00', '2026-03-01=2.50'] }]);
    } finally {
      h.close();
    }
  });
});
