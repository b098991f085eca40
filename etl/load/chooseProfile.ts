/**
 * Picks the profile for a file: the one named, or among the source's profiles the one whose
 * columns the header maps best with every required field present. A file no profile fits is
 * refused with the columns it lacks, before anything is read into the warehouse; one with no
 * header line at all is refused saying, when it can be told, what the file is or which
 * delimiter it seems to use (noMatchHint.ts). A header wider than MAX_COLUMNS columns or
 * MAX_HEADER_BYTES is refused at once (it would hold the ETL lock for a long time for no export
 * the product reads).
 */
import type { Profile } from '../profiles/schema.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import { LoadError } from '../errors.ts';
import { decodeHead, findHeader, readHeadBytes, type HeaderMatch } from './header.ts';
import { noMatchHint } from './noMatchHint.ts';

/** Columns a header may have; real exports have tens, a few hundred at most. */
export const MAX_COLUMNS = 1000;
/** Size of a header line. */
export const MAX_HEADER_BYTES = 64 * 1024;

function checkWidth(choice: ProfileChoice | undefined, fileName: string): void {
  if (!choice) return;
  const { columns, headerLine } = choice.header;
  const bytes = columns.reduce((n, c) => n + Buffer.byteLength(c) + 1, 0);
  if (columns.length > MAX_COLUMNS || bytes > MAX_HEADER_BYTES) {
    throw new LoadError(
      'HEADER_TOO_WIDE',
      fileName,
      `the header has ${columns.length} columns (${Math.ceil(bytes / 1024)} KB); the limit is ${MAX_COLUMNS} columns and ${MAX_HEADER_BYTES / 1024} KB. Export only the columns the profile needs`,
      headerLine,
    );
  }
}

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
  const bytes = await readHeadBytes(path);
  const heads = new Map<string, string>();
  for (const profile of candidates) {
    const enc = profile.dialect.encoding;
    if (!heads.has(enc)) heads.set(enc, decodeHead(bytes, enc));
    const header = findHeader(profile, heads.get(enc)!);
    if (!header) continue;
    const choice = { profile, header };
    if (header.missing.length === 0) {
      if (!best || header.score > best.header.score) best = choice;
    } else if (!nearest || header.score > nearest.header.score) nearest = choice;
  }
  checkWidth(best, fileName);
  if (best) return best;
  checkWidth(nearest, fileName);
  if (heads.get(candidates[0]!.dialect.encoding)?.trim() === '') throw new LoadError('EMPTY_FILE', fileName, 'the file is empty');
  if (nearest && nearest.header.score > 0) {
    throw new LoadError(
      'MISSING_COLUMNS',
      fileName,
      `the header (line ${nearest.header.headerLine}) lacks the columns for required field(s) ${nearest.header.missing.join(', ')} of profile ${nearest.profile.id}`,
      nearest.header.headerLine,
    );
  }
  // Only a refused file pays for the diagnosis, over the head already read.
  const hint = noMatchHint(candidates, bytes);
  throw new LoadError(
    'NO_MATCHING_PROFILE',
    fileName,
    `no header line matching a profile of source "${candidates[0]!.source}" (${candidates.map((c) => c.id).join(', ')}) was found in the first lines${hint ? `. ${hint}` : ''}`,
  );
}
