/**
 * Instants as the practice's calendar reads them: the calendar date, the month before, and a
 * short date-time, all in the practice's IANA time zone (never the server's), for logic
 * (schedules, periods). A time shown to a person is presented by dashboards/present/time.ts.
 * Examples, for 2026-11-05T13:00:00Z in America/New_York:
 *   localDate -> '2026-11-05', previousMonth -> '2026-10', localDateTime -> '2026-11-05 08:00'
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function parts(at: Date, timezone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timezone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

export function localDate(at: Date, timezone: string): string {
  const p = parts(at, timezone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function localDateTime(at: Date, timezone: string): string {
  const p = parts(at, timezone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The calendar month before the one `at` falls in, as YYYY-MM. */
export function previousMonth(at: Date, timezone: string): string {
  const p = parts(at, timezone);
  const y = Number(p.year);
  const m = Number(p.month);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
