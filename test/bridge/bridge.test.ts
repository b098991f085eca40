/**
 * The variance bridge on the hand-built fixture (fixture.ts): September 2026 against August
 * 2026. Every expected number below was worked out by hand from the fixture's rows; the
 * arithmetic is in the comments. Beside the hand numbers, every driver list and the effects
 * of every headline measure are checked to sum exactly to the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/etlHarness.ts';
import { bridgeFor, BRIDGE_MEASURES, type Bridge, type BridgeComparison } from '../../dashboards/bridge/index.ts';
import type { Audience } from '../../dashboards/present/index.ts';
import { openFixture } from './fixture.ts';
import { POOLED_LOCATIONS, poolSmallPayGroups } from '../../dashboards/bridge/segments.ts';

const AUG = { from: '2026-08-01', to: '2026-08-31' };
const SEP = { from: '2026-09-01', to: '2026-09-30' };

let h: Harness;
beforeAll(async () => {
  h = await openFixture();
}, 120_000);
afterAll(() => h?.close());

const bridge = (metricId: string, opts: { audience?: Audience; comparison?: BridgeComparison; filter?: Record<string, string> } = {}) =>
  h.warehouse.use((conn) => bridgeFor(conn, { metricId, ...SEP, base: AUG, comparison: opts.comparison ?? 'prior', audience: opts.audience ?? 'manager', filter: opts.filter ?? {} }));

/** driver label -> change text, of one dimension. */
const changes = (b: Bridge, dimension: string) => Object.fromEntries(b.byDimension.find((d) => d.dimension === dimension)!.drivers.map((d) => [d.label, d.change.text]));
const exactChanges = (b: Bridge, dimension: string) => Object.fromEntries(b.byDimension.find((d) => d.dimension === dimension)!.drivers.map((d) => [d.label, d.change.exact]));

/** Whole quanta of an amount: cents for money, tenths of a point, tenths of a day, visits. */
const QUANTUM: Record<string, number> = { usd: 100, pct: 1000, days: 10, count: 1 };
const units = (b: Bridge, v: { value: number; exact?: string }) => (v.exact !== undefined ? BigInt(v.exact.replace('.', '')) : BigInt(Math.round(v.value * QUANTUM[b.unit]!)));

