/**
 * Approve and lock, commentary and restatements: the board pack's records in the warehouse.
 * approvePack builds the month's pack from the data as it is now, renders it, and stores the
 * model as presented, the commentary it carries and the PDF bytes with their SHA-256. A month
 * approved once is locked: approving it again is refused unless asked for as a new version,
 * and the earlier version is kept.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { practiceClock } from '../core/clock.ts';
import { PracticeBoardError } from '../core/errors.ts';
import { buildPackModel } from './build.ts';
import type { PackModel } from './model.ts';
import { renderPackPdf, type PageSize } from './pdf/render.ts';
import { commentaryMap, getCommentary } from './store/commentary.ts';
import { etlRunCount, getApprovedPack, insertPack, type ApprovedPack } from './store/packs.ts';
import { packZone, stampLabel } from './text.ts';

export { getCommentary, saveCommentary, commentaryMap, MAX_COMMENTARY_CHARS, type CommentaryEntry } from './store/commentary.ts';
export { getApprovedPack, listApproved, type ApprovedPack, type ApprovedSummary } from './store/packs.ts';
export { carriedRestatements, checkRestatements, detectRestatements, earlierRestatements, findRestatements, recordedRestatements } from './store/restatements.ts';

export interface ApproveOptions {
  readonly practiceName: string;
  /** Size of the stored PDF; default letter. */
  readonly pageSize?: PageSize;
  /** Approve a month that is already approved, as a new version. */
  readonly newVersion?: boolean;
  /**
   * The approved version the approver was shown, which the new version replaces: refused when
   * another approval has come since (a second click, or another admin at the same moment).
   */
  readonly supersedes?: number;
  /** The practice's time zone, for "today" (core/clock.ts) and the pack's times (the approval stamp); default UTC. */
  readonly timezone?: string;
  /** Today (practice-local ISO date) when the caller's clock already knows it. */
  readonly today?: string;
}

/** Thrown when approving a month that is locked. */
export class PackLockedError extends PracticeBoardError {
  constructor(readonly pack: Pick<ApprovedPack, 'month' | 'version' | 'approvedAt' | 'approvedBy' | 'model'>) {
    super(
      'PACK_LOCKED',
      `the ${pack.month} board pack was approved by ${pack.approvedBy} on ${stampLabel(pack.approvedAt, packZone(pack.model))} and is locked; approve it again as a new version to replace it`,
      { status: 409 },
    );
  }
}

/** Thrown when a new version would replace a version other than the one the approver saw. */
export class PackSupersededError extends PracticeBoardError {
  constructor(month: string, seen: number, pack: Pick<ApprovedPack, 'version' | 'approvedAt' | 'approvedBy' | 'model'>) {
    super(
      'PACK_SUPERSEDED',
      `the ${month} board pack was approved again while you were reading version ${seen}: version ${pack.version}, by ${pack.approvedBy} on ${stampLabel(pack.approvedAt, packZone(pack.model))}. Read it before approving another version.`,
      { status: 409 },
    );
  }
}

/** The titles of the sections of a pack whose query failed (shown as "could not be computed"). */
export const failedSectionTitles = (model: Pick<PackModel, 'pages'>): string[] =>
  model.pages.flatMap((p) => p.sections.filter((s) => s.failed !== undefined).map((s) => `${p.title}: ${s.title}`));

/** Thrown when approving a pack with a section that could not be computed: a locked pack is never incomplete. */
export class PackIncompleteError extends PracticeBoardError {
  constructor(month: string, titles: readonly string[]) {
    super('PACK_INCOMPLETE', `the ${month} board pack cannot be approved: ${titles.join('; ')} could not be computed (the error is in the server log). Fix the cause and approve again.`, { status: 409 });
  }
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Example: `approvePack(conn, '2026-10', 'Dana Reyes', () => new Date(), { practiceName: 'Riverside Medical Group' })`.
 * Builds the pack at `clock()`, which is also its approval time.
 */
export async function approvePack(conn: DuckDBConnection, month: string, by: string, clock: () => Date, opts: ApproveOptions): Promise<ApprovedPack> {
  const existing = await getApprovedPack(conn, month);
  if (existing && !opts.newVersion) throw new PackLockedError(existing);
  if (existing && opts.newVersion && opts.supersedes !== undefined && existing.version !== opts.supersedes) throw new PackSupersededError(month, opts.supersedes, existing);
  const now = clock();
  const today = opts.today ?? practiceClock(opts.timezone ?? 'UTC', () => now).today();
  const model: PackModel = await buildPackModel(conn, { month, today, practiceName: opts.practiceName, now, timezone: opts.timezone });
  const failed = failedSectionTitles(model);
  if (failed.length > 0) throw new PackIncompleteError(model.month, failed);
  const commentary = commentaryMap(await getCommentary(conn, model.month));
  const version = (existing?.version ?? 0) + 1;
  const pageSize = opts.pageSize ?? 'letter';
  const approvedAt = now.toISOString();
  const pdf = await renderPackPdf(model, { pageSize, commentary, status: { state: 'approved', approvedAt, approvedBy: by, version } });
  const pack = { month: model.month, version, approvedAt, approvedBy: by, pageSize, model, commentary, pdf, sha256: sha256(pdf), checkedRunsN: await etlRunCount(conn) };
  await insertPack(conn, pack);
  return pack;
}
