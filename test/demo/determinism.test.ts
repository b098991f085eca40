/**
 * The demo generator is deterministic: the same seed and options give byte-identical files
 * (nothing reads the clock, Math.random or the machine's time zone), and another seed gives
 * another practice.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoSummary } from '../../demo/generate.ts';
import { SOURCE_NAMES } from '../../etl/sources/contract.ts';

const root = mkdtempSync(join(tmpdir(), 'pb-demo-det-'));
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function digests(s: DemoSummary): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of SOURCE_NAMES) out[source] = sha256(s.files[source].path);
  out['vendor/billing'] = sha256(s.vendor.billing.path);
  out['vendor/payroll'] = sha256(s.vendor.payroll.path);
  for (const f of s.remittance) out[`remittance/${f.path.split('/').pop()!}`] = sha256(f.path);
  return out;
}

let first: DemoSummary;
let again: DemoSummary;
let other: DemoSummary;

beforeAll(async () => {
  const opts = { endMonth: '2026-02', months: 3 };
  first = await generateDemo({ outDir: join(root, 'a'), seed: 42, ...opts });
  // The second run happens in another time zone: local wall times must not shift with it.
  const tz = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
  try {
    again = await generateDemo({ outDir: join(root, 'b'), seed: 42, ...opts });
  } finally {
    process.env.TZ = tz;
  }
  other = await generateDemo({ outDir: join(root, 'c'), seed: 7, ...opts });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generateDemo determinism', () => {
  it('writes byte-identical files for the same seed and options, in any time zone', () => {
    expect(digests(again)).toEqual(digests(first));
    expect(again.files.billing.controlTotalCents).toBe(first.files.billing.controlTotalCents);
  });

  it('writes a different practice for another seed', () => {
    const a = digests(first);
    const c = digests(other);
    for (const key of ['billing', 'payroll', 'appointments', 'providers', 'budget', 'vendor/billing', 'vendor/payroll']) {
      expect(c[key], key).not.toBe(a[key]);
    }
    // Payers, locations and the CMS work RVUs are the practice's fixed reference data.
    for (const key of ['payers', 'locations', 'rvus']) expect(c[key], key).toBe(a[key]);
  });

  it('reports the window it generated', () => {
    expect(first.firstDate).toBe('2025-12-01');
    expect(first.lastDate).toBe('2026-02-28');
  });

  it('refuses bad options with every problem named', async () => {
    await expect(generateDemo({ outDir: join(root, 'x'), endMonth: '2026-13', months: 0 })).rejects.toThrow(/endMonth[\s\S]*months/);
  });
});
