/**
 * The dashboard breakdowns over the fixture, March 2024: mix by dimension, top denial
 * reasons, plan versus actual and payroll by job class, against hand-computed numbers.
 */
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { mixBreakdown, payrollByJobClass, planVsActual, topDenialReasons, type MixDimension } from '../../dashboards/metrics/index.ts';
import { MARCH, sharedFixture, withFixture } from './fixture.ts';

let conn: DuckDBConnection;
sharedFixture((c) => (conn = c));

describe('mixBreakdown', () => {
  it('by payer class, with shares of the period total', async () => {
    const rows = await mixBreakdown(conn, 'payer_class', MARCH);
    expect(rows).toEqual([
      // charges C1 200 + C3 300; payments C1 140 + C3 150 + C9 50; RVUs 1.92 + 1.60
      { key: 'medicare', label: 'medicare', charges_usd: '500.00', net_payments_usd: '340.00', work_rvus: 3.52, charges_pct: 500 / 650, net_payments_pct: 340 / 330 },
      // charges C2 150; payments: the C4 refund -10; RVUs 2 x 1.30 (the transfer row adds nothing)
      { key: 'commercial', label: 'commercial', charges_usd: '150.00', net_payments_usd: '-10.00', work_rvus: 2.6, charges_pct: 150 / 650, net_payments_pct: -10 / 330 },
    ]);
  });

  it('by payer, provider and location, labelled from the dimension tables', async () => {
    const labels = async (d: MixDimension) => (await mixBreakdown(conn, d, MARCH)).map((r) => [r.key, r.label, r.charges_usd, r.net_payments_usd]);
    expect(await labels('payer')).toEqual([
      ['PY1', 'Medicare', '500.00', '340.00'],
      ['PY2', 'Acme Health', '150.00', '-10.00'],
    ]);
    // P1: C1 200 + C2 150, payments 140 - 10; P2: C3 300, payments 150 + 50
    expect(await labels('provider')).toEqual([
      ['P1', 'Dr One', '350.00', '130.00'],
      ['P2', 'Dr Two', '300.00', '200.00'],
    ]);
    expect(await labels('location')).toEqual([
      ['L1', 'North', '350.00', '130.00'],
      ['L2', 'South', '300.00', '200.00'],
    ]);
  });

  it('by procedure code, and filters apply', async () => {
    const rows = await mixBreakdown(conn, 'procedure', MARCH);
    // 99214: C1 200, payments C1 140 + C9 50; 99213: C2 150, refund -10; 99203: C3 300, 150
    expect(rows.map((r) => [r.key, r.charges_usd, r.net_payments_usd, r.work_rvus])).toEqual([
      ['99203', '300.00', '150.00', 1.6],
      ['99214', '200.00', '190.00', 1.92],
      ['99213', '150.00', '-10.00', 2.6],
    ]);
    const l1 = await mixBreakdown(conn, 'procedure', { ...MARCH, locationId: 'L1' });
    expect(l1.map((r) => [r.key, r.charges_usd, r.net_payments_usd])).toEqual([
      ['99214', '200.00', '140.00'],
      ['99213', '150.00', '-10.00'],
    ]);
  });

  it('refuses a dimension outside the allow-list', async () => {
    await expect(mixBreakdown(conn, 'patient_key' as MixDimension, MARCH)).rejects.toThrow(/unknown mix dimension/);
  });
});

