/**
 * The demo practice's biweekly payroll register: one row per employee (providers and staff)
 * per two-week period (Sunday to Saturday, paid the Friday after), for every period ending in
 * the window and paid by its last day. Hours are exact hundredths: scheduled hours less paid
 * time off (days off and holidays), overtime for hourly staff (more in the winter peak), pay
 * raised 3% each January, employer taxes and benefits.
 */
import type { Absences } from './absences.ts';
import { dayOf, isClinicDay, isHoliday, isoDow, ymd, type DemoWindow } from './calendar.ts';
import { bp, escalate, mulDiv } from './money.ts';
import { Rng } from './random.ts';
import type { JobClass, Roster } from './roster.ts';
import { demandFactor } from './seasonality.ts';

export interface PayrollRow {
  readonly employeeId: string;
  readonly employeeName: string; // 'Last, First'
  readonly jobClass: JobClass;
  readonly locationId: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly checkDay: number;
  /** Hours in hundredths. */
  readonly regular: number;
  readonly overtime: number;
  readonly pto: number;
  readonly grossCents: number;
  readonly taxCents: number;
  readonly benefitsCents: number;
}

/** A Sunday that starts a pay period; every period is 14 days from it. */
const ANCHOR_SUNDAY = dayOf(2024, 1, 7);
const PAY_BASE_YEAR = 2024;
const RAISE_BP = 300;
const EMPLOYER_TAX_BP = 825; // FICA 7.65% plus unemployment insurance
const RETIREMENT_MATCH_BP = 300;

interface Payee {
  readonly employeeId: string;
  readonly employeeName: string;
  readonly jobClass: JobClass;
  readonly locationId: string;
  readonly fteHundredths: number;
  readonly hourlyCents?: number;
  readonly annualSalaryCents?: number;
  /** Employer health premium per period for full-time staff. */
  readonly healthCents: number;
}

function payees(roster: Roster): Payee[] {
  const providers = roster.providers.map((p): Payee => ({
    employeeId: p.employeeId,
    employeeName: `${p.name.last}, ${p.name.first}`,
    jobClass: 'provider',
    locationId: p.locationId,
    fteHundredths: 100,
    annualSalaryCents: p.annualSalaryCents,
    healthCents: 52_000,
  }));
  const staff = roster.staff.map((s): Payee => ({
    employeeId: s.employeeId,
    employeeName: `${s.name.last}, ${s.name.first}`,
    jobClass: s.jobClass,
    locationId: s.locationId,
    fteHundredths: s.fteHundredths,
    ...(s.hourlyCents !== undefined ? { hourlyCents: s.hourlyCents } : { annualSalaryCents: s.annualSalaryCents! }),
    healthCents: s.fteHundredths >= 75 ? 45_000 : 0,
  }));
  return [...providers, ...staff];
}

export function buildPayroll(seed: number, roster: Roster, absences: Absences, window: DemoWindow): PayrollRow[] {
  const rng = new Rng(seed, 'payroll');
  const people = payees(roster);
  const rows: PayrollRow[] = [];
  const firstIndex = Math.ceil((window.firstDay - 13 - ANCHOR_SUNDAY) / 14);
  for (let k = firstIndex; ; k++) {
    const periodStart = ANCHOR_SUNDAY + 14 * k;
    const periodEnd = periodStart + 13;
    const checkDay = periodEnd + 6;
    if (checkDay > window.lastDay) break;
    if (periodEnd < window.firstDay) continue;
    const years = ymd(periodEnd).year - PAY_BASE_YEAR;
    const busy = demandFactor(periodEnd);
    for (const e of people) {
      const perDay = mulDiv(800, e.fteHundredths, 100); // hundredths of an hour per workday
      const off = absences.get(e.employeeId);
      let ptoDays = 0;
      for (let d = periodStart; d <= periodEnd; d++) {
        if (isoDow(d) <= 5 && (isHoliday(d) || (isClinicDay(d) && off?.has(d)))) ptoDays++;
      }
      const pto = ptoDays * perDay;
      const regular = 10 * perDay - pto;
      const hourly = e.hourlyCents !== undefined && e.jobClass !== 'provider';
      const overtime = hourly && e.fteHundredths === 100 && rng.chance(0.45 * busy * busy) ? rng.int(4, 48) * 25 : 0;
      let gross: number;
      if (e.hourlyCents !== undefined) {
        const rate = escalate(e.hourlyCents, RAISE_BP, years);
        gross = mulDiv(rate, regular + pto, 100) + mulDiv(rate * 3, overtime, 200);
      } else {
        gross = mulDiv(escalate(e.annualSalaryCents!, RAISE_BP, years, 100), 1, 26);
      }
      rows.push({
        employeeId: e.employeeId,
        employeeName: e.employeeName,
        jobClass: e.jobClass,
        locationId: e.locationId,
        periodStart,
        periodEnd,
        checkDay,
        regular,
        overtime,
        pto,
        grossCents: gross,
        taxCents: bp(gross, EMPLOYER_TAX_BP),
        benefitsCents: e.healthCents + bp(gross, RETIREMENT_MATCH_BP),
      });
    }
  }
  return rows;
}
