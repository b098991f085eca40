/**
 * What each scheduled job does, as the scheduler's `runJob`. The work itself comes in as
 * functions (the ETL's scan, the board pack's builder, the collections headlines), so this
 * module depends on no report code and tests pass small fakes:
 * - inbox-scan: loads whatever the inbox holds.
 * - restatement-check: the nightly restatement detection step (it also runs after every load).
 * - board-pack: builds the pack of the month before the run's schedule slot (a manual run: before
 *   today), in the practice's time zone, and emails its headline table and charts with the PDF:
 *   an approved pack to the board, a draft (marked DRAFT) to the draft recipients only.
 * - collections-summary: emails the collections headline table as of the slot's (or today's) date.
 * A retry of the same run reuses what the failed attempt built, so a mail server that was down
 * costs a resend, not a rebuild.
 */
import { renderEmailBody, type ChartSvg, type Headlines } from '../mail/emailBody.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SvgToPngOptions } from '../mail/svgToPng.ts';
import { UnknownJobError } from './errors.ts';
import type { RunJob } from './execute.ts';
import { localDate, previousMonth } from '../../core/localTime.ts';

export interface ReportContent {
  readonly headlines: Headlines;
  readonly charts: readonly ChartSvg[];
}

export interface BoardPackContent extends ReportContent {
  /** The rendered board pack. */
  readonly pdf: Buffer;
  /** A month not yet approved: mailed, marked DRAFT, to the draft recipients (managers), never to the board. */
  readonly draft?: boolean;
}

export interface JobRunnerDeps {
  readonly timezone: string;
  readonly clock: () => Date;
  /** The inbox scan. Example: () => ctx.etl.scan(). */
  readonly scanInbox: () => Promise<unknown>;
  /** The restatement detection step (server/restatementStep.ts). Example: () => detectAfterLoad(ctx, pool, clock). */
  readonly restatementCheck: () => Promise<void>;
  /** The pack of `month` (YYYY-MM): headlines, charts and PDF. Wired from buildPackModel + renderPackPdf. */
  readonly boardPack: (month: string) => Promise<BoardPackContent>;
  /** The collections headlines as of `asOf` (YYYY-MM-DD). Wired from the collections page's tiles. */
  readonly collectionsSummary: (asOf: string) => Promise<ReportContent>;
  readonly mailer: Pick<Mailer, 'sendReport'>;
  readonly recipients: Readonly<Record<'board-pack' | 'collections-summary', readonly string[]>> & { readonly 'board-pack-draft'?: readonly string[] };
  readonly png?: SvgToPngOptions;
}

const MONTH = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export const monthTitle = (month: string): string => MONTH.format(new Date(`${month}-01T00:00:00Z`));

export function createJobRunner(deps: JobRunnerDeps): RunJob {
  let built: { runId: string; content: unknown } | null = null;
  async function once<T>(runId: string, build: () => Promise<T>): Promise<T> {
    if (built?.runId === runId) return built.content as T;
    const content = await build();
    built = { runId, content };
    return content;
  }

  return async (id, _trigger, run) => {
    switch (id) {
      case 'inbox-scan':
        await deps.scanInbox();
        return;
      case 'restatement-check':
        await deps.restatementCheck();
        return;
      case 'board-pack': {
        const month = previousMonth(run.scheduledFor ?? deps.clock(), deps.timezone);
        const pack = await once(run.runId, () => deps.boardPack(month));
        const body = renderEmailBody(pack.headlines, pack.charts, deps.png);
        await deps.mailer.sendReport({
          report: id,
          runId: run.runId,
          to: pack.draft ? (deps.recipients['board-pack-draft'] ?? []) : deps.recipients['board-pack'],
          subject: `${pack.draft ? 'DRAFT: ' : ''}Board pack, ${monthTitle(month)}`,
          html: body.html,
          text: body.text,
          inlineImages: body.inlineImages,
          attachments: [{ filename: `board-pack-${month}${pack.draft ? '-DRAFT' : ''}.pdf`, content: pack.pdf, contentType: 'application/pdf' }],
        });
        return;
      }
      case 'collections-summary': {
        const asOf = localDate(run.scheduledFor ?? deps.clock(), deps.timezone);
        const summary = await once(run.runId, () => deps.collectionsSummary(asOf));
        const body = renderEmailBody(summary.headlines, summary.charts, deps.png);
        await deps.mailer.sendReport({
          report: id,
          runId: run.runId,
          to: deps.recipients['collections-summary'],
          subject: `Collections summary as of ${asOf}`,
          html: body.html,
          text: body.text,
          inlineImages: body.inlineImages,
        });
        return;
      }
      default:
        throw new UnknownJobError(id, ['inbox-scan', 'restatement-check', 'board-pack', 'collections-summary']);
    }
  };
}
