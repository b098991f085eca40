/**
 * Every metric of the catalog over the fixture (fixture.ts), against numbers worked out by
 * hand; the arithmetic is beside each. Main period March 2024, whole practice, then filters.
 */
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeMetrics, METRICS, type MetricValue } from '../../dashboards/metrics/index.ts';
import { MARCH, sharedFixture } from './fixture.ts';

/** Expected value of every metric, March 2024, whole practice. */
const EXPECTED_MARCH: Record<string, number | null> = {
  // Charges posted in March: C1 200 + C2 150 + C3 300
  gross_charges: 650,
  // C1 120 + C3 150 + C9 50
  insurance_payments: 320,
  // C1 20
  patient_payments: 20,
  // C4 insurance refund 10
  refunds: 10,
  // 320 + 20 - 10
  net_payments: 330,
  // CO-45 only: C1 60 + C3 100 (CO-16, PR-2 and the write-off without CARC are not contractual)
  contractual_adjustments: 160,
  // CO-16 on C2 150 + CO-50 on C5 40 (PR-2 is patient share; the adjustment without CARC is no denial)
  denial_adjustments: 190,
  // payments 330 / (charges 650 - contractual 160) = 330 / 490
  net_collection_rate: 330 / 490, // 0.673469...
  // Jan-Mar: payments (0 + 200 + 330) / (charges (180 + 240 + 650) - contractual (20 + 0 + 160)) = 530 / 890
  net_collection_rate_3m: 530 / 890, // 0.595505...
  // Apr 2023-Mar 2024: the ledger starts 2023-11-22, so 7 of the 12 months are not covered:
  // unknown (it used to read 530 / 1210 = 43.8%, five months passed off as twelve).
  net_collection_rate_12m: null,
  // 330 / 650
  gross_collection_rate: 330 / 650, // 0.507692...
  // Open balances on 03-31: C3 45, C5 160, C6 60, C7 80, C8 100, C9 30 (C1, C2, C4 are 0)
  ar_total: 475,
  // C4 was in credit (10.00) at the end of February; the March refund cleared it.
  credit_balances: 0,
  // C3 (DOS 03-04, 27 days)
  ar_0_30: 45,
  // C9 (DOS 02-14, 46 days)
  ar_31_60: 30,
  // C6 (DOS 01-01, exactly 90 days) 60 + C7 (01-02, 89 days) 80
  ar_61_90: 140,
  // C8 (DOS 2023-12-15, 107 days)
  ar_91_120: 100,
  // C5 (DOS 2023-11-20, 132 days)
  ar_over_120: 160,
  // (100 + 160) / 475
  ar_over_90_pct: 260 / 475, // 0.547368...
  // 160 / 475
  ar_over_120_pct: 160 / 475, // 0.336842...
  // 90 days ending 03-31 = 01-02..03-31: charges C7 80 + Feb 240 + Mar 650 = 970 (C6 posted 01-01 is out);
  // 475 / (970 / 90)
  days_in_ar: (475 * 90) / 970, // 44.072164...
  // adjudicated in March: C1 (03-20), C2 (03-28), C3 (03-27), C5 (03-18), C9 (03-10); denied: C2, C5 -> 2 / 5
  denial_rate: 2 / 5,
  // denied charges (C2 150 + C5 200) / adjudicated charges (200 + 150 + 300 + 200 + 90)
  denial_rate_usd: 350 / 940, // 0.372340...
  // charges posted in March: C1 2 days, C2 1, C3 3 -> 6 / 3
  charge_lag_days: 2,
  // first insurance payment in March: C1 16 days, C3 23, C9 25 -> median 23
  days_to_payment: 23,
  // pay periods ending in March: E1 10400 + E2 3630 + 3414 + E3 1492 + 1815 + E4 2990 + E5 1184
  payroll_cost: 24925,
  // E1 1.0 x 14 days / 31
  payroll_fte_provider: 14 / 31, // 0.451613
  // E2: capped 1.0 x 10 days (Mar 1-10) + 1.0 x 14 + 0.9 x 7 (Mar 25-31) = 30.3 fte-days / 31
  payroll_fte_clinical: 30.3 / 31, // 0.977419 (uncapped 1.125 would give 31.55 / 31)
  // E3: 0.5 x 10 (PTO is not worked) + 0.75 x 14 + 1.0 x 7 = 22.5 / 31
  payroll_fte_front_office: 22.5 / 31, // 0.725806
  // E4: 84 h capped 1.0 x 14 / 31
  payroll_fte_business_ops: 14 / 31,
  // E5: 60 / (40 x 15/7) = 0.7 x 15 days = 10.5 / 31
  payroll_fte_ancillary: 10.5 / 31, // 0.338710
  // (14 + 30.3 + 22.5 + 14 + 10.5) / 31 = 91.3 / 31
  payroll_fte_total: 91.3 / 31, // 2.945161
  // (91.3 - 14) / 31
  support_staff_fte: 77.3 / 31, // 2.493548
  // roster: P1 1.0 + P2 0.5, both active in March; P3 (0.8) never active
  provider_fte: 1.5,
  // (77.3 / 31) / 1.5
  support_fte_per_provider_fte: 77.3 / 31 / 1.5, // 1.662366
  // support cost (24925 - provider 10400) / payments 330 = 14525 / 330
  support_cost_pct_collections: 14525 / 330, // 44.015 (a tiny ledger beside a real payroll)
  // overtime (E2 10 + E4 4) / hours worked (regular 480 + overtime 14)
  overtime_pct: 14 / 494, // 0.028340
  // 24925 / 5 visits
  payroll_cost_per_visit: 4985,
  // C1 99214 1.92 x 1 + C2 99213 1.30 x 2 + C3 99203 1.60 x 1
  work_rvus: 6.12,
  // 6.12 / 1.5
  work_rvus_per_provider_fte: 4.08,
  // 5 visits / 1.5 FTE / 2 clinic days
  visits_per_provider_fte_day: 5 / 1.5 / 2, // 1.666667
  // fulfilled in March: A1, A2, A3, A7 (a Saturday), A8
  visits: 5,
  // weekdays with a fulfilled visit: Mar 4 (A1, A3, A8 at both locations), Mar 11 (A2); Sat Mar 9 is no clinic day
  clinic_days: 2,
  // 1 no-show (A4) / (5 fulfilled + 1 no-show + 1 late cancellation A5); A6 (25 h before) is not counted
  no_show_rate: 1 / 7, // 0.142857
  // 1 (A5, 23 h before) / 7
  late_cancel_rate: 1 / 7,
  // lead days of fulfilled visits: A8 0, A3 3, A7 7, A2 10, A1 13 -> median 7
  lead_time_days: 7,
  // minutes where both times are known: A8 22, A2 30, A1 45, A3 60 -> (30 + 45) / 2
  visit_minutes: 37.5,
};

