/**
 * Calendar arithmetic for the demo generator on whole day numbers (days since 1970-01-01) and
 * seconds, always in UTC so the practice's local wall times never shift with the machine's
 * time zone, and never reading the clock. Also the practice's closed days: the US federal
 * holidays a medical office typically closes for, moved to the weekday they are observed.
 */

export const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

/** 'YYYY-MM-DD' to a day number. */
export function parseIsoDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return dayOf(y!, m!, d!);
}

export interface Ymd {
  readonly year: number;
  readonly month: number; // 1-12
  readonly date: number;
}

export function ymd(day: number): Ymd {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** ISO weekday: Monday 1 .. Sunday 7 (1970-01-01 was a Thursday). */
export function isoDow(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const isoCache = new Map<number, string>();

/** 'YYYY-MM-DD', memoised: the same few thousand days are formatted millions of times. */
export function isoDate(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const { year, month, date } = ymd(day);
    s = `${year}-${pad2(month)}-${pad2(date)}`;
    isoCache.set(day, s);
  }
  return s;
}

/** US 'MM/DD/YYYY'. */
export function usDate(day: number): string {
  const { year, month, date } = ymd(day);
  return `${pad2(month)}/${pad2(date)}/${year}`;
}

/** 'YYYY-MM-DD HH:MM:SS' for seconds since the epoch, read as the practice's local time. */
export function timestamp(seconds: number): string {
  const day = Math.floor(seconds / DAY_SECONDS);
  const s = seconds - day * DAY_SECONDS;
  return `${isoDate(day)} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/** Day number of the `n`th (1-based) ISO weekday `dow` of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, dow: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    return first + ((dow - isoDow(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((isoDow(last) - dow + 7) % 7);
}

/** A fixed-date holiday on a weekend is observed on the Friday before or the Monday after. */
function observed(day: number): number {
  const dow = isoDow(day);
  return dow === 6 ? day - 1 : dow === 7 ? day + 1 : day;
}

const holidayCache = new Map<number, ReadonlySet<number>>();

function holidaysOf(year: number): ReadonlySet<number> {
  let set = holidayCache.get(year);
  if (!set) {
    const thanksgiving = nthWeekday(year, 11, 4, 4);
    set = new Set([
      observed(dayOf(year, 1, 1)),
      nthWeekday(year, 5, 1, -1), // Memorial Day
      observed(dayOf(year, 7, 4)),
      nthWeekday(year, 9, 1, 1), // Labor Day
      thanksgiving,
      thanksgiving + 1,
      observed(dayOf(year, 12, 25)),
    ]);
    holidayCache.set(year, set);
  }
  return set;
}

/** Whether the practice is closed for a holiday on that day. */
export function isHoliday(day: number): boolean {
  const { year } = ymd(day);
  return holidaysOf(year).has(day) || holidaysOf(year + 1).has(day); // 1 Jan observed on 31 Dec
}

/** A weekday that is not a holiday. */
export function isClinicDay(day: number): boolean {
  return isoDow(day) <= 5 && !isHoliday(day);
}

export interface DemoWindow {
  readonly firstDay: number;
  readonly lastDay: number;
  /** First day of each month in the window, oldest first. */
  readonly monthStarts: readonly number[];
}

/** The `months` calendar months ending with `endMonth` ('YYYY-MM'), whole months. */
export function demoWindow(endMonth: string, months: number): DemoWindow {
  const [y, m] = endMonth.split('-').map(Number);
  const monthStarts = Array.from({ length: months }, (_, i) => dayOf(y!, m! - months + 1 + i, 1));
  return { firstDay: monthStarts[0]!, lastDay: dayOf(y!, m! + 1, 1) - 1, monthStarts };
}
