/**
 * `practiceboard report build --month 2026-10 --out board.pdf [--size a4] [--format pdf|html]`:
 * a month's board pack (the approved pack if the month is approved, else a draft marked DRAFT).
 * `buildPack` is the one function behind the command line and the server's loopback API; it
 * writes one audit entry (`data.export` of the month). `buildReportFile` writes it to a file.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PracticeBoardError } from '../../core/errors.ts';
import type { Context } from '../context.ts';
import type { PackStatus } from '../../reports/model.ts';
import { packHtml, packPdf } from '../../reports/deliver.ts';
import type { PageSize } from '../../reports/pdf/render.ts';
import { practiceName } from '../settings/practiceName.ts';
import { commandLine, recordCommand, type Invocation } from './invocation.ts';

export interface PackOptions {
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly size?: PageSize;
  readonly format?: 'pdf' | 'html';
  /** The cover's practice name; default the practice's own. */
  readonly practiceName?: string;
}

export interface PackResult {
  readonly bytes: Buffer;
  readonly status: PackStatus;
  readonly ms: number;
}

export async function buildPack(ctx: Context, opts: PackOptions, inv: Invocation): Promise<PackResult> {
  const format = opts.format ?? 'pdf';
  const size = opts.size ?? 'letter';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new PracticeBoardError('MONTH_INVALID', `--month ${JSON.stringify(opts.month)} is not a month; use YYYY-MM, e.g. 2026-10`, { status: 400 });
  if (!['pdf', 'html'].includes(format)) throw new PracticeBoardError('REPORT_FORMAT_INVALID', `--format ${JSON.stringify(format)}: use pdf or html`, { status: 400 });
  if (!['letter', 'a4'].includes(size)) throw new PracticeBoardError('REPORT_SIZE_INVALID', `--size ${JSON.stringify(size)}: use letter or a4`, { status: 400 });
  const started = Date.now();
  const deliver = { month: opts.month, now: inv.now(), practiceName: opts.practiceName ?? (await practiceName(ctx.pool, ctx.config)), timezone: ctx.config.timezone };
  const { bytes, status } = await ctx.pool.use(async (conn) => {
    if (format === 'html') {
      const r = await packHtml(conn, deliver);
      return { bytes: Buffer.from(r.html, 'utf8'), status: r.status };
    }
    const r = await packPdf(conn, { ...deliver, size });
    return { bytes: r.pdf, status: r.status };
  });
  await recordCommand(ctx, inv, 'data.export', opts.month, { what: 'board pack', format, size, state: status.state });
  return { bytes, status, ms: Date.now() - started };
}

export interface ReportFileOptions extends PackOptions {
  /** Output file path. */
  readonly out: string;
  /** The clock; default the system clock. */
  readonly now?: () => Date;
}

export interface ReportFileResult {
  readonly path: string;
  readonly bytes: number;
  readonly status: PackStatus;
  readonly ms: number;
}

export async function buildReportFile(ctx: Context, opts: ReportFileOptions): Promise<ReportFileResult> {
  const r = await buildPack(ctx, opts, commandLine(opts.now));
  const path = resolve(opts.out);
  writeFileSync(path, r.bytes);
  return { path, bytes: r.bytes.length, status: r.status, ms: r.ms };
}
