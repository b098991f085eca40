/**
 * The generated 24-month demo practice (seed 42) measured from its files: every row valid
 * against the source contract with every id resolving, and the realism properties the
 * dashboards rely on (PRODUCT.md §2-3), each within a stated range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_RVUS } from '../../demo/fees.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { JOB_CLASSES, PAYER_CLASSES, SOURCE_NAMES } from '../../etl/sources/contract.ts';
import { cents, contractProblems, daysBetween, median, type Row } from './csvFiles.ts';
import { generateFixture, isDenial, type ClaimSummary, type DemoFixture } from './demoFixture.ts';

let demo: DemoFixture;
let billing: readonly Row[];
let appointments: readonly Row[];
let payroll: readonly Row[];
let claims: readonly ClaimSummary[];
const FIRST = '2024-11-01';
const LAST = '2026-10-31';

beforeAll(async () => {
  demo = await generateFixture();
  billing = demo.files.billing.rows;
  appointments = demo.files.appointments.rows;
  payroll = demo.files.payroll.rows;
  claims = [...demo.claims.values()];
});
afterAll(() => demo.cleanup());

const ids = (rows: readonly Row[], field: string): Set<string> => new Set(rows.map((r) => r[field]!));
const share = (n: number, d: number): number => n / d;

describe('contract validity', () => {
  it.each(SOURCE_NAMES)('%s.csv has the catalog header, parses cleanly and every row is valid', (source) => {
    const file = demo.files[source];
    expect(file.header).toEqual(SOURCES[source].fields.map((f) => f.name));
    expect(file.errors).toBe(0);
    expect(file.rows.length).toBe(demo.summary.files[source].rows);
    expect(contractProblems(source, file.rows).slice(0, 5)).toEqual([]);
  });

  it('every provider, location and payer id resolves, and billing payer classes match the payers file', () => {
    const providers = ids(demo.files.providers.rows, 'provider_id');
    const locations = ids(demo.files.locations.rows, 'location_id');
    const payerClass = new Map(demo.files.payers.rows.map((p) => [p.payer_id!, p.payer_class!]));
    const facts = [...billing, ...appointments];
    expect(facts.filter((r) => !providers.has(r.provider_id!)).length).toBe(0);
    expect(facts.filter((r) => !locations.has(r.location_id!)).length).toBe(0);
    expect(billing.filter((r) => payerClass.get(r.payer_id!) !== r.payer_class).length).toBe(0);
    const located = [...payroll, ...demo.files.budget.rows, ...demo.files.providers.rows];
    expect(located.filter((r) => !locations.has(r.location_id!)).length).toBe(0);
  });

  it('control totals equal the sum of the money field, in cents', () => {
    const sum = (rows: readonly Row[], f: string): bigint => rows.reduce((s, r) => s + BigInt(cents(r[f]!)), 0n);
    expect(demo.summary.files.billing.controlTotalCents).toBe(sum(billing, 'amount_usd'));
    expect(demo.summary.files.payroll.controlTotalCents).toBe(sum(payroll, 'gross_pay_usd'));
    expect(demo.summary.files.appointments.controlTotalCents).toBeNull();
  });

  it('rvus.csv holds the CMS work RVUs of every code the practice bills, and nothing else', () => {
    expect(demo.files.rvus.rows.map((r) => [r.procedure_code, r.work_rvu])).toEqual(WORK_RVUS.map(([c, v]) => [c, v]));
  });
});

describe('people and places', () => {
  it('has 3 locations and 12 providers with synthetic 10-digit NPIs, specialties and clinical FTE', () => {
    expect(demo.files.locations.rows.length).toBeGreaterThanOrEqual(3);
    const providers = demo.files.providers.rows;
    expect(providers).toHaveLength(12);
    expect(ids(providers, 'npi').size).toBe(12);
    expect(ids(providers, 'specialty').size).toBeGreaterThanOrEqual(3);
    expect(providers.some((p) => Number(p.clinical_fte) < 1)).toBe(true);
  });

  it('pays every provider and at least 40 other staff in every biweekly period, in every job class', () => {
    const byClass = new Map<string, Set<string>>();
    for (const r of payroll) byClass.set(r.job_class!, (byClass.get(r.job_class!) ?? new Set()).add(r.employee_id!));
    expect([...byClass.keys()].sort()).toEqual([...JOB_CLASSES].sort());
    const employees = ids(payroll, 'employee_id');
    expect(byClass.get('provider')!.size).toBe(12);
    expect(employees.size - 12).toBeGreaterThanOrEqual(40);
    const periods = [...ids(payroll, 'period_start')].sort();
    expect(payroll.length).toBe(periods.length * employees.size);
    for (let i = 1; i < periods.length; i++) expect(daysBetween(periods[i - 1]!, periods[i]!)).toBe(14);
    const offCycle = payroll.filter(
      (r) => daysBetween(r.period_start!, r.period_end!) !== 13 || daysBetween(r.period_end!, r.check_date!) !== 6 || r.check_date! > LAST || r.period_end! < FIRST,
    );
    expect(offCycle.length).toBe(0);
  });

  it('gives everyone paid time off, and hourly staff a few percent of overtime, providers none', () => {
    const ptoBy = new Map<string, number>();
    for (const r of payroll) ptoBy.set(r.employee_id!, (ptoBy.get(r.employee_id!) ?? 0) + Number(r.pto_hours));
    expect([...ptoBy.values()].every((h) => h > 0)).toBe(true);
    const staff = payroll.filter((r) => r.job_class !== 'provider');
    const worked = staff.reduce((s, r) => s + Number(r.regular_hours) + Number(r.overtime_hours), 0);
    const overtime = staff.reduce((s, r) => s + Number(r.overtime_hours), 0);
    expect(share(overtime, worked)).toBeGreaterThan(0.01);
    expect(share(overtime, worked)).toBeLessThan(0.06);
    expect(payroll.filter((r) => r.job_class === 'provider').every((r) => r.overtime_hours === '0.00')).toBe(true);
  });
});

describe('appointments', () => {
  const lateCancel = (r: Row): boolean => r.status === 'cancelled' && Date.parse(r.scheduled_start!) - Date.parse(r.cancelled_at!) < 86_400_000;

  it('cover exactly the 24 months, with synthetic patient ids that keep their leading zeros', () => {
    const months = [...new Set(appointments.map((r) => r.scheduled_start!.slice(0, 7)))].sort();
    expect(months).toHaveLength(24);
    expect(months[0]).toBe('2024-11');
    expect(months[23]).toBe('2026-10');
    expect(appointments.every((r) => /^P\d{7}$/.test(r.patient_id!))).toBe(true);
    expect(appointments.some((r) => r.patient_id!.startsWith('P000'))).toBe(true);
  });

  it('have 5-9% no-shows and 2-4% late cancellations (PRODUCT.md denominator), and ordinary cancellations', () => {
    const fulfilled = appointments.filter((r) => r.status === 'fulfilled').length;
    const noShows = appointments.filter((r) => r.status === 'noshow').length;
    const late = appointments.filter(lateCancel).length;
    const denominator = fulfilled + noShows + late;
    expect(share(noShows, denominator)).toBeGreaterThan(0.05);
    expect(share(noShows, denominator)).toBeLessThan(0.09);
    expect(share(late, denominator)).toBeGreaterThan(0.02);
    expect(share(late, denominator)).toBeLessThan(0.04);
    const ordinary = appointments.filter((r) => r.status === 'cancelled' && !lateCancel(r)).length;
    expect(share(ordinary, appointments.length)).toBeGreaterThan(0.05);
  });

  it('are cancelled after booking and before the start; only fulfilled visits have check-in times', () => {
    const cancelled = appointments.filter((r) => r.status === 'cancelled');
    expect(cancelled.filter((r) => !(r.cancelled_at! > r.booked_at! && r.cancelled_at! < r.scheduled_start!)).length).toBe(0);
    expect(appointments.filter((r) => r.status !== 'cancelled' && r.cancelled_at !== '').length).toBe(0);
    expect(appointments.filter((r) => r.status !== 'fulfilled' && r.checked_in_at !== '').length).toBe(0);
  });

  it('have realistic lead times and check-in to check-out times', () => {
    const fulfilled = appointments.filter((r) => r.status === 'fulfilled');
    const lead = median(fulfilled.map((r) => (Date.parse(r.scheduled_start!) - Date.parse(r.booked_at!)) / 86_400_000));
    expect(lead).toBeGreaterThan(3);
    expect(lead).toBeLessThan(30);
    const timed = fulfilled.filter((r) => r.checked_in_at !== '');
    expect(share(timed.length, fulfilled.length)).toBeGreaterThan(0.9);
    const minutes = median(timed.map((r) => (Date.parse(r.checked_out_at!) - Date.parse(r.checked_in_at!)) / 60_000));
    expect(minutes).toBeGreaterThan(20);
    expect(minutes).toBeLessThan(90);
  });

  it('follow the seasons: a winter peak, an August dip and a late-December dip', () => {
    const perClinicDay = (pick: (date: string) => boolean): number => {
      const days = appointments.filter((r) => r.status === 'fulfilled' && pick(r.scheduled_start!.slice(0, 10)));
      return days.length / new Set(days.map((r) => r.scheduled_start!.slice(0, 10))).size;
    };
    const winter = perClinicDay((d) => ['01', '02'].includes(d.slice(5, 7)));
    const august = perClinicDay((d) => d.slice(5, 7) === '08');
    const earlyDecember = perClinicDay((d) => d.slice(5, 7) === '12' && d.slice(8) < '20');
    const lateDecember = perClinicDay((d) => d.slice(5, 7) === '12' && d.slice(8) >= '20');
    expect(winter).toBeGreaterThan(august * 1.15);
    expect(lateDecember).toBeLessThan(earlyDecember * 0.85);
  });
});

describe('billing ledger', () => {
  const inWindow = (): ClaimSummary[] => claims.filter((c) => c.serviceDate >= FIRST && c.hasCharge);

  it('holds a few hundred thousand rows posted in the window, never before the date of service', () => {
    expect(billing.length).toBeGreaterThan(100_000);
    expect(billing.length).toBeLessThan(700_000);
    expect(billing.every((r) => r.post_date! >= FIRST && r.post_date! <= LAST)).toBe(true);
  });

  it('builds one claim per fulfilled appointment, with the same patient, provider, location and date', () => {
    const key = (p: string, pr: string, l: string, d: string): string => `${p}|${pr}|${l}|${d}`;
    const visits = new Set(
      appointments.filter((r) => r.status === 'fulfilled').map((r) => key(r.patient_id!, r.provider_id!, r.location_id!, r.scheduled_start!.slice(0, 10))),
    );
    const claimed = inWindow();
    expect(claimed.filter((c) => !visits.has(key(c.patientId, c.providerId, c.locationId, c.serviceDate))).length).toBe(0);
    // Charges post within 9 days of the visit, so every visit older than that is billed.
    const billed = appointments.filter((r) => r.status === 'fulfilled' && daysBetween(r.scheduled_start!, LAST) > 9).length;
    expect(claimed.filter((c) => daysBetween(c.serviceDate, LAST) > 9).length).toBe(billed);
  });

  it('has every payer class, several payers, and no class above 60% of claims', () => {
    const byClass = new Map<string, number>();
    for (const c of claims) byClass.set(c.payerClass, (byClass.get(c.payerClass) ?? 0) + 1);
    expect([...byClass.keys()].sort()).toEqual([...PAYER_CLASSES].sort());
    expect(Math.max(...byClass.values()) / claims.length).toBeLessThan(0.6);
    expect(ids(billing, 'payer_id').size).toBeGreaterThanOrEqual(8);
  });

  it('bills the office visit codes and a few procedures from a fee schedule (one price per code and year)', () => {
    const codes = ids(billing, 'procedure_code');
    for (const [code] of WORK_RVUS) expect(codes.has(code), code).toBe(true);
    // Every code billed has its work RVU in rvus.csv (0.00 where CMS pays no work), and at least 3 are not office visits.
    expect([...codes].sort()).toEqual(demo.files.rvus.rows.map((r) => r.procedure_code).sort());
    expect([...codes].filter((c) => !/^992\d\d$/.test(c)).length).toBeGreaterThanOrEqual(3);
    const prices = new Map<string, Set<number>>();
    for (const r of billing.filter((x) => x.txn_type === 'charge')) {
      const k = `${r.procedure_code}|${r.post_date!.slice(0, 4)}|${r.service_date!.slice(0, 4)}`;
      prices.set(k, (prices.get(k) ?? new Set()).add(cents(r.amount_usd!) / Number(r.units_n)));
    }
    expect([...prices.values()].every((p) => p.size === 1)).toBe(true);
  });

  it('is paid by insurers 14-60 days after service, by patients later', () => {
    const insurance = billing.filter((r) => r.txn_type === 'payment' && r.payment_source === 'insurance');
    expect(insurance.every((r) => daysBetween(r.service_date!, r.post_date!) >= 14)).toBe(true);
    const clean = claims.filter((c) => c.firstInsurancePayment && !c.firstDenial && c.serviceDate >= FIRST);
    const lags = clean.map((c) => daysBetween(c.serviceDate, c.firstInsurancePayment!));
    expect(share(lags.filter((d) => d <= 60).length, lags.length)).toBeGreaterThan(0.97);
    const patientLags = billing
      .filter((r) => r.txn_type === 'payment' && r.payment_source === 'patient' && r.post_date !== r.service_date)
      .map((r) => daysBetween(r.service_date!, r.post_date!));
    expect(median(patientLags)).toBeGreaterThan(median(lags));
  });

  it('adjusts CO-45 at payer-class rates, and posts PR-1, PR-2 and PR-3 patient responsibility', () => {
    const rate = (cls: string): number => {
      const cs = claims.filter((c) => c.payerClass === cls);
      return cs.reduce((s, c) => s + c.co45Cents, 0) / cs.reduce((s, c) => s + c.chargeCents, 0);
    };
    expect(rate('medicaid')).toBeGreaterThan(rate('medicare'));
    expect(rate('medicare')).toBeGreaterThan(rate('commercial'));
    expect(rate('commercial')).toBeGreaterThan(rate('workers_comp'));
    expect(rate('self_pay')).toBe(0);
    const pr = ids(billing.filter((r) => r.adj_group === 'PR'), 'carc_code');
    expect([...pr].sort()).toEqual(['1', '2', '3']);
  });

  it('denies 5-10% of adjudicated claims with realistic CARCs, and overturns some of them', () => {
    const adjudicated = claims.filter((c) => c.firstInsurancePayment || c.firstDenial || c.co45Cents > 0);
    const denied = claims.filter((c) => c.firstDenial);
    expect(share(denied.length, adjudicated.length)).toBeGreaterThan(0.05);
    expect(share(denied.length, adjudicated.length)).toBeLessThan(0.1);
    const reasons = ids(billing.filter(isDenial), 'carc_code');
    expect(reasons.size).toBeGreaterThanOrEqual(10);
    for (const carc of ['16', '18', '22', '27', '29', '50', '96', '97', '197', '204']) expect(reasons.has(carc), carc).toBe(true);
    const overturned = denied.filter((c) => c.overturned && c.firstInsurancePayment! > c.firstDenial!);
    expect(share(overturned.length, denied.length)).toBeGreaterThan(0.2);
  });

  it('refunds both payers and patients now and then, and writes off small balances without a CARC', () => {
    const refunds = billing.filter((r) => r.txn_type === 'refund');
    expect(ids(refunds, 'payment_source')).toEqual(new Set(['insurance', 'patient']));
    expect(share(refunds.length, billing.length)).toBeLessThan(0.01);
    const writeOffs = billing.filter((r) => r.txn_type === 'adjustment' && r.carc_code === '' && r.adj_group === '');
    expect(writeOffs.some((r) => cents(r.amount_usd!) < 1000)).toBe(true);
  });

  it('ends with open A/R: mostly recent claims, a few old ones (MGMA aging, PRODUCT.md §3)', () => {
    const open = claims.filter((c) => c.hasCharge && c.balanceCents > 0);
    const ar = open.reduce((s, c) => s + c.balanceCents, 0);
    const aged = (from: number): number => open.filter((c) => daysBetween(c.serviceDate, LAST) > from).reduce((s, c) => s + c.balanceCents, 0);
    expect(share(ar - aged(30), ar)).toBeGreaterThan(0.4);
    expect(aged(120)).toBeGreaterThan(0);
    expect(share(aged(120), ar)).toBeLessThan(0.15);
    const charges90 = billing.filter((r) => r.txn_type === 'charge' && daysBetween(r.post_date!, LAST) < 90).reduce((s, r) => s + cents(r.amount_usd!), 0);
    const daysInAr = ar / (charges90 / 90);
    // MGMA / HFMA: under 40 days is the common target, under 30 best practice (docs/sources.md).
    expect(daysInAr).toBeGreaterThan(30);
    expect(daysInAr).toBeLessThan(40);
  });

  it('collects 95-98% of adjusted charges over a year away from the edges (net collection rate, MGMA)', () => {
    const year = billing.filter((r) => r.post_date! >= '2025-07-01' && r.post_date! <= '2026-06-30');
    const sum = (pred: (r: Row) => boolean): number => year.filter(pred).reduce((s, r) => s + cents(r.amount_usd!), 0);
    const payments = sum((r) => r.txn_type === 'payment') - sum((r) => r.txn_type === 'refund');
    const contractual = sum((r) => r.txn_type === 'adjustment' && r.adj_group === 'CO' && (r.carc_code === '45' || r.carc_code === '253'));
    const ncr = payments / (sum((r) => r.txn_type === 'charge') - contractual);
    expect(ncr).toBeGreaterThan(0.95);
    expect(ncr).toBeLessThan(0.98);
  });

  it('runs at a typical primary-care margin: payroll below collections, support staff 25-35% of them (MGMA)', () => {
    // The last 12 months of the window, from the raw files: payments less refunds by post date,
    // payroll cost (gross + employer taxes + benefits) by pay period end.
    const inYear = (d: string) => d >= '2025-11-01' && d <= '2026-10-31';
    const year = billing.filter((r) => inYear(r.post_date!));
    const collections = year.filter((r) => r.txn_type === 'payment').reduce((s, r) => s + cents(r.amount_usd!), 0) - year.filter((r) => r.txn_type === 'refund').reduce((s, r) => s + cents(r.amount_usd!), 0);
    const cost = (r: Row) => cents(r.gross_pay_usd!) + cents(r.employer_tax_usd!) + cents(r.benefits_usd!);
    const paid = payroll.filter((r) => inYear(r.period_end!));
    const all = paid.reduce((s, r) => s + cost(r), 0);
    const support = paid.filter((r) => r.job_class !== 'provider').reduce((s, r) => s + cost(r), 0);
    expect(all / collections).toBeLessThan(0.75);
    expect(support / collections).toBeGreaterThan(0.25);
    expect(support / collections).toBeLessThan(0.35);
  });
});

describe('budget', () => {
  it('plans the four lines for every location and month, near what happened', () => {
    const budget = demo.files.budget.rows;
    const locations = demo.files.locations.rows.length;
    expect(budget).toHaveLength(24 * locations * 4);
    expect(ids(budget, 'budget_line')).toEqual(new Set(['gross_charges_usd', 'collections_usd', 'payroll_cost_usd', 'visits_n']));
    expect(new Set(budget.map((r) => `${r.month_start}|${r.location_id}|${r.budget_line}`)).size).toBe(budget.length);
    const visits = new Map<string, number>();
    for (const r of appointments.filter((a) => a.status === 'fulfilled')) {
      const k = `${r.scheduled_start!.slice(0, 7)}-01|${r.location_id}`;
      visits.set(k, (visits.get(k) ?? 0) + 1);
    }
    for (const r of budget.filter((b) => b.budget_line === 'visits_n')) {
      const actual = visits.get(`${r.month_start}|${r.location_id}`)!;
      expect(Math.abs(Number(r.planned_value) / actual - 1)).toBeLessThan(0.2);
    }
  });
});
