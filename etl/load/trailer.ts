/**
 * Trailer rows: a report's "Total" line at the end of a file. A row is a trailer when it is
 * not valid data, is among the last `maxRows` rows, and ANY of its cells matches the profile's
 * pattern (real exports write "TOTAL" in the amount's neighbour after a run of blank cells).
 * The pattern runs in DuckDB's regular-expression engine (RE2), case-insensitively, bound as
 * the parameter `$trailer_re`; profiles/engineCheck.ts checks it against that engine.
 */
import type { Profile } from '../profiles/schema.ts';

/** A pattern that matches nothing, for profiles without a trailer. */
export const NO_TRAILER = '$^';

/** SQL: does any of `cells` match `$trailer_re`. */
export function trailerMatchSql(cells: readonly string[]): string {
  if (cells.length === 0) return 'false';
  return `(${cells.map((c) => `coalesce(regexp_matches(${c}, $trailer_re, 'i'), false)`).join(' OR ')})`;
}

/** The bound value of `$trailer_re` for a profile. */
export const trailerPattern = (profile: Profile): string => profile.dialect.trailer?.pattern ?? NO_TRAILER;

/** The last record number that cannot be a trailer (records after it may be). */
export const lastNonTrailerOrd = (profile: Profile, stagedRows: number): number =>
  profile.dialect.trailer ? stagedRows - profile.dialect.trailer.maxRows : stagedRows;