describe('topDenialReasons', () => {
  it('CARC with its description, claims and dollars, largest first', async () => {
    const rows = await topDenialReasons(conn, MARCH);
    expect(rows).toEqual([
      {
        carc_code: '16',
        description: 'Claim/service lacks information or has submission/billing error(s).',
        payer_id: null,
        payer_name: null,
        claims_n: 1,
        adjustments_n: 1,
        denial_usd: '150.00',
      },
      {
        carc_code: '50',
        description: "These are non-covered services because this is not deemed a 'medical necessity' by the payer.",
        payer_id: null,
        payer_name: null,
        claims_n: 1,
        adjustments_n: 1,
        denial_usd: '40.00',
      },
    ]);
  });

  it('by payer, limited, and filtered', async () => {
    const byPayer = await topDenialReasons(conn, MARCH, { byPayer: true });
    expect(byPayer.map((r) => [r.carc_code, r.payer_id, r.payer_name, r.denial_usd])).toEqual([
      ['16', 'PY2', 'Acme Health', '150.00'],
      ['50', 'PY1', 'Medicare', '40.00'],
    ]);
    expect((await topDenialReasons(conn, MARCH, { limit: 1 })).map((r) => r.carc_code)).toEqual(['16']);
    expect((await topDenialReasons(conn, { ...MARCH, payerClass: 'medicare' })).map((r) => r.carc_code)).toEqual(['50']);
    // no denial was posted in February
    expect(await topDenialReasons(conn, { from: '2024-02-01', to: '2024-02-29' })).toEqual([]);
    await expect(topDenialReasons(conn, MARCH, { limit: 0 })).rejects.toThrow(/limit/);
  });
});

describe('payrollByJobClass: payroll covering part of the period', () => {
  it('averages FTE over the days payroll covers (April 2024: 04-01..04-07 of 30)', async () => {
    // Pay period c (03-25..04-07) is the last: E2 clinical 72 / 80 = 0.9 FTE, E3 front office 80 / 80 = 1.0.
    const rows = await payrollByJobClass(conn, { from: '2024-04-01', to: '2024-04-30' }, { minEmployees: 1 });
    expect(rows.map((r) => [r.job_class, Number(r.fte.toFixed(9))])).toEqual([
      ['clinical', 0.9],
      ['front_office', 1],
    ]);
  });
});

describe('mixBreakdown: shared display names', () => {
  it('tells apart two locations (providers) of the same name by their id, keyed on the id', async () => {
    await withFixture(async (c) => {
      await c.run(`UPDATE dim_location SET location_name = 'North'; UPDATE dim_provider SET provider_name = 'Dr Lee'`);
      // March charges: L1 C1 200 + C2 150 = 350; L2 C3 300.
      expect((await mixBreakdown(c, 'location', MARCH)).map((r) => [r.key, r.label, r.charges_usd])).toEqual([
        ['L1', 'North (L1)', '350.00'],
        ['L2', 'North (L2)', '300.00'],
      ]);
      expect((await mixBreakdown(c, 'provider', MARCH)).map((r) => r.label)).toEqual(['Dr Lee (P1)', 'Dr Lee (P2)']);
    });
  });
});

describe('topDenialReasons: new denials apart from reversals', () => {
  it('ranks reasons by new denials; a reversal of an earlier denial is its own figure, never netted', async () => {
    await withFixture(async (c) => {
      // A reversal (negative CO-16 adjustment, $140) of an earlier denial on C7, posted in March.
      await c.run(`INSERT INTO fact_billing_txn VALUES ('T25', 'C7', 1, 'k7', 'P1', 'L1', 'PY2', 'commercial', '99213', 1, DATE '2024-01-02', DATE '2024-03-30',
        'adjustment', -140.00, NULL, 'CO', '16', 'fixture', 25)`);
      await rebuildRollups(c);
      // Netted, CO-16 would read 150 - 140 = $10 and rank below CO-50's $40. New denials: CO-16 $150 (C2), CO-50 $40 (C5).
      expect((await topDenialReasons(c, MARCH)).map((r) => [r.carc_code, r.claims_n, r.adjustments_n, r.denial_usd])).toEqual([
        ['16', 1, 1, '150.00'],
        ['50', 1, 1, '40.00'],
      ]);
      expect((await topDenialReasons(c, MARCH, { kind: 'reversals' })).map((r) => [r.carc_code, r.claims_n, r.adjustments_n, r.denial_usd])).toEqual([['16', 1, 1, '140.00']]);
    });
  });
});

