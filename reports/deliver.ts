/**
 * A month's pack as delivered: an approved month is always the pack as approved (its stored
 * PDF bytes when the stored size is asked for; otherwise rendered from the stored model and
 * commentary, with the approval's date, so the numbers are the ones presented), and a month
 * not yet approved is a fresh draft from the data as it is now, marked DRAFT. Delivering a pack
 * only reads: it carries the restatements detection recorded, and never writes or rebuilds another.
 * Times are in the practice's zone (`timezone`), labelled.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { practiceClock } from '../core/clock.ts';
import { buildPackModel } from './build.ts';
import { renderPackHtml } from './html.ts';
import type { Commentary, PackModel, PackStatus } from './model.ts';
import { renderPackPdf, type PageSize } from './pdf/render.ts';
import { commentaryMap, getCommentary } from './store/commentary.ts';
import { getApprovedPack, type ApprovedPack } from './store/packs.ts';

export interface DeliverOptions {
  readonly month: string;
  /** The injected clock. */
  readonly now: Date;
  readonly practiceName: string;
  /** The practice's time zone, for "today" (core/clock.ts) and the pack's times; default UTC. */
  readonly timezone?: string;
  /** Today (practice-local ISO date) when the caller's clock already knows it. */
  readonly today?: string;
}

export interface CurrentPack {
  readonly model: PackModel;
  readonly commentary: Commentary;
  readonly status: PackStatus;
  readonly approved: ApprovedPack | null;
}

export async function currentPack(conn: DuckDBConnection, opts: DeliverOptions): Promise<CurrentPack> {
  const approved = await getApprovedPack(conn, opts.month);
  if (approved) {
    const status: PackStatus = { state: 'approved', approvedAt: approved.approvedAt, approvedBy: approved.approvedBy, version: approved.version };
    // A pack stored before packs carried their zone is shown in the practice's (its times were UTC; either is labelled).
    const model = approved.model.timezone || !opts.timezone ? approved.model : { ...approved.model, timezone: opts.timezone };
    return { model, commentary: approved.commentary, status, approved };
  }
  const today = opts.today ?? practiceClock(opts.timezone ?? 'UTC', () => opts.now).today();
  const model = await buildPackModel(conn, { month: opts.month, today, practiceName: opts.practiceName, now: opts.now, timezone: opts.timezone, restatements: 'read' });
  return { model, commentary: commentaryMap(await getCommentary(conn, model.month)), status: { state: 'draft' }, approved: null };
}

export async function packPdf(conn: DuckDBConnection, opts: DeliverOptions & { size: PageSize }): Promise<{ pdf: Buffer; status: PackStatus }> {
  const pack = await currentPack(conn, opts);
  if (pack.approved && pack.approved.pageSize === opts.size) return { pdf: pack.approved.pdf, status: pack.status };
  return { pdf: await renderPackPdf(pack.model, { pageSize: opts.size, commentary: pack.commentary, status: pack.status }), status: pack.status };
}

export async function packHtml(conn: DuckDBConnection, opts: DeliverOptions): Promise<{ html: string; status: PackStatus }> {
  const pack = await currentPack(conn, opts);
  return { html: renderPackHtml(pack.model, { commentary: pack.commentary, status: pack.status }), status: pack.status };
}
