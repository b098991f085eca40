/**
 * Hostile values in every parameter: each request is refused with one clear message about that
 * parameter, or parsed correctly where the value is a legitimate one (an id may be "-1").
 */
import { describe, expect, it } from 'vitest';
import { FILTER_PARAMS, parseFilters } from '../../dashboards/filters/index.ts';

const CTX = { today: '2025-05-10', dataStart: '2023-01-01', dataEnd: '2025-04-30' };

const HOSTILE: string[] = [
  "' OR 1=1 --",
  "1' OR '1'='1",
  '1; DROP TABLE x',
  '"; DROP TABLE billing; --',
  "2025-03' OR '1'='1",
  "2025-03'; --",
  '%27',
  '%27%20OR%201%3D1',
  '2025%2D03',
  "' UNION SELECT patient_id FROM billing --",
  '$location_id',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  'a'.repeat(10_000),
  '1'.repeat(65),
  '2025-03'.padEnd(100, '-'),
  'Zürich',
  'naïve-provider',
  '😀',
  '\u202Emonth',
  'ｍonth',
  '２０２５-０３',
  '2025-03\u0000',
  '2025-03\n',
  ' 2025-03',
  '2025-03 ',
  'line\r\nbreak',
  '\uD800',
  '0x2A',
  '-1',
  '1e3',
  'NaN',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'MONTH',
  'T12M',
  'Medicare',
  '2025-3',
  '25-03',
  '+002025-03',
  '2025-03-01T00:00:00Z',
];

/**
 * Ids are any text the warehouse keeps (docs/sources.md), so for location and provider every
 * hostile value is a legitimate id, except these three: over 1000 characters, a NUL, a lone surrogate.
 */
const NOT_IDS = new Set(['a'.repeat(10_000), '2025-03\u0000', '\uD800']);
const allowed = (param: string, value: string) => (param === 'location' || param === 'provider') && !NOT_IDS.has(value);

/** A raw control character (U+0000-U+001F, U+007F) anywhere in the text. */
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

const wellFormed = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

describe.each([...FILTER_PARAMS])('hostile values in %s', (param) => {
  it.each(HOSTILE.map((v) => [v.length > 30 ? `${v.slice(0, 30)}… (${v.length})` : JSON.stringify(v), v]))('%s', (_label, value) => {
    const r = parseFilters({ [param]: value }, CTX);
    if (allowed(param, value)) {
      expect(r).toMatchObject({ ok: true, value: { [param]: value } });
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    const [message] = r.errors as [string];
    expect(message.startsWith(`${param}: `)).toBe(true);
    // What would be valid is said, in words a person can act on.
    expect(message).toMatch(/; (use|add|give)/);
    // Long values are described, never echoed; short ones only JSON-quoted (control characters escaped).
    if ([...value].length > 40) expect(message).not.toContain(value.slice(0, 41));
    expect(hasControl(message)).toBe(false);
    expect(wellFormed(message)).toBe(true);
    expect(message.length).toBeLessThan(260);
  });
});

describe('hostile parameter names and shapes', () => {
  it.each(HOSTILE.filter((k) => !(FILTER_PARAMS as readonly string[]).includes(k)).map((k) => [JSON.stringify(k).slice(0, 40), k]))(
    'refuses the unknown name %s',
    (_label, key) => {
      const r = parseFilters({ [key]: '1' }, CTX);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/^unknown parameter: /);
      expect(hasControl(r.errors[0] as string)).toBe(false);
      if ([...key].length > 40) expect(r.errors[0]).not.toContain(key.slice(0, 41));
    },
  );

  it('refuses own __proto__ keys without touching any prototype', () => {
    const query = JSON.parse('{"__proto__": {"period": "custom"}, "location": "MAIN"}') as Record<string, unknown>;
    const r = parseFilters(query, CTX);
    expect(r).toEqual({ ok: false, errors: [expect.stringMatching(/^unknown parameter: "__proto__"/)] });
    expect(({} as Record<string, unknown>).period).toBeUndefined();
  });

  it.each(FILTER_PARAMS.map((p) => [p]))('refuses non-text shapes in %s', (param) => {
    for (const value of [['2025-03', '2025-04'], { $ne: null }, 1, true, null, 0n]) {
      const r = parseFilters({ [param]: value }, CTX);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(new RegExp(`^${param}: (given 2 times; give it once|must be a single text value)`))]);
    }
  });
});
