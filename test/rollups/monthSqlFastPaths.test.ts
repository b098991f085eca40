/**
 * The procedure mix and the flows compute their work RVUs and adjustment classes more cheaply
 * (dashboards/rollups/procedure_month.sql: the RVU multiplied once per group, after the sum,
 * without a join per ledger row; flow_month.sql: the rule lookups only on adjustments with a
 * CARC, the RVU product only on charges). Each must give exactly what its previous text gave
 * (kept verbatim under reference/), compared row for row (EXCEPT ALL both ways) and column type
 * for column type, over a generated ledger with hand-made edge rows (reversed charges with
 * several units, codes missing from dim_procedure, blank codes, every adjustment class, CARC
 * without a group's pair), with the house rules and with other rules, in full and narrowed to
 * months as a partial refresh runs them. One value is also checked by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../demo/generate.ts';
import { rebuildRollups, ruleLists } from '../../dashboards/rollups/rebuild.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { compareQueries, sqlOf } from './sqlIdentity.ts';

const CASES = ['procedure_month', 'flow_month'].map((name) => ({
  name,
  before: sqlOf(new URL(`./reference/${name}.before.sql`, import.meta.url)),
  now: sqlOf(new URL(`../../dashboards/rollups/${name}.sql`, import.meta.url)),
}));

// Edge rows beside the generated ledger: a charge of 3 units reversed by one of 1 (net 2 units
// of 99214, RVU 1.92), a code dim_procedure lacks, a blank code, every adjustment class.
const edges = csv('billing', [
  { transaction_id: 'E1', claim_id: 'EC1', service_date: '2026-03-02', post_date: '2026-03-03', procedure_code: '99214', units_n: '3', amount_usd: '300.00' },
  { transaction_id: 'E2', claim_id: 'EC1', service_date: '2026-03-02', post_date: '2026-03-09', procedure_code: '99214', units_n: '1', amount_usd: '-100.00' },
  { transaction_id: 'E3', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-03-04', procedure_code: 'ZZ999', units_n: '4', amount_usd: '80.00' },
  { transaction_id: 'E4', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-03-04', procedure_code: '', units_n: '2', amount_usd: '40.00' },
  { transaction_id: 'E5', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-01', txn_type: 'adjustment', adj_group: 'CO', carc_code: '45', amount_usd: '10.00' },
  { transaction_id: 'E6', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-01', txn_type: 'adjustment', adj_group: 'CO', carc_code: '16', amount_usd: '20.00' },
  { transaction_id: 'E7', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-02', txn_type: 'adjustment', adj_group: 'CO', carc_code: '16', amount_usd: '-20.00' },
  { transaction_id: 'E8', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-02', txn_type: 'adjustment', adj_group: 'PR', carc_code: '2', amount_usd: '5.00' },
  { transaction_id: 'E9', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-03', txn_type: 'adjustment', amount_usd: '3.00' },
  { transaction_id: 'E10', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-03', txn_type: 'adjustment', adj_group: 'OA', carc_code: '23', amount_usd: '7.00' },
  { transaction_id: 'E11', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-05', txn_type: 'payment', payment_source: 'insurance', procedure_code: 'ZZ999', amount_usd: '30.00' },
  { transaction_id: 'E12', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-06', txn_type: 'refund', payment_source: 'patient', procedure_code: 'ZZ999', amount_usd: '2.00' },
  { transaction_id: 'E13', claim_id: 'EC2', service_date: '2026-03-02', post_date: '2026-04-07', txn_type: 'transfer', amount_usd: '0.00' },
]);

let h: Harness;

beforeAll(async () => {
  h = await openHarness();
  const ledger = h.file('ledger.csv', '');
  await generateLedger({ outPath: ledger, rows: 20_000, seed: 11 });
  for (const path of [ledger, h.file('edges.csv', edges)]) expect((await h.load({ path, source: 'billing' })).status).toBe('loaded');
  await h.warehouse.use((c) => rebuildRollups(c));
}, 120_000);
afterAll(() => h.close());

const OTHER_RULES = ruleLists({ rules: { contractual: ['CO-45', 'CO-16'], patientShare: ['PR-2', 'OA-23'] } });

describe.each(CASES)('$name', ({ before, now }) => {
  it.each([
    ['the house rules', ruleLists()],
    ['other rules', OTHER_RULES],
  ])('gives exactly the previous query rows and types with %s', async (_label, lists) => {
    const r = await compareQueries(h, before, now, lists);
    expect(r.rows).toBeGreaterThan(100);
    expect(r.differ).toBe(0);
    expect(r.typesNow).toEqual(r.typesBefore);
  });

  it('gives exactly the previous rows narrowed to months, as a partial refresh runs it', async () => {
    const r = await compareQueries(h, before, now, ruleLists(), { months: ['2026-03-01', '2026-04-01', '2025-01-01'] });
    expect(r.rows).toBeGreaterThan(0);
    expect(r.differ).toBe(0);
  });
});

it('nets a reversed charge before multiplying by the code RVU, and counts a code dim_procedure lacks as 0', async () => {
  const rows = await h.rows(
    `SELECT procedure_code, units_n::INTEGER AS units, CAST(work_rvus AS VARCHAR) AS rvus FROM rollup_procedure_month
     WHERE month_start = DATE '2026-03-01' AND procedure_code IN ('99214', 'ZZ999') AND provider_id = 'PR01' ORDER BY 1`,
  );
  // By hand: 3 units - 1 reversed unit = 2 units x 1.92 = 3.84; ZZ999 has no RVU: 4 units, 0.
  expect(rows).toEqual([
    { procedure_code: '99214', units: 2, rvus: '3.84' },
    { procedure_code: 'ZZ999', units: 4, rvus: '0.00' },
  ]);
});
