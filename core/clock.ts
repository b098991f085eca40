/**
 * The one clock: the instant, and the calendar date as the practice reads it (its IANA time
 * zone, never the server's or UTC). Everything that asks "what is today" (default periods,
 * freshness, pack months, scheduled jobs) asks a Clock, so after 7 pm on the last day of a month
 * in New York the product still says it is that day, everywhere. Tests pass a fixed one.
 *
 * Example: `practiceClock('America/New_York', () => new Date('2026-11-01T02:00:00Z')).today()`
 * is '2026-10-31'.
 */
import { localDate } from './localTime.ts';

export interface Clock {
  now(): Date;
  /** The practice-local calendar date, 'YYYY-MM-DD'. */
  today(): string;
  readonly timezone: string;
}

export function practiceClock(timezone: string, now: () => Date = () => new Date()): Clock {
  return { now, today: () => localDate(now(), timezone), timezone };
}