function expectValue(actual: MetricValue | undefined, expected: number | null, id: string): void {
  expect(actual, id).toBeDefined();
  if (expected === null) expect(actual?.value, id).toBeNull();
  else expect(actual?.value, id).toBeCloseTo(expected, 9);
}

let conn: DuckDBConnection;
sharedFixture((c) => (conn = c));

describe('computeMetrics over March 2024, whole practice', () => {
  it('has a hand-computed expectation for every metric of the catalog', () => {
    expect(Object.keys(EXPECTED_MARCH).sort()).toEqual(METRICS.map((m) => m.id).sort());
  });

  it('computes every metric to its hand-computed value', async () => {
    const values = await computeMetrics(conn, MARCH);
    expect(Object.keys(values).sort()).toEqual(METRICS.map((m) => m.id).sort());
    for (const [id, expected] of Object.entries(EXPECTED_MARCH)) expectValue(values[id], expected, id);
  });

  it('returns money exactly, as dollars and as decimal text', async () => {
    const v = await computeMetrics(conn, MARCH, ['net_payments', 'ar_total', 'payroll_cost_per_visit']);
    expect(v.net_payments).toEqual({ value: 330, exact: '330.00' });
    expect(v.ar_total).toEqual({ value: 475, exact: '475.00' });
    expect(v.payroll_cost_per_visit).toMatchObject({ value: 4985, exact: '4985.00', numerator: 24925, denominator: 5 });
  });

  it('carries numerators and denominators of ratios', async () => {
    const v = await computeMetrics(conn, MARCH, ['net_collection_rate', 'denial_rate', 'no_show_rate']);
    expect(v.net_collection_rate).toMatchObject({ numerator: 330, denominator: 490 });
    expect(v.denial_rate).toMatchObject({ numerator: 2, denominator: 5 });
    expect(v.no_show_rate).toMatchObject({ numerator: 1, denominator: 7 });
  });

  it('computes only the metrics asked for', async () => {
    const v = await computeMetrics(conn, MARCH, ['visits']);
    expect(v).toEqual({ visits: { value: 5 } });
  });
});

