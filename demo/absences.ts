/**
 * Who is away when: paid time off for every provider and staff member, on clinic days only.
 * Providers take a summer week (July-August) most years and often the week between Christmas
 * and New Year, which is what makes August and late December dip; staff take single days
 * and sometimes a summer week. The schedule skips a provider's days off and payroll pays them
 * as PTO hours, so both files tell the same story.
 */
import { dayOf, isClinicDay, isoDow, ymd } from './calendar.ts';
import { Rng } from './random.ts';
import type { Roster } from './roster.ts';

export type Absences = ReadonlyMap<string, ReadonlySet<number>>;

function addWeek(days: Set<number>, monday: number): void {
  for (let d = monday; d < monday + 5; d++) if (isClinicDay(d)) days.add(d);
}

function mondayOnOrAfter(day: number): number {
  return day + ((8 - isoDow(day)) % 7);
}

function randomWeekday(rng: Rng, year: number): number {
  for (;;) {
    const d = dayOf(year, 1, 1) + rng.int(0, 364);
    if (isClinicDay(d)) return d;
  }
}

/** Days off per employee id, for every year touching [fromDay, toDay]. */
export function buildAbsences(seed: number, roster: Roster, fromDay: number, toDay: number): Absences {
  const rng = new Rng(seed, 'absences');
  const out = new Map<string, Set<number>>();
  const firstYear = ymd(fromDay).year;
  const lastYear = ymd(toDay).year;
  for (const p of roster.providers) {
    const days = new Set<number>();
    for (let y = firstYear; y <= lastYear; y++) {
      if (rng.chance(0.85)) addWeek(days, mondayOnOrAfter(dayOf(y, 7, 14) + 7 * rng.int(0, 6)));
      if (rng.chance(0.6)) for (let d = dayOf(y, 12, 22); d <= dayOf(y, 12, 31); d++) if (isClinicDay(d)) days.add(d);
      for (let i = 0; i < 2; i++) addWeek(days, mondayOnOrAfter(dayOf(y, 2, 1) + rng.int(0, 280)));
      for (let i = 0; i < 4; i++) days.add(randomWeekday(rng, y));
    }
    out.set(p.employeeId, days);
  }
  for (const s of roster.staff) {
    const days = new Set<number>();
    for (let y = firstYear; y <= lastYear; y++) {
      if (rng.chance(0.5)) addWeek(days, mondayOnOrAfter(dayOf(y, 6, 15) + 7 * rng.int(0, 10)));
      const singles = rng.int(8, 13);
      for (let i = 0; i < singles; i++) days.add(randomWeekday(rng, y));
    }
    out.set(s.employeeId, days);
  }
  return out;
}