describe('variance bridge, by hand', () => {
  it('gross charges: $300 in August, $740 in September, +$440 split by every dimension', async () => {
    const b = await bridge('gross_charges');
    expect(b.base?.exact).toBe('300.00');
    expect(b.current?.exact).toBe('740.00');
    expect(b.change?.exact).toBe('440.00');
    expect(b.comparisonLabel).toBe('August 2026');
    // medicare 100 -> 300; commercial 200 -> 250 + 150 + 40.
    expect(exactChanges(b, 'payerClass')).toEqual({ Medicare: '200.00', Commercial: '240.00' });
    // Two payers named Acme are told apart by id.
    expect(exactChanges(b, 'payer')).toEqual({ Medicare: '200.00', 'Acme (PY2)': '-10.00', 'Acme (PY3)': '250.00' });
    expect(exactChanges(b, 'provider')).toEqual({ 'Dr Ames': '200.00', 'Dr Baker': '90.00', 'Dr Cole': '150.00' });
    expect(exactChanges(b, 'location')).toEqual({ 'Main (L1)': '350.00', 'Main (L2)': '90.00' });
    // 99213 (100) -> 99214 (300); 99203 200 -> 0; 99396 +250; 10060 +150; the row without a code +40.
    expect(exactChanges(b, 'procedureGroup')).toEqual({
      'E/M, established patient': '200.00', 'E/M, new patient': '-200.00', 'Preventive visits': '250.00', Procedures: '150.00', Unassigned: '40.00',
    });
    // visits 35 -> 58: volume = 300 x 23 / 35 = 197.142857 -> 197.14; rate = 440 - 197.14 = 242.86.
    expect(b.effects?.map((e) => [e.key, e.change.exact])).toEqual([['volume', '197.14'], ['rate', '242.86']]);
  });

  it('collections: $210 to $310, +$100, and net charges x rate', async () => {
    const b = await bridge('net_payments');
    expect([b.base?.exact, b.current?.exact, b.change?.exact]).toEqual(['210.00', '310.00', '100.00']);
    expect(exactChanges(b, 'payerClass')).toEqual({ Medicare: '150.00', Commercial: '-50.00' });
    expect(exactChanges(b, 'payer')).toEqual({ Medicare: '150.00', 'Acme (PY2)': '-150.00', 'Acme (PY3)': '100.00' });
    expect(exactChanges(b, 'procedureGroup')['E/M, new patient']).toBe('-150.00');
    // net charges 270 -> 640: volume = 210 x 370 / 270 = 287.777... -> 287.78; rate = 100 - 287.78.
    expect(b.effects?.map((e) => [e.key, e.change.exact])).toEqual([['volume', '287.78'], ['rate', '-187.78']]);
  });

  it('net collection rate: 210/270 = 77.8% to 310/640 = 48.4%, -29.4 pts', async () => {
    const b = await bridge('net_collection_rate');
    expect([b.base?.text, b.current?.text, b.change?.text]).toEqual(['77.8%', '48.4%', '-29.4 pts']);
    // medicare 210/640 - 60/270 = +10.5903 tenths-of-points... in thousandths: 105.903; commercial 100/640 - 150/270 = -399.306.
    // Floors 105 + -400 = -295 against -294: the unit owed goes to the larger remainder (medicare, .903).
    expect(changes(b, 'payerClass')).toEqual({ Commercial: '-40.0 pts', Medicare: '+10.6 pts' });
  });

  it('days in A/R: 60 x 27 / 300 = 5.4 to 390 x 57 / 1040 = 21.4, +16.0 days', async () => {
    const b = await bridge('days_in_ar');
    expect([b.base?.text, b.current?.text, b.change?.text]).toEqual(['5.4', '21.4', '+16.0 days']);
    // medicare 10 x (50 x 57/1040 - 10 x 27/300) = 18.40; commercial 10 x (340 x 57/1040 - 50 x 27/300) = 141.35; 159.75 -> 160.
    expect(changes(b, 'payerClass')).toEqual({ Commercial: '+14.1 days', Medicare: '+1.9 days' });
  });

  it('visits: 35 to 58, +23, by provider and location', async () => {
    const b = await bridge('visits');
    expect([b.base?.value, b.current?.value, b.change?.value]).toEqual([35, 58, 23]);
    expect(changes(b, 'provider')).toEqual({ 'Dr Baker': '+17', 'Dr Cole': '+5', 'Dr Ames': '+3', 'Dr Dunn': '-2' });
    expect(changes(b, 'location')).toEqual({ 'Main (L2)': '+15', 'Main (L1)': '+8' });
  });

  it('no-show rate: 3/38 = 7.9% to 5/64 = 7.8%, -0.1 pts', async () => {
    const b = await bridge('no_show_rate');
    expect([b.base?.text, b.current?.text, b.change?.text]).toEqual(['7.9%', '7.8%', '-0.1 pts']);
    // Dr Ames 1/64 - 2/38 = -37.007; Dr Baker 4/64 - 1/38 = +36.184 (thousandths); floors -38 + 36 = -2 against -1: Dr Ames.
    expect(changes(b, 'provider')).toEqual({ 'Dr Ames': '-3.7 pts', 'Dr Baker': '+3.6 pts', 'Dr Cole': '0.0 pts', 'Dr Dunn': '0.0 pts' });
  });

  it('payroll cost: 3,325 to 4,500, +1,175, FTE 21/30 to 28/19', async () => {
    const b = await bridge('payroll_cost');
    expect([b.base?.exact, b.current?.exact, b.change?.exact]).toEqual(['3325.00', '4500.00', '1175.00']);
    // Each location pays one person: one person's pay is the admin's alone, so they are pooled.
    expect(exactChanges(b, 'location')).toEqual({ [POOLED_LOCATIONS]: '1175.00' });
    // volume = 3325 x (28/19 / (21/30) - 1) = 3325 x 21/19 = 3675.00; rate = 1175 - 3675.
    expect(b.effects?.map((e) => [e.key, e.change.exact])).toEqual([['volume', '3675.00'], ['rate', '-2500.00']]);
  });

  it('pools locations paying fewer than 3 people with the next smallest until the pool is safe', () => {
    const seg = (key: string, cur: bigint, base: bigint, n: bigint) => ({ dimension: 'location' as const, key, label: key, cur: { payroll_cost_usd: cur, employees_n: n }, base: { payroll_cost_usd: base, employees_n: n } });
    const out = poolSmallPayGroups([seg('A', 500000n, 400000n, 5n), seg('B', 90000n, 80000n, 1n), seg('C', 300000n, 310000n, 4n)]);
    expect(out.map((s) => s.label)).toEqual(['A', POOLED_LOCATIONS]);
    expect(out[1]!.cur).toEqual({ payroll_cost_usd: 390000n, employees_n: 5n });
    expect(out[1]!.base.payroll_cost_usd).toBe(390000n);
    // Nothing small: nothing pooled.
    expect(poolSmallPayGroups([seg('A', 1n, 1n, 3n), seg('C', 2n, 2n, 4n)]).map((s) => s.label)).toEqual(['A', 'C']);
  });

  it('every headline measure: each dimension and the effects sum exactly to the change, under filters too', async () => {
    const filters = [{}, { locationId: 'L2' }, { providerId: 'PR01' }, { payerClass: 'commercial' }];
    let lists = 0;
    for (const filter of filters) {
      for (const m of BRIDGE_MEASURES) {
        for (const comparison of ['prior', 'yoy'] as const) {
          const b = await h.warehouse.use((conn) => bridgeFor(conn, { metricId: m.id, ...SEP, base: comparison === 'prior' ? AUG : { from: '2025-09-01', to: '2025-09-30' }, comparison, audience: 'manager', filter }));
          if (!b.change) continue;
          const total = units(b, b.change);
          for (const d of b.byDimension) {
            lists += 1;
            expect(d.drivers.reduce((a, x) => a + units(b, x.change), 0n), `${m.id} ${d.dimension} ${JSON.stringify(filter)}`).toBe(total);
          }
          if (b.effects) expect(b.effects.reduce((a, e) => a + units(b, e.change), 0n), `${m.id} effects`).toBe(total);
        }
      }
    }
    expect(lists).toBeGreaterThan(40);
  }, 120_000);

  it('respects the filters: collections at location L2 only', async () => {
    const b = await bridge('net_payments', { filter: { locationId: 'L2' } });
    // L2: C2 150 in August; C4 100 in September.
    expect([b.base?.exact, b.current?.exact, b.change?.exact]).toEqual(['150.00', '100.00', '-50.00']);
    expect(exactChanges(b, 'payer')).toEqual({ 'Acme (PY2)': '-150.00', 'Acme (PY3)': '100.00' });
  });

  it('against budget: $740 against a plan of $700, and no budget under a provider filter', async () => {
    const b = await bridge('gross_charges', { comparison: 'budget' });
    expect([b.base?.exact, b.change?.exact, b.comparisonLabel]).toEqual(['700.00', '40.00', 'Budget']);
    const none = await bridge('gross_charges', { comparison: 'budget', filter: { providerId: 'PR01' } });
    expect(none.change).toBeNull();
    expect(none.note).toMatch(/No budget exists by provider/);
  });
});

