/**
 * A profile whose date formats disagree on the order of day and month is refused: formats are
 * tried in order, so `["%m/%d/%Y", "%d/%m/%Y"]` would read 03/04/2026 as March 4 and 13/04/2026
 * as April 13 in the same file, silently. Formats that only look alike (another separator, a
 * date-only fallback after a timestamp, `%-d` for `%d`) are kept.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileRegistry, SHIPPED_PROFILES_DIR, parseProfile } from '../../etl/profiles/registry.ts';
import { ProfileError } from '../../etl/errors.ts';

const shipped = (id: string): Record<string, unknown> => JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, `${id}.json`), 'utf8')) as Record<string, unknown>;
const billing = (formats: Record<string, unknown>, columns: Record<string, unknown> = {}): string => {
  const p = shipped('canonical-billing');
  return JSON.stringify({ ...p, id: 'mine', formats: { ...(p.formats as object), ...formats }, columns: { ...(p.columns as object), ...columns } });
};
const CLASH = /differ only in the order of day and month/;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('date formats that disagree on the order of day and month', () => {
  it('are refused in formats.date, naming both formats', () => {
    expect(() => parseProfile(billing({ date: ['%m/%d/%Y', '%d/%m/%Y'] }), 'mine.json')).toThrow(
      'formats.date: "%m/%d/%Y" and "%d/%m/%Y" differ only in the order of day and month, so a date such as 03/04/2026 would be read by whichever comes first; keep the one the export writes',
    );
    // Not only next to each other, and with the unpadded codes too.
    expect(() => parseProfile(billing({ date: ['%Y-%m-%d', '%-d.%-m.%Y', '%m.%d.%Y'] }), 'mine.json')).toThrow('formats.date: "%-d.%-m.%Y" and "%m.%d.%Y" differ only');
  });

  it('are refused in formats.timestamp and in a column’s own formats', () => {
    expect(() => parseProfile(billing({ timestamp: ['%d/%m/%Y %H:%M', '%m/%d/%Y %H:%M'] }), 'mine.json')).toThrow(/^.*formats\.timestamp: "%d\/%m\/%Y %H:%M" and "%m\/%d\/%Y %H:%M" differ only/);
    expect(() => parseProfile(billing({}, { service_date: { column: 'service_date', formats: ['%m-%d-%Y', '%d-%m-%Y'] } }), 'mine.json')).toThrow('columns.service_date.formats: "%m-%d-%Y" and "%d-%m-%Y" differ only');
  });

  it('keeps formats that only look alike', () => {
    for (const date of [
      ['%m/%d/%Y', '%Y-%m-%d'],
      ['%m/%d/%Y', '%d.%m.%Y'], // another separator: no text fits both
      ['%m/%d/%Y', '%-m/%-d/%Y'], // the same order, unpadded
      ['%m/%d/%Y', '%m/%d/%y'],
      ['%d/%m/%Y'],
    ]) {
      expect(() => parseProfile(billing({ date }), 'mine.json'), date.join(' ')).not.toThrow();
    }
    expect(() => parseProfile(billing({ timestamp: ['%m/%d/%Y %I:%M %p', '%m/%d/%Y'] }), 'mine.json')).not.toThrow();
  });

  it('keep a practice’s profile folder from loading, naming the file, so no load reads with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-dateorder-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(join(dir, 'profiles', 'mine.json'), billing({ date: ['%d/%m/%Y', '%m/%d/%Y'] }));
    let err: unknown;
    try {
      ProfileRegistry.load(join(dir, 'profiles'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileError);
    expect(String((err as Error).message)).toMatch(/mine\.json/);
    expect(String((err as Error).message)).toMatch(CLASH);
  });

  it('no shipped profile has such a pair', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pb-dateorder-none-'));
    dirs.push(empty);
    expect(() => ProfileRegistry.load(empty)).not.toThrow();
  });
});
