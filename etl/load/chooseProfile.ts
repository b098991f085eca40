/**
 * Picks the profile for a file: the one named, or among the source's profiles the one whose
 * columns the header maps best with every required field present. A file no profile fits is
 * refused with the columns it lacks, before anything is read into the warehouse.
 */
import type { Profile } from '../profiles/schema.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import { LoadError } from '../errors.ts';
import { findHeader, readHead, type HeaderMatch } from './header.ts';

export interface ProfileChoice {
  readonly profile: Profile;
  readonly header: HeaderMatch;
}

export async function chooseProfile(
  profiles: ProfileRegistry,
  path: string,
  fileName: string,
  opts: { source?: string; profileId?: string },
): Promise<ProfileChoice> {
  const candidates = opts.profileId ? [profiles.get(opts.profileId)] : profiles.forSource(opts.source ?? '');
  if (candidates.length === 0) throw new LoadError('NO_PROFILE', fileName, `no profile is defined for source "${opts.source}"`);
  let best: ProfileChoice | undefined;
  let nearest: ProfileChoice | undefined;
  const heads = new Map<string, string>();
  for (const profile of candidates) {
    const enc = profile.dialect.encoding;
    if (!heads.has(enc)) heads.set(enc, await readHead(path, enc));
    const header = findHeader(profile, heads.get(enc)!);
    if (!header) continue;
    const choice = { profile, header };
    if (header.missing.length === 0) {
      if (!best || header.score > best.header.score) best = choice;
    } else if (!nearest || header.score > nearest.header.score) nearest = choice;
  }
  if (best) return best;
  if (heads.get(candidates[0]!.dialect.encoding)?.trim() === '') throw new LoadError('EMPTY_FILE', fileName, 'the file is empty');
  if (nearest && nearest.header.score > 0) {
    throw new LoadError(
      'MISSING_COLUMNS',
      fileName,
      `the header (line ${nearest.header.headerLine}) lacks the columns for required field(s) ${nearest.header.missing.join(', ')} of profile ${nearest.profile.id}`,
      nearest.header.headerLine,
    );
  }
  throw new LoadError(
    'NO_MATCHING_PROFILE',
    fileName,
    `no header line matching a profile of source "${candidates[0]!.source}" (${candidates.map((c) => c.id).join(', ')}) was found in the first lines`,
  );
}