describe('planVsActual', () => {
  it('every budget line, practice-wide', async () => {
    const rows = await planVsActual(conn, MARCH);
    expect(rows.map((r) => [r.budget_line, r.plan, r.actual, r.variance])).toEqual([
      // payments 330 - plan 400
      ['collections_usd', 400, 330, -70],
      // the ALL row (600) wins over the L1 row: 650 - 600
      ['gross_charges_usd', 600, 650, 50],
      // no ALL row: L1 20000 + L2 5000; actual 24925
      ['payroll_cost_usd', 25000, 24925, -75],
      // no metric gives rent: plan only
      ['rent_usd', 1000, null, null],
      // 5 visits - 6
      ['visits_n', 6, 5, -1],
    ]);
    const pct = Object.fromEntries(rows.map((r) => [r.budget_line, r.variance_pct]));
    expect(pct.collections_usd).toBeCloseTo(-70 / 400, 12); // -0.175
    expect(pct.gross_charges_usd).toBeCloseTo(50 / 600, 12); // 0.083333
    expect(pct.payroll_cost_usd).toBeCloseTo(-75 / 25000, 12); // -0.003
    expect(pct.visits_n).toBeCloseTo(-1 / 6, 12);
    expect(pct.rent_usd).toBeNull();
    const payroll = rows.find((r) => r.budget_line === 'payroll_cost_usd');
    expect(payroll).toMatchObject({ unit: 'usd', metric_id: 'payroll_cost', good_direction: 'down', months_n: 1 });
    expect(rows.find((r) => r.budget_line === 'visits_n')).toMatchObject({ unit: 'count', good_direction: 'up' });
  });

  it('for one location, its own rows only', async () => {
    const rows = await planVsActual(conn, { ...MARCH, locationId: 'L1' });
    expect(rows.map((r) => [r.budget_line, r.plan, r.actual, r.variance])).toEqual([
      // L1 charges C1 200 + C2 150 - 400
      ['gross_charges_usd', 400, 350, -50],
      // L1 payroll 20751 - 20000
      ['payroll_cost_usd', 20000, 20751, 751],
    ]);
    expect(rows[1]?.variance_pct).toBeCloseTo(751 / 20000, 12); // 0.03755
  });
});

describe('payrollByJobClass', () => {
  it('cost, hours and capped FTE by job class', async () => {
    // Every class here is one employee: the exact view is the admin's (minEmployees 1);
    // test/security/payGroups.test.ts covers the merged view everyone else gets.
    const rows = await payrollByJobClass(conn, MARCH, { minEmployees: 1 });
    const near = (x: number) => expect.closeTo(x, 12);
    expect(rows).toEqual([
      // E5: 1100 + 84; 0.7 x 15 days / 31
      { job_class: 'ancillary', payroll_cost_usd: '1184.00', regular_hours: 60, overtime_hours: 0, overtime_pct: 0, fte: near(10.5 / 31) },
      // E4: 2500 + 190 + 300; OT 4 / 84
      { job_class: 'business_ops', payroll_cost_usd: '2990.00', regular_hours: 80, overtime_hours: 4, overtime_pct: near(4 / 84), fte: near(14 / 31) },
      // E2: periods a and b end in March (3630 + 3414); period c ends in April but 7 of its days are in March
      { job_class: 'clinical', payroll_cost_usd: '7044.00', regular_hours: 160, overtime_hours: 10, overtime_pct: near(10 / 170), fte: near(30.3 / 31) },
      // E3: 1492 + 1815
      { job_class: 'front_office', payroll_cost_usd: '3307.00', regular_hours: 100, overtime_hours: 0, overtime_pct: 0, fte: near(22.5 / 31) },
      { job_class: 'provider', payroll_cost_usd: '10400.00', regular_hours: 80, overtime_hours: 0, overtime_pct: 0, fte: near(14 / 31) },
    ]);
    const south = await payrollByJobClass(conn, { ...MARCH, locationId: 'L2' }, { minEmployees: 1 });
    expect(south.map((r) => r.job_class)).toEqual(['ancillary', 'business_ops']);
  });
});