describe('the board: small counts', () => {
  it('pools the providers with 1 to 10 visits with the next-smallest until the pool is safe, and the list still sums', async () => {
    const b = await bridge('visits', { audience: 'board' });
    // Only one dimension for a counted measure (two lists could be differenced).
    expect(b.byDimension.map((d) => d.dimension)).toEqual(['provider']);
    const drivers = b.byDimension[0]!.drivers;
    // Dr Baker (3 in August) and Dr Cole (5 in September) are small; their pool holds 3 in August, still small,
    // so Dr Ames (12, 15) joins it: 40 and 15. Dr Dunn (20, 18) is shown.
    expect(drivers.map((d) => [d.label, d.change.text, d.suppressed ?? false])).toEqual([['Other (3 withheld)', '+25', true], ['Dr Dunn', '-2', false]]);
    expect(JSON.stringify(b)).not.toMatch(/Dr Baker|Dr Cole|Dr Ames/);
    expect(b.top.map((d) => d.label)).toEqual(['Dr Dunn']);
  });

  it('withholds the whole no-show bridge when its counts are small (3 and 5 no-shows)', async () => {
    const b = await bridge('no_show_rate', { audience: 'board' });
    expect(b.change).toBeNull();
    expect(b.byDimension).toEqual([]);
    expect(b.note).toMatch(/suppressed/);
  });

  it('leaves money drivers alone', async () => {
    const board = await bridge('gross_charges', { audience: 'board' });
    const manager = await bridge('gross_charges');
    expect(board).toEqual(manager);
  });
});
