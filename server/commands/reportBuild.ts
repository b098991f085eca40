/**
 * `practiceboard report build --month 2026-10 --out board.pdf [--size a4] [--format pdf|html]`:
 * writes a month's board pack to a file (the approved pack if the month is approved, else a
 * draft marked DRAFT). The command line wires its flags to buildReportFile.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PracticeBoardError } from '../../core/errors.ts';
import type { Context } from '../context.ts';
import type { PackStatus } from '../../reports/model.ts';
import { packHtml, packPdf } from '../../reports/deliver.ts';
import type { PageSize } from '../../reports/pdf/render.ts';

/** The cover's practice name when none is given (until the configuration carries one). */
export const DEFAULT_PRACTICE_NAME = 'Medical practice';

export interface ReportFileOptions {
  /** 'YYYY-MM'. */
  readonly month: string;
  /** Output file path. */
  readonly out: string;
  readonly size?: PageSize;
  readonly format?: 'pdf' | 'html';
  readonly practiceName?: string;
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
  const format = opts.format ?? 'pdf';
  const size = opts.size ?? 'letter';
  if (!['pdf', 'html'].includes(format)) throw new PracticeBoardError('REPORT_FORMAT_INVALID', `--format ${JSON.stringify(format)}: use pdf or html`);
  if (!['letter', 'a4'].includes(size)) throw new PracticeBoardError('REPORT_SIZE_INVALID', `--size ${JSON.stringify(size)}: use letter or a4`);
  const started = Date.now();
  const deliver = { month: opts.month, now: (opts.now ?? (() => new Date()))(), practiceName: opts.practiceName ?? DEFAULT_PRACTICE_NAME, timezone: ctx.config.timezone };
  const { bytes, status } = await ctx.warehouse.use(async (conn) => {
    if (format === 'html') {
      const r = await packHtml(conn, deliver);
      return { bytes: Buffer.from(r.html, 'utf8'), status: r.status };
    }
    const r = await packPdf(conn, { ...deliver, size });
    return { bytes: r.pdf, status: r.status };
  });
  const path = resolve(opts.out);
  writeFileSync(path, bytes);
  return { path, bytes: bytes.length, status, ms: Date.now() - started };
}