describe('filters change the numbers', () => {
  it('location L1', async () => {
    const v = await computeMetrics(conn, { ...MARCH, locationId: 'L1' });
    // charges C1 200 + C2 150
    expect(v.gross_charges?.value).toBe(350);
    // C1 120 + 20, less the C4 refund 10
    expect(v.net_payments?.value).toBe(130);
    // 130 / (350 - CO-45 60)
    expectValue(v.net_collection_rate, 130 / 290, 'net_collection_rate');
    // C6 60 + C7 80
    expect(v.ar_total?.value).toBe(140);
    // A1, A2, A8
    expect(v.visits?.value).toBe(3);
    // Mar 4 and Mar 11
    expect(v.clinic_days?.value).toBe(2);
    // 3 visits / P1 1.0 FTE / 2 days
    expectValue(v.visits_per_provider_fte_day, 1.5, 'visits_per_provider_fte_day');
    // E1 10400 + E2 3630 + 3414 + E3 1492 + 1815
    expect(v.payroll_cost?.value).toBe(20751);
    // L1 holds A1, A2, A8 fulfilled, A4 no-show, A5 late, A6 not late: 1 / (3 + 1 + 1)
    expectValue(v.no_show_rate, 1 / 5, 'no_show_rate');
  });

  it('provider P2 (location L2)', async () => {
    const v = await computeMetrics(conn, { ...MARCH, providerId: 'P2' });
    expect(v.gross_charges?.value).toBe(300);
    // payments C3 150 + C9 50 = 200 / (300 - CO-45 100)
    expectValue(v.net_collection_rate, 1, 'net_collection_rate');
    // first insurance payments: C3 23 days, C9 25 -> median of an even count: 24
    expectValue(v.days_to_payment, 24, 'days_to_payment');
    // A3, A7
    expect(v.visits?.value).toBe(2);
    // roster 0.5
    expectValue(v.provider_fte, 0.5, 'provider_fte');
    // 2 visits / 0.5 FTE / 2 clinic days (clinic days follow the location filter only: none here)
    expectValue(v.visits_per_provider_fte_day, 2, 'visits_per_provider_fte_day');
    // 1.60 / 0.5
    expectValue(v.work_rvus_per_provider_fte, 3.2, 'work_rvus_per_provider_fte');
    // A3 3 days, A7 7 -> 5
    expectValue(v.lead_time_days, 5, 'lead_time_days');
    // C3 45 + C5 160 + C8 100 + C9 30
    expect(v.ar_total?.value).toBe(335);
    // adjudicated C3, C5, C9; denied C5
    expectValue(v.denial_rate, 1 / 3, 'denial_rate');
  });

  it('payer class medicare', async () => {
    const v = await computeMetrics(conn, { ...MARCH, payerClass: 'medicare' });
    // C1 200 + C3 300
    expect(v.gross_charges?.value).toBe(500);
    // (120 + 20 + 150 + 50) / (500 - 160) = 340 / 340
    expectValue(v.net_collection_rate, 1, 'net_collection_rate');
    // C3 45 + C5 160 + C6 60 + C9 30
    expect(v.ar_total?.value).toBe(295);
    // 90-day charges of medicare: C9 90 + C1 200 + C3 300 = 590 (C6 is on 01-01): 295 / (590 / 90)
    expectValue(v.days_in_ar, (295 * 90) / 590, 'days_in_ar');
  });

  it('payer class commercial: the refund makes payments negative', async () => {
    const v = await computeMetrics(conn, { ...MARCH, payerClass: 'commercial' }, ['net_payments', 'net_collection_rate', 'ar_total']);
    expect(v.net_payments?.value).toBe(-10);
    // -10 / (150 - 0)
    expectValue(v.net_collection_rate, -10 / 150, 'net_collection_rate');
    // C7 80 + C8 100
    expect(v.ar_total?.value).toBe(180);
  });

  it('metrics whose data has no such dimension are null with a note, not wrong', async () => {
    const v = await computeMetrics(conn, { ...MARCH, providerId: 'P1' }, ['payroll_cost', 'support_cost_pct_collections', 'visits']);
    expect(v.payroll_cost).toEqual({ value: null, note: 'not available by provider' });
    expect(v.support_cost_pct_collections?.value).toBeNull();
    // appointments do have a provider: A1, A2, A8
    expect(v.visits?.value).toBe(3);
  });
});

