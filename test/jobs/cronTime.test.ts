/**
 * The pure schedule functions, with instants worked out by hand. New York is UTC-4 (EDT) until
 * 1 November 2026 02:00 local and from 8 March 2026 03:00 local; UTC-5 (EST) otherwise.
 */
import { describe, expect, it } from 'vitest';
import { cronProblem, latestDue, nextRun } from '../../server/jobs/cronTime.ts';
import { localDate, localDateTime, previousMonth } from '../../core/localTime.ts';
import { describeSchedule } from '../../server/jobs/scheduleWords.ts';

const TZ = 'America/New_York';
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('nextRun', () => {
  it('reads the schedule in the practice time zone, strictly after the start', () => {
    expect(iso(nextRun('0 8 5 * *', TZ, at('2026-10-05T12:00:00Z')))).toBe('2026-11-05T13:00:00.000Z'); // 08:00 EST
    expect(iso(nextRun('0 8 5 * *', TZ, at('2026-06-01T00:00:00Z')))).toBe('2026-06-05T12:00:00.000Z'); // 08:00 EDT
    expect(iso(nextRun('*/15 * * * *', TZ, at('2026-11-15T12:15:00Z')))).toBe('2026-11-15T12:30:00.000Z');
    expect(iso(nextRun('0 7 * * 1', TZ, at('2026-11-15T12:00:00Z')))).toBe('2026-11-16T12:00:00.000Z'); // Monday 07:00 EST
  });

  it('keeps a quarter-hourly job going through the repeated hour of the fall-back night', () => {
    // 05:45Z is 01:45 EDT; 06:00Z is 01:00 EST, the second 01:00 of the night.
    expect(iso(nextRun('*/15 * * * *', TZ, at('2026-11-01T05:45:00Z')))).toBe('2026-11-01T06:00:00.000Z');
  });
});

describe('latestDue', () => {
  it('is null when no slot fell in (after, now]', () => {
    expect(latestDue('0 8 5 * *', TZ, at('2026-11-05T13:00:00Z'), at('2026-11-30T00:00:00Z'))).toBeNull();
  });

  it('is the last missed slot, however many were missed', () => {
    expect(iso(latestDue('*/15 * * * *', TZ, at('2026-08-01T00:00:00Z'), at('2026-11-15T12:07:00Z')))).toBe('2026-11-15T12:00:00.000Z');
    expect(iso(latestDue('0 8 5 * *', TZ, at('2026-01-05T13:00:00Z'), at('2026-11-15T12:00:00Z')))).toBe('2026-11-05T13:00:00.000Z');
    // A slot exactly at `now` counts.
    expect(iso(latestDue('0 7 * * 1', TZ, at('2026-11-09T12:00:00Z'), at('2026-11-16T12:00:00Z')))).toBe('2026-11-16T12:00:00.000Z');
  });

  it('takes the first 01:30 of the fall-back night once a run has had it', () => {
    expect(latestDue('30 1 * * *', TZ, at('2026-11-01T05:30:00Z'), at('2026-11-01T06:45:00Z'))).toBeNull();
  });
});

describe('cronProblem', () => {
  it('accepts five-field schedules and names what is wrong with others', () => {
    expect(cronProblem('0 8 5 * *')).toBeNull();
    expect(cronProblem('*/15 * * * *')).toBeNull();
    expect(cronProblem('0 0 8 5 * *')).toMatch(/has 6 fields; a schedule has 5/);
    expect(cronProblem('61 * * * *')).toMatch(/"61 \* \* \* \*" is not a cron schedule/);
    // Day of month and day of week together mean OR in cron but AND in node-cron: refused.
    expect(cronProblem('0 8 5 * 1')).toMatch(/is not a cron schedule/);
  });
});

describe('schedule in words', () => {
  it('uses a 24-hour clock and names the zone when an hour is set', () => {
    expect(describeSchedule('*/15 * * * *', TZ)).toBe('every 15 minutes');
    expect(describeSchedule('0 8 5 * *', TZ)).toBe('at 08:00, on day 5 of the month (America/New_York)');
    expect(describeSchedule('0 7 * * 1', 'America/Chicago')).toBe('at 07:00, only on Monday (America/Chicago)');
  });
});

describe('local time', () => {
  it('reads instants in the practice zone', () => {
    expect(localDate(at('2026-11-01T03:30:00Z'), TZ)).toBe('2026-10-31');
    expect(localDateTime(at('2026-11-05T13:00:00Z'), TZ)).toBe('2026-11-05 08:00');
    expect(localDateTime(at('2026-11-05T05:05:00Z'), TZ)).toBe('2026-11-05 00:05'); // midnight is 00, not 24
    expect(previousMonth(at('2026-11-05T13:00:00Z'), TZ)).toBe('2026-10');
    expect(previousMonth(at('2027-01-05T13:00:00Z'), TZ)).toBe('2026-12');
    // 1 December 03:00Z is still 30 November in New York.
    expect(previousMonth(at('2026-12-01T03:00:00Z'), TZ)).toBe('2026-10');
  });
});
