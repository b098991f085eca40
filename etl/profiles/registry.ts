/**
 * Loads and checks every source profile: the ones shipped in etl/profiles/ and the
 * practice's own in the configured profiles folder. A profile that fails is reported with
 * its file name and every bad field; a profile never half-loads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProfileError } from '../errors.ts';
import { SOURCES } from '../sources/catalog.ts';
import { checkProfileInEngine, checkProfilesInEngine } from './engineCheck.ts';
import { dateOrderProblems } from './dateOrder.ts';
import { ProfileSchema, type Profile } from './schema.ts';

export const SHIPPED_PROFILES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Parse and check one profile's JSON text; `origin` names the file in errors. */
export function parseProfile(text: string, origin: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(origin, `is not valid JSON (${(err as Error).message})`);
  }
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ProfileError(origin, issues.join('; '));
  }
  const profile = parsed.data;
  const spec = SOURCES[profile.source];
  const known = new Set(spec.fields.map((f) => f.name));
  const problems: string[] = [];
  for (const field of Object.keys(profile.columns)) {
    if (!known.has(field)) problems.push(`columns.${field}: not a field of source ${profile.source}`);
  }
  for (const field of Object.keys(profile.valueMaps)) {
    if (!known.has(field)) problems.push(`valueMaps.${field}: not a field of source ${profile.source}`);
  }
  for (const f of spec.fields) {
    if (f.required && !(f.name in profile.columns)) problems.push(`columns.${f.name}: required by source ${profile.source}`);
  }
  for (const [field, map] of Object.entries(profile.valueMaps)) {
    const values = spec.fields.find((f) => f.name === field)?.values;
    if (!values) continue;
    const allowed = new Set(values.map((v) => v.toLowerCase()));
    for (const [from, to] of Object.entries(map)) {
      if (to !== null && to !== '' && !allowed.has(to.toLowerCase())) problems.push(`valueMaps.${field}.${from}: not one of ${values.join(', ')} (null makes it blank)`);
    }
  }
  problems.push(...signProblems(profile), ...dateOrderProblems(profile));
  const n = profile.formats.number;
  // Thousands separators are removed before the decimal mark is read: the same character would turn 12,34 into 1234.
  if (n.thousands === n.decimal) problems.push(`formats.number.thousands: "${n.thousands}" is also the decimal mark; with decimal "${n.decimal}" use ${n.decimal === ',' ? '".", " " or ""' : '",", " " or ""'}`);
  // The trailer pattern is checked in DuckDB's own engine (engineCheck.ts), not here: a
  // JavaScript RegExp accepts patterns RE2 refuses, and refuses some RE2 accepts.
  if (problems.length > 0) throw new ProfileError(origin, problems.join('; '));
  return profile;
}

function signProblems(profile: Profile): string[] {
  const types = Object.keys(profile.signs);
  if (types.length === 0) return [];
  const by = SOURCES[profile.source].signedBy;
  if (!by) return [`signs: source ${profile.source} has no signed amounts`];
  const values = SOURCES[profile.source].fields.find((f) => f.name === by.field)?.values ?? [];
  return types.filter((t) => !values.includes(t)).map((t) => `signs.${t}: not a ${by.field} (one of ${values.join(', ')})`);
}

/** parseProfile, then its patterns compiled in DuckDB's engine: for a profile about to be saved. */
export async function parseProfileChecked(text: string, origin: string): Promise<Profile> {
  const profile = parseProfile(text, origin);
  await checkProfileInEngine(profile, origin);
  return profile;
}

function readDir(dir: string): Profile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.map((n) => parseProfile(readFileSync(join(dir, n), 'utf8'), join(dir, n)));
}

export class ProfileRegistry {
  readonly #byId = new Map<string, Profile>();

  constructor(profiles: readonly Profile[]) {
    for (const p of profiles) {
      if (this.#byId.has(p.id)) throw new ProfileError(p.id, 'two profiles have this id');
      this.#byId.set(p.id, p);
    }
  }

  /** The shipped profiles plus those in `extraDir` (the practice's own). */
  static load(extraDir?: string): ProfileRegistry {
    return new ProfileRegistry([...readDir(SHIPPED_PROFILES_DIR), ...(extraDir ? readDir(extraDir) : [])]);
  }

  /** `load`, then every profile's patterns checked in DuckDB's engine (start-up). */
  static async open(extraDir?: string): Promise<ProfileRegistry> {
    const registry = ProfileRegistry.load(extraDir);
    await checkProfilesInEngine(registry.all().map((p) => ({ profile: p, origin: p.id })));
    return registry;
  }

  get(id: string): Profile {
    const p = this.#byId.get(id);
    if (!p) throw new ProfileError(id, `no such profile; known: ${[...this.#byId.keys()].join(', ')}`);
    return p;
  }

  all(): Profile[] {
    return [...this.#byId.values()];
  }

  forSource(source: string): Profile[] {
    return this.all().filter((p) => p.source === source);
  }
}
