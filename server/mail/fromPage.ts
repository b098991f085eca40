/**
 * A report email's content from a presented page (dashboards/present): one headline row per
 * tile with the text the page or the pack shows (value, prior, target, status), and the page's
 * charts that are shown (a chart withheld under the cell-size rule is not mailed). The email
 * formats nothing itself, so it says what the page, the PDF and the pack say.
 * - reportFromPage: a dashboard page, presented for the email audience (small cells hidden);
 *   the weekly collections summary.
 * - reportFromPack: the board pack's own presented headlines (the locked ones for an approved
 *   month), so the email body and the attached PDF agree by construction; an approved pack's
 *   note says who approved it and when, in the pack's time zone, labelled, as the PDF's cover does.
 * Example: reportFromPage(await buildPage('collections', ctx), { title: 'Collections as of 2026-11-16' })
 */
import type { PageModel } from '../../dashboards/pages/model.ts';
import { presentPage, type PresentedSection, type PresentedTile } from '../../dashboards/present/index.ts';
import type { PackModel, PackStatus } from '../../reports/model.ts';
import { packZone, statusLine } from '../../reports/text.ts';
import type { ChartSvg, HeadlineRow, Headlines } from './emailBody.ts';

export interface PageReport {
  readonly headlines: Headlines;
  readonly charts: ChartSvg[];
}

export interface ReportOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly note?: string;
  readonly maxCharts?: number;
}

/** A presented tile as a headline row: the same text, nothing formatted again. */
export function headlineRow(t: PresentedTile): HeadlineRow {
  return {
    label: t.label,
    value: t.value.text,
    prior: t.comparisons.find((c) => c.key === 'prior')?.value.text ?? null,
    target: t.target.good === undefined ? null : t.target.text,
    status: t.status,
  };
}

/** A closing line naming the sections that could not be computed, so the email says what the pack shows. */
function failedNote(sections: readonly PresentedSection[]): string | undefined {
  const failed = sections.filter((s) => s.failed !== undefined).map((s) => s.title);
  return failed.length ? `Could not be computed (the error has been logged; every other number is complete): ${failed.join('; ')}.` : undefined;
}

const joinNotes = (...notes: (string | undefined)[]): string | undefined => notes.filter((n) => n).join(' ') || undefined;

const chartsOf = (sections: readonly PresentedSection[], max: number): ChartSvg[] =>
  sections.filter((s) => s.svg).slice(0, max).map((s) => ({ id: s.id, title: s.title, svg: s.svg! }));

export function reportFromPage(page: PageModel, opts: ReportOptions): PageReport {
  const shown = presentPage(page, 'email');
  const note = joinNotes(opts.note, failedNote(shown.sections));
  return {
    headlines: {
      title: opts.title,
      subtitle: opts.subtitle ?? shown.subtitle,
      priorLabel: 'Prior period',
      rows: shown.tiles.map(headlineRow),
      ...(note ? { note } : {}),
    },
    charts: chartsOf(shown.sections, opts.maxCharts ?? 3),
  };
}

/** The board pack's executive summary (its overview page) as the email's headlines and charts. */
export function reportFromPack(model: PackModel, status: PackStatus, opts: ReportOptions): PageReport {
  const overview = model.pages.find((p) => p.id === 'overview');
  const draft = status.state === 'draft';
  const note = draft
    ? 'DRAFT: not approved. The numbers may change until the pack is approved and locked. The draft pack is attached as a PDF.'
    : `${statusLine(status, packZone(model))}. The approved board pack is attached as a PDF.`;
  return {
    headlines: {
      title: draft ? `DRAFT: ${opts.title}` : opts.title,
      subtitle: opts.subtitle ?? `${model.monthLabel}, compared with the prior month`,
      priorLabel: 'Prior month',
      rows: (overview?.tiles ?? []).map(headlineRow),
      note: joinNotes(opts.note ?? note, failedNote(model.pages.flatMap((p) => p.sections)))!,
    },
    charts: chartsOf(overview?.sections ?? [], opts.maxCharts ?? 3),
  };
}
