/**
 * Instants and dates as a person reads them: always in the practice's IANA time zone (never the
 * server's, never bare UTC), always said which zone. Every page, the board pack (PDF and offline
 * HTML) and every email show a time through here; storage, logs, APIs and data downloads keep
 * ISO 8601.
 *
 * Examples, for 2026-11-02T03:30:00Z in America/Chicago:
 *   presentInstant(at, zone)                  -> '1 Nov 2026, 21:30 CST'
 *   presentInstant(at, zone, { zone: false }) -> '1 Nov 2026, 21:30' (a list that says the zone once: timesLabel)
 *   timesLabel(zone)                          -> 'Times in America/Chicago'
 *   presentDate('2026-11-01')                 -> '1 Nov 2026'
 * The zone is Intl's abbreviation ('CST', 'EDT', 'UTC', 'GMT'); where Intl has none it is the
 * offset ('UTC+01:00' for Europe/Berlin). A wall time that occurs twice (the hour repeated when
 * daylight time ends) keeps its abbreviation even in a list, so no cell is ambiguous.
 */

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const wall = new Map<string, Intl.DateTimeFormat>();
const named = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = map.get(zone);
  if (!f) map.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...opts })));
  return f;
}

function wallParts(at: Date, zone: string): Record<Part, number> {
  const f = cached(wall, zone, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
  const out = {} as Record<Part, number>;
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') out[p.type as Part] = Number(p.value);
  return out;
}

/** The zone's offset from UTC at `at`, in milliseconds (wall clock minus UTC). */
function offsetMs(at: Date, zone: string): number {
  const p = wallParts(at, zone);
  const seconds = Math.floor(at.getTime() / 1000) * 1000;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - seconds;
}

/** The zone's name at `at`: Intl's abbreviation, else the offset as 'UTC+01:00'. */
export function zoneAbbreviation(at: Date, zone: string): string {
  const short = cached(named, zone, { timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  if (short && !/^GMT[+-]/.test(short)) return short;
  const long = cached(offsets, zone, { timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return long === 'GMT' ? 'UTC' : long.replace(/^GMT/, 'UTC');
}

/** Whether the wall time of `at` also names another instant (the repeated hour when daylight time ends). */
function ambiguous(at: Date, zone: string): boolean {
  const own = offsetMs(at, zone);
  const t = at.getTime();
  for (const near of [t - 3 * 3_600_000, t + 3 * 3_600_000]) {
    const other = offsetMs(new Date(near), zone);
    if (other !== own && offsetMs(new Date(t + own - other), zone) === other) return true;
  }
  return false;
}

/**
 * An instant: a Date, an ISO 8601 string with its offset ('2026-11-02T03:30:00Z'), or a
 * warehouse timestamp, which is UTC without a marker ('2026-11-02 03:30:00').
 */
export function instantOf(value: Date | string): Date {
  if (value instanceof Date) return value;
  const text = value.trim();
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  return new Date(withZone.replace(' ', 'T'));
}

export interface InstantOptions {
  /** Name the zone after the time (default true). A list that says it once (timesLabel) passes false. */
  readonly zone?: boolean;
}

/** '1 Nov 2026, 21:30 CST': day, month, year, 24-hour time, zone. An invalid instant is a dash. */
export function presentInstant(value: Date | string, zone: string, opts: InstantOptions = {}): string {
  const at = instantOf(value);
  if (Number.isNaN(at.getTime())) return '\u2014';
  const p = wallParts(at, zone);
  const time = `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return opts.zone === false && !ambiguous(at, zone) ? time : `${time} ${zoneAbbreviation(at, zone)}`;
}

/** The label a list of times carries once: 'Times in America/Chicago'. */
export const timesLabel = (zone: string): string => `Times in ${zone}`;

/** A calendar date ('2026-11-01', a day with no zone) as '1 Nov 2026'; text that is not one is returned as it is. */
export function presentDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return day;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The practice-local calendar date of an instant, presented: '1 Nov 2026' for 2026-11-02T03:30Z in Chicago. */
export function presentInstantDate(value: Date | string, zone: string): string {
  const at = instantOf(value);
  if (Number.isNaN(at.getTime())) return '\u2014';
  const p = wallParts(at, zone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}