describe('null when undefined', () => {
  it('a zero denominator gives null, not 0 or Infinity', async () => {
    // March is covered by the ledger, but the fixture has no workers' compensation claims.
    const v = await computeMetrics(conn, { ...MARCH, payerClass: 'workers_comp' }, ['net_collection_rate', 'gross_charges']);
    expect(v.net_collection_rate).toMatchObject({ value: null, note: 'zero denominator' });
    expect(v.gross_charges?.value).toBe(0);
  });

  it('flows over a period the ledger does not cover are unknown, not zero', async () => {
    const v = await computeMetrics(conn, { from: '2023-10-01', to: '2023-10-31' }, ['net_collection_rate', 'no_show_rate', 'gross_charges']);
    expect(v.gross_charges).toEqual({ value: null, note: 'the ledger does not cover this period' });
    expect(v.net_collection_rate).toMatchObject({ value: null, note: 'the ledger does not cover this period' });
    expect(v.no_show_rate?.value).toBeNull();
  });

  it('payroll that covers only part of a period: FTE over the days it covers; none covered is unknown, not zero', async () => {
    // Payroll covers 2024-02-26 to 2024-04-07. April: 7 days covered (04-01..04-07), by pay period c:
    // E2 clinical 72 h / 80 = 0.9 FTE x 7 days = 6.3 FTE-days; E3 front office 80 / 80 = 1.0 x 7 = 7.
    const april = await computeMetrics(conn, { from: '2024-04-01', to: '2024-04-30' }, ['payroll_fte_total', 'payroll_fte_clinical', 'payroll_fte_front_office', 'payroll_cost']);
    expect(april.payroll_fte_total?.value).toBeCloseTo(13.3 / 7, 9); // 1.9 (13.3 / 30 = 0.443 before)
    expect(april.payroll_fte_clinical?.value).toBeCloseTo(0.9, 9);
    expect(april.payroll_fte_front_office?.value).toBeCloseTo(1.0, 9);
    // Cost of the pay periods ending in April: E2 2600 + 199 + 400, E3 2000 + 153 + 200.
    expect(april.payroll_cost?.exact).toBe('5552.00');
    // February: payroll begins on the 26th, but its first pay period ends in March: its cost is unknown, not $0.
    const february = await computeMetrics(conn, { from: '2024-02-01', to: '2024-02-29' }, ['payroll_cost', 'payroll_cost_per_visit', 'support_cost_pct_collections', 'payroll_fte_total']);
    for (const id of ['payroll_cost', 'payroll_cost_per_visit', 'support_cost_pct_collections']) {
      expect(february[id], id).toEqual({ value: null, note: 'payroll begins in this period; its first pay period ends later' });
    }
    expect(february.payroll_fte_total?.value).not.toBeNull();
    const may = await computeMetrics(conn, { from: '2024-05-01', to: '2024-05-31' }, ['payroll_cost', 'payroll_fte_total', 'support_cost_pct_collections', 'payroll_cost_per_visit', 'visits']);
    for (const id of ['payroll_cost', 'payroll_fte_total', 'payroll_cost_per_visit']) {
      expect(may[id], id).toEqual({ value: null, note: 'no payroll covers this period' });
    }
    // Neither payroll nor the ledger (it ends 2024-03-29) covers May: the first unknown input is named.
    expect(may.support_cost_pct_collections).toEqual({ value: null, note: 'the ledger does not cover this period' });
    // Appointments end 2024-03-12: May's visits are unknown, not 0.
    expect(may.visits).toEqual({ value: null, note: 'no appointments cover this period' });
  });

  it('early in the ledger: days in A/R over the days covered, trailing rates unknown', async () => {
    // The ledger starts 2023-11-22. On 11-30, A/R is C5 200; charges of the window 200 over 9 days
    // (11-22..11-30): 200 / (200 / 9) = 9 days (it read 90 when divided by 90 days).
    const nov = await computeMetrics(conn, { from: '2023-11-01', to: '2023-11-30' }, ['days_in_ar', 'net_collection_rate_3m']);
    expect(nov.days_in_ar?.value).toBeCloseTo(9, 9);
    expect(nov.net_collection_rate_3m).toEqual({ value: null, note: 'the ledger does not cover all 3 months' });
    // January 2024: Nov-Jan is covered. Payments 0; charges 200 + 120 + 180 = 500; contractual 20: 0 / 480.
    const jan = await computeMetrics(conn, { from: '2024-01-01', to: '2024-01-31' }, ['net_collection_rate_3m']);
    expect(jan.net_collection_rate_3m?.value).toBe(0);
    expect(jan.net_collection_rate_3m?.denominator).toBe(480);
  });

  it('A/R outside the months the ledger covers is unknown', async () => {
    const v = await computeMetrics(conn, { from: '2024-04-01', to: '2024-04-30' }, ['ar_total', 'days_in_ar']);
    expect(v.ar_total).toEqual({ value: null, note: 'the ledger does not cover this date' });
    expect(v.days_in_ar?.value).toBeNull();
  });

  it('rejects a filter that is not whole months, naming the field', async () => {
    await expect(computeMetrics(conn, { from: '2024-03-02', to: '2024-03-31' })).rejects.toThrow(/from: must be the first day of a month/);
    await expect(computeMetrics(conn, { from: '2024-03-01', to: '2024-03-30' })).rejects.toThrow(/to: must be the last day of a month/);
    await expect(computeMetrics(conn, { from: '2024-04-01', to: '2024-03-31' })).rejects.toThrow(/from must not be after to/);
    await expect(computeMetrics(conn, { ...MARCH, payerClass: 'gold' })).rejects.toThrow(/payerClass/);
    await expect(computeMetrics(conn, MARCH, ['no_such_metric'])).rejects.toThrow(/unknown metric "no_such_metric"/);
  });

  it('binds filter values as parameters (a quote is just a value)', async () => {
    const v = await computeMetrics(conn, { ...MARCH, locationId: "L1' OR '1'='1" }, ['gross_charges']);
    expect(v.gross_charges?.value).toBe(0);
  });
});
