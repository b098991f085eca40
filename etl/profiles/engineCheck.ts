/**
 * Checks a profile's regular expressions in the engine that runs them: DuckDB's (RE2). A
 * pattern JavaScript accepts may not be RE2 (look-arounds, back-references), and a profile
 * that passed a JavaScript check would make every load of its files fail. Here such a profile
 * is refused when it is saved, read at start-up, checked (`profile check`) or used.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ProfileError } from '../errors.ts';
import type { Profile } from './schema.ts';

/** Compiles the pattern with the same flag the load uses; a bad pattern fails at bind time. */
const COMPILE_PATTERN_SQL = `SELECT regexp_matches('', $re, 'i')`;

/** The profile's patterns, by their key in the profile. */
function patternsOf(profile: Profile): [string, string][] {
  return profile.dialect.trailer ? [['dialect.trailer.pattern', profile.dialect.trailer.pattern]] : [];
}

async function compiles(conn: DuckDBConnection, pattern: string): Promise<boolean> {
  try {
    await conn.run(COMPILE_PATTERN_SQL, { re: pattern });
    return true;
  } catch {
    // DuckDB's message quotes the pattern only; the caller names the key, which is enough.
    return false;
  }
}

/** Runs `fn` on `conn`, or on a private in-memory database (no file is opened or locked). */
async function withConnection<T>(conn: DuckDBConnection | undefined, fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  if (conn) return fn(conn);
  const instance = await DuckDBInstance.create(':memory:', { enable_external_access: 'false' });
  const own = await instance.connect();
  try {
    return await fn(own);
  } finally {
    own.closeSync();
    instance.closeSync();
  }
}

async function problemsOf(conn: DuckDBConnection, profile: Profile): Promise<string[]> {
  const problems: string[] = [];
  for (const [key, pattern] of patternsOf(profile)) {
    if (!(await compiles(conn, pattern))) {
      problems.push(`${key}: not a regular expression that DuckDB's engine (RE2) accepts; RE2 has no look-ahead, look-behind or back-references`);
    }
  }
  return problems;
}

/**
 * Throws a ProfileError naming every pattern of `profile` that DuckDB cannot compile. Uses
 * `conn` when given, else a private in-memory database.
 */
export async function checkProfileInEngine(profile: Profile, origin: string, conn?: DuckDBConnection): Promise<void> {
  await checkProfilesInEngine([{ profile, origin }], conn);
}

/** The same for several profiles, with one database; the first profile with a problem is named. */
export async function checkProfilesInEngine(profiles: readonly { profile: Profile; origin: string }[], conn?: DuckDBConnection): Promise<void> {
  if (!profiles.some((p) => patternsOf(p.profile).length > 0)) return;
  await withConnection(conn, async (c) => {
    for (const { profile, origin } of profiles) {
      const problems = await problemsOf(c, profile);
      if (problems.length > 0) throw new ProfileError(origin, problems.join('; '));
    }
  });
}
