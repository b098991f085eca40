/**
 * The Synthea fixtures and the documented vendor example agree with their profiles: every
 * column a profile reads or never stores is in the file's header, every date and timestamp
 * parses with the profile's pinned formats (checked with DuckDB's own strptime) except the
 * rows documented as rejected, and every enum code the files use is mapped or canonical.
 * The full load of these files is the end-to-end loader test's job; this keeps the files,
 * the profiles and the expectations written in their READMEs and docs in step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfile } from '../../etl/profiles/registry.ts';
import type { FieldMapping, Profile } from '../../etl/profiles/schema.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARSES_SQL = 'SELECT try_strptime($value, $formats) IS NOT NULL AS ok';

interface Case {
  readonly profile: string;
  readonly file: string;
  /** `line:column` of every date or timestamp documented as not parsing. */
  readonly badDates: readonly string[];
}

const CASES: readonly Case[] = [
  { profile: 'etl/profiles/synthea-billing.json', file: 'test/fixtures/synthea/claims_transactions.csv', badDates: ['16:FROMDATE'] },
  { profile: 'etl/profiles/synthea-appointments.json', file: 'test/fixtures/synthea/encounters.csv', badDates: [] },
  { profile: 'etl/profiles/synthea-providers.json', file: 'test/fixtures/synthea/providers.csv', badDates: [] },
  { profile: 'etl/profiles/synthea-locations.json', file: 'test/fixtures/synthea/organizations.csv', badDates: [] },
  { profile: 'etl/profiles/synthea-payers.json', file: 'test/fixtures/synthea/payers.csv', badDates: [] },
  {
    profile: 'docs/examples/vendor-scheduling/profile.json',
    file: 'docs/examples/vendor-scheduling/appointments_export.csv',
    badDates: ['9:Appt Date/Time'],
  },
];

const load = (c: Case): { profile: Profile; lines: string[][] } => ({
  profile: parseProfile(readFileSync(join(ROOT, c.profile), 'utf8'), c.profile),
  // One array per physical line (no field in these files spans lines), blank lines kept.
  lines: Papa.parse<string[]>(readFileSync(join(ROOT, c.file), 'utf8').replace(/\n$/, '')).data,
});

const columnsOf = (m: FieldMapping): string[] => (typeof m === 'string' ? [m] : m.column ? [m.column] : (m.firstOf ?? []));
const norm = (s: string): string => s.trim().toLowerCase();

/** 0-based index of the header line: the first line holding every column the profile reads. */
function headerIndex(profile: Profile, lines: string[][]): number {
  const wanted = Object.values(profile.columns).flatMap(columnsOf).map(norm);
  return lines.findIndex((cells) => wanted.every((w) => cells.map(norm).includes(w)));
}

/** Data lines as [1-based line number, cells]: after the header, minus blanks and trailer rows. */
function dataLines(profile: Profile, lines: string[][]): [number, string[]][] {
  const trailer = profile.dialect.trailer ? new RegExp(profile.dialect.trailer.pattern) : undefined;
  return lines
    .map((cells, i): [number, string[]] => [i + 1, cells])
    .slice(headerIndex(profile, lines) + 1)
    .filter(([, cells]) => cells.some((c) => c.trim() !== '') && !(trailer && trailer.test(cells[0] ?? '')));
}

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

async function parses(value: string, formats: readonly string[]): Promise<boolean> {
  const reader = await conn.runAndReadAll(PARSES_SQL, { value, formats: listValue([...formats]) }, { value: VARCHAR, formats: LIST(VARCHAR) });
  return reader.getRowObjects()[0]?.['ok'] === true;
}

describe.each(CASES)('$file read with $profile', (c) => {
  it('has a header with every column the profile reads and never stores', () => {
    const { profile, lines } = load(c);
    const at = headerIndex(profile, lines);
    expect(at, 'no line holds all the mapped columns').toBeGreaterThanOrEqual(0);
    if (profile.dialect.skipRows !== 'auto') expect(at).toBe(profile.dialect.skipRows);
    const header = lines[at]!.map(norm);
    for (const col of profile.neverStore) expect(header).toContain(norm(col));
    for (const row of dataLines(profile, lines)) expect(row[1].length, `line ${row[0]}`).toBe(header.length);
  });

  it('has dates and timestamps that parse with the pinned formats, except the documented rows', async () => {
    const { profile, lines } = load(c);
    const header = lines[headerIndex(profile, lines)]!.map(norm);
    const bad = new Set<string>();
    for (const f of SOURCES[profile.source].fields.filter((x) => x.type === 'date' || x.type === 'timestamp')) {
      const m = profile.columns[f.name];
      if (m === undefined || (typeof m !== 'string' && m.const !== undefined)) continue;
      const formats = (typeof m !== 'string' && m.formats) || (f.type === 'date' ? profile.formats.date : profile.formats.timestamp);
      for (const col of columnsOf(m)) {
        const i = header.indexOf(norm(col));
        for (const [line, cells] of dataLines(profile, lines)) {
          const v = (cells[i] ?? '').trim();
          if (v !== '' && !(await parses(v, formats))) bad.add(`${line}:${col}`);
        }
      }
    }
    expect([...bad].sort()).toEqual([...c.badDates].sort());
  });

  it('uses only enum codes that are mapped or canonical', () => {
    const { profile, lines } = load(c);
    const header = lines[headerIndex(profile, lines)]!.map(norm);
    for (const f of SOURCES[profile.source].fields.filter((x) => x.type === 'enum')) {
      const m = profile.columns[f.name];
      if (m === undefined) continue;
      const map = profile.valueMaps[f.name] ?? {};
      const values =
        typeof m !== 'string' && m.const !== undefined
          ? [m.const]
          : columnsOf(m).flatMap((col) => dataLines(profile, lines).map(([, cells]) => (cells[header.indexOf(norm(col))] ?? '').trim()));
      const canonical = values.filter((v) => v !== '').map((v) => (map[v] ?? v).toLowerCase());
      const unknown = canonical.filter((v) => !(f.values ?? []).includes(v));
      // The Synthea payers fixture carries one payer on purpose that no value map names.
      expect(unknown).toEqual(c.file.endsWith('payers.csv') && f.name === 'payer_class' ? ['example mutual health'] : []);
    }
  });
});
