/**
 * Every shipped profile (etl/profiles/*.json) and the documented vendor example profile pass
 * parseProfile, and every canonical example file (docs/examples/canonical/<source>.csv) has a
 * header equal to the catalog's field names, in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ProfileRegistry, SHIPPED_PROFILES_DIR, parseProfile } from '../../etl/profiles/registry.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { SOURCE_NAMES } from '../../etl/sources/contract.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CANONICAL_EXAMPLES = join(ROOT, 'docs/examples/canonical');
const VENDOR_PROFILE = join(ROOT, 'docs/examples/vendor-scheduling/profile.json');

const shipped = readdirSync(SHIPPED_PROFILES_DIR)
  .filter((n) => n.endsWith('.json'))
  .sort();

const parseFile = (path: string) => parseProfile(readFileSync(path, 'utf8'), path);

function csvRows(path: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
  expect(parsed.errors, `${path} parses as CSV`).toEqual([]);
  return parsed.data;
}

describe('shipped profiles', () => {
  it('include the canonical and the Synthea profiles', () => {
    // Profile ids are lowercase letters, digits and hyphens: fee_schedule's is canonical-fee-schedule.
    for (const source of SOURCE_NAMES) expect(shipped).toContain(`canonical-${source.replaceAll('_', '-')}.json`);
    for (const name of ['billing', 'appointments', 'providers', 'locations', 'payers']) {
      expect(shipped).toContain(`synthea-${name}.json`);
    }
  });

  it.each(shipped)('%s passes parseProfile and its id is its file name', (name) => {
    const profile = parseFile(join(SHIPPED_PROFILES_DIR, name));
    expect(profile.id).toBe(basename(name, '.json'));
  });

  it('load together into one registry (no two share an id)', () => {
    const registry = ProfileRegistry.load();
    expect(registry.all().map((p) => p.id).sort()).toEqual(shipped.map((n) => basename(n, '.json')));
    expect(registry.forSource('appointments').map((p) => p.id)).toEqual(
      expect.arrayContaining(['canonical-appointments', 'synthea-appointments']),
    );
  });

  it('name the Synthea limitations in their descriptions', () => {
    const billing = parseFile(join(SHIPPED_PROFILES_DIR, 'synthea-billing.json'));
    expect(billing.description).toMatch(/no payer/);
    expect(billing.description).toMatch(/no posting date/);
    const appointments = parseFile(join(SHIPPED_PROFILES_DIR, 'synthea-appointments.json'));
    expect(appointments.description).toMatch(/every encounter loads as a fulfilled appointment/);
  });
});

describe('documented vendor example profile', () => {
  it('passes parseProfile', () => {
    const profile = parseFile(VENDOR_PROFILE);
    expect(profile.source).toBe('appointments');
    expect(profile.dialect.skipRows).toBe('auto');
    expect(profile.valueMaps.status).toMatchObject({ '?': 'noshow', '%': 'cancelled-late', x: 'cancelled' });
  });

  it('maps its status codes to canonical statuses only', () => {
    const profile = parseFile(VENDOR_PROFILE);
    const allowed = SOURCES.appointments.fields.find((f) => f.name === 'status')?.values ?? [];
    for (const target of Object.values(profile.valueMaps.status ?? {})) expect(allowed).toContain(target);
  });
});

describe('canonical example files', () => {
  it.each(SOURCE_NAMES)('%s.csv has the catalog field names as its header', (source) => {
    const rows = csvRows(join(CANONICAL_EXAMPLES, `${source}.csv`));
    expect(rows[0]).toEqual(SOURCES[source].fields.map((f) => f.name));
  });

  it.each(SOURCE_NAMES)('%s.csv has 3 to 6 rows, each as wide as the header', (source) => {
    const [header, ...rows] = csvRows(join(CANONICAL_EXAMPLES, `${source}.csv`));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThanOrEqual(6);
    for (const row of rows) expect(row.length).toBe(header!.length);
  });

  it('exist for the canonical sources only', () => {
    const files = readdirSync(CANONICAL_EXAMPLES).sort();
    expect(files).toEqual(SOURCE_NAMES.map((s) => `${s}.csv`).sort());
  });
});
