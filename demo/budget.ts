/**
 * The demo practice's monthly budget per location, with the four lines of PRODUCT.md §3:
 * gross_charges_usd, collections_usd, payroll_cost_usd and visits_n. A plan is set near what
 * the practice then does (a little optimistic, a few percent off either way), so plan versus
 * actual shows realistic variances. Money is rounded to $100 and visits to 5, as a planner would.
 */
import type { LedgerRow } from './claims.ts';
import { DAY_SECONDS, dayOf, isoDate, ymd, type DemoWindow } from './calendar.ts';
import type { CsvRecord } from './canonical.ts';
import { hundredths, mulDiv } from './money.ts';
import type { PayrollRow } from './payroll.ts';
import { Rng } from './random.ts';
import type { Location } from './roster.ts';
import type { Appointment } from './schedule.ts';

const LINES = ['gross_charges_usd', 'collections_usd', 'payroll_cost_usd', 'visits_n'] as const;
type BudgetLine = (typeof LINES)[number];

/** Plan bias and spread in basis points, and the rounding unit in hundredths. */
const PLAN: Readonly<Record<BudgetLine, readonly [bias: number, spread: number, unit: number]>> = {
  gross_charges_usd: [200, 350, 10_000],
  collections_usd: [300, 450, 10_000],
  payroll_cost_usd: [-100, 200, 10_000],
  visits_n: [200, 350, 500],
};

const monthStarts = new Map<number, number>();

function monthStartOf(day: number): number {
  let start = monthStarts.get(day);
  if (start === undefined) {
    const { year, month } = ymd(day);
    monthStarts.set(day, (start = dayOf(year, month, 1)));
  }
  return start;
}

export interface Actuals {
  readonly ledger: readonly LedgerRow[];
  readonly appointments: readonly Appointment[];
  readonly payroll: readonly PayrollRow[];
}

/** Actual value per month start, location and line, in hundredths (cents, or visits x 100). */
function actualsOf({ ledger, appointments, payroll }: Actuals): Map<string, number> {
  const sums = new Map<string, number>();
  const add = (day: number, location: string, line: BudgetLine, v: number): void => {
    const key = `${monthStartOf(day)}|${location}|${line}`;
    sums.set(key, (sums.get(key) ?? 0) + v);
  };
  for (const r of ledger) {
    if (r.type === 'charge') add(r.postDay, r.claim.locationId, 'gross_charges_usd', r.cents);
    else if (r.type === 'payment') add(r.postDay, r.claim.locationId, 'collections_usd', r.cents);
    else if (r.type === 'refund') add(r.postDay, r.claim.locationId, 'collections_usd', -r.cents);
  }
  for (const a of appointments) if (a.status === 'fulfilled') add(Math.floor(a.start / DAY_SECONDS), a.locationId, 'visits_n', 100);
  for (const p of payroll) add(p.periodEnd, p.locationId, 'payroll_cost_usd', p.grossCents + p.taxCents + p.benefitsCents);
  return sums;
}

export function budgetRecords(seed: number, window: DemoWindow, locations: readonly Location[], actuals: Actuals): CsvRecord[] {
  const rng = new Rng(seed, 'budget');
  const sums = actualsOf(actuals);
  const out: CsvRecord[] = [];
  for (const month of window.monthStarts) {
    for (const loc of locations) {
      for (const line of LINES) {
        const [bias, spread, unit] = PLAN[line];
        const actual = sums.get(`${month}|${loc.id}|${line}`) ?? 0;
        const factorBp = 10_000 + Math.round(rng.normal(bias, spread));
        const planned = mulDiv(actual, factorBp, 10_000 * unit) * unit;
        out.push({ month_start: isoDate(month), budget_line: line, location_id: loc.id, planned_value: hundredths(planned) });
      }
    }
  }
  return out;
}
