/**
 * The one presenter of instants and dates (dashboards/present/time.ts). Every expected string
 * is written by hand from the zone's rules: US Central is UTC-5 (CDT) until 02:00 local on
 * 1 November 2026 and UTC-6 (CST) after; it is UTC-6 until 02:00 local on 8 March 2026.
 * Europe/Berlin is UTC+2 in summer (Intl has no abbreviation for it in en-US), Asia/Kolkata UTC+5:30.
 */
import { describe, expect, it } from 'vitest';
import { instantOf, presentDate, presentInstant, presentInstantDate, timesLabel } from '../../dashboards/present/index.ts';

const CHICAGO = 'America/Chicago';

describe('presentInstant', () => {
  it('shows an instant in the practice zone, labelled, on the practice-local day', () => {
    expect(new Date().getTimezoneOffset()).toBe(0); // the test process runs in UTC
    // 03:30 UTC on 2 November is 21:30 CST on 1 November.
    expect(presentInstant(new Date('2026-11-02T03:30:00Z'), CHICAGO)).toBe('1 Nov 2026, 21:30 CST');
    expect(presentInstant('2026-12-01T15:41:00Z', CHICAGO)).toBe('1 Dec 2026, 09:41 CST');
    // Midnight is 00, not 24.
    expect(presentInstant('2026-11-02T06:05:00Z', CHICAGO)).toBe('2 Nov 2026, 00:05 CST');
  });

  it('names daylight and standard time across the change', () => {
    expect(presentInstant('2026-11-01T05:30:00Z', CHICAGO)).toBe('1 Nov 2026, 00:30 CDT');
    expect(presentInstant('2026-11-01T06:30:00Z', CHICAGO)).toBe('1 Nov 2026, 01:30 CDT');
    expect(presentInstant('2026-11-01T07:30:00Z', CHICAGO)).toBe('1 Nov 2026, 01:30 CST');
    // Spring: 02:00 CST on 8 March is 08:00 UTC, and the clocks jump to 03:00 CDT.
    expect(presentInstant('2026-03-08T07:59:00Z', CHICAGO)).toBe('8 Mar 2026, 01:59 CST');
    expect(presentInstant('2026-03-08T08:00:00Z', CHICAGO)).toBe('8 Mar 2026, 03:00 CDT');
  });

  it('leaves the zone to the list label, except in the hour that happens twice', () => {
    expect(presentInstant('2026-11-02T03:30:00Z', CHICAGO, { zone: false })).toBe('1 Nov 2026, 21:30');
    expect(presentInstant('2026-11-01T05:30:00Z', CHICAGO, { zone: false })).toBe('1 Nov 2026, 00:30');
    // 01:30 on 1 November happens at 06:30 UTC (CDT) and again at 07:30 UTC (CST).
    expect(presentInstant('2026-11-01T06:30:00Z', CHICAGO, { zone: false })).toBe('1 Nov 2026, 01:30 CDT');
    expect(presentInstant('2026-11-01T07:30:00Z', CHICAGO, { zone: false })).toBe('1 Nov 2026, 01:30 CST');
    expect(presentInstant('2026-11-01T08:30:00Z', CHICAGO, { zone: false })).toBe('1 Nov 2026, 02:30');
    expect(timesLabel(CHICAGO)).toBe('Times in America/Chicago');
  });

  it('uses the offset where Intl has no abbreviation', () => {
    expect(presentInstant('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('1 Jul 2026, 14:00 UTC+02:00');
    expect(presentInstant('2026-07-01T12:00:00Z', 'Asia/Kolkata')).toBe('1 Jul 2026, 17:30 UTC+05:30');
    expect(presentInstant('2026-07-01T12:00:00Z', 'UTC')).toBe('1 Jul 2026, 12:00 UTC');
    expect(presentInstant('2026-01-15T12:00:00Z', 'America/New_York')).toBe('15 Jan 2026, 07:00 EST');
  });

  it('reads warehouse timestamps (UTC without a marker) and ISO text with an offset', () => {
    expect(instantOf('2026-11-02 03:30:00').toISOString()).toBe('2026-11-02T03:30:00.000Z');
    expect(instantOf('2026-11-02 03:30').toISOString()).toBe('2026-11-02T03:30:00.000Z');
    expect(instantOf('2026-11-01T21:30:00-06:00').toISOString()).toBe('2026-11-02T03:30:00.000Z');
    expect(presentInstant('2026-11-02 03:30:00', CHICAGO)).toBe('1 Nov 2026, 21:30 CST');
    expect(presentInstant('not a time', CHICAGO)).toBe('\u2014');
  });
});

describe('presentDate', () => {
  it('shows a calendar date as day, month, year, whatever the zone', () => {
    expect(presentDate('2026-11-01')).toBe('1 Nov 2026');
    expect(presentDate('2026-01-31')).toBe('31 Jan 2026');
    expect(presentDate('October')).toBe('October');
  });

  it('gives the practice-local day of an instant', () => {
    expect(presentInstantDate('2026-11-02T03:30:00Z', CHICAGO)).toBe('1 Nov 2026');
    expect(presentInstantDate('2026-11-02T03:30:00Z', 'UTC')).toBe('2 Nov 2026');
  });
});
