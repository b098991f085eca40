/**
 * renderPackPdf: a PackModel as the board pack PDF, without a browser. Cover; a one-page
 * executive summary (the overview's headline measures with comparisons, target, status and a
 * sparkline each, and the manager's commentary); restatements of earlier approved packs; one
 * section per dashboard (its headline table, vector charts and data tables, and commentary);
 * data completeness notes; the metric definitions. Every page carries "Confidential", the
 * status and "Page N of M". The same model, options and status give the same bytes.
 */
import type { Commentary, PackModel, PackPage, PackStatus } from '../model.ts';
import { statusLine } from '../text.ts';
import { commentary, section, tileTable } from './blocks.ts';
import { completeness, definitions, restatements } from './backMatter.ts';
import { contents, cover, type ContentsEntry } from './cover.ts';
import { COLOR, PackPdf, type PageSize } from './frame.ts';

export type { PageSize } from './frame.ts';

export interface PdfOptions {
  /** 'letter' (8.5 x 11 in) or 'a4'. */
  readonly pageSize: PageSize;
  /** Commentary by pack section id ('overview', 'financial', ...). */
  readonly commentary: Commentary;
  readonly status: PackStatus;
}

export interface RenderedPdf {
  readonly pdf: Buffer;
  readonly pages: number;
  /** What the SVG renderer could not draw as given; empty when every chart drew cleanly. */
  readonly warnings: readonly string[];
}

function dashboard(pdf: PackPdf, page: PackPage, model: PackModel, opts: PdfOptions, withTiles: boolean): void {
  pdf.heading(page.title, 1);
  pdf.paragraph(`${page.subtitle} ${model.monthLabel}.`, { size: 9, color: COLOR.muted, gapAfter: 8 });
  if (withTiles) {
    commentary(pdf, opts.commentary[page.id], opts.status.state === 'draft');
    if (page.tiles.length > 0) tileTable(pdf, page.tiles, { caption: 'Headline measures', valueLabel: model.monthLabel });
  }
  for (const s of page.sections) section(pdf, s);
}

export async function renderPack(model: PackModel, opts: PdfOptions): Promise<RenderedPdf> {
  const draft = opts.status.state === 'draft';
  const pdf = new PackPdf({
    size: opts.pageSize,
    title: `${model.practiceName}: board pack, ${model.monthLabel}${draft ? ' (draft)' : ''}`,
    subject: `Month-end board pack for ${model.monthLabel}: financial review, collections, staffing and access. Confidential.`,
    author: opts.status.state === 'approved' ? opts.status.approvedBy : model.practiceName,
    keywords: `board pack, ${model.month}, confidential`,
    creationDate: new Date(opts.status.state === 'approved' ? opts.status.approvedAt : model.generatedAt),
  });
  const entries: ContentsEntry[] = [];
  const start = (title: string) => {
    pdf.newPage();
    entries.push({ title, pageIndex: pdf.pageIndex });
  };
  const contentsY = cover(pdf, model, opts.status);

  const overview = model.pages.find((p) => p.id === 'overview');
  start('Executive summary');
  pdf.heading('Executive summary', 1);
  pdf.paragraph(`${model.monthLabel}, compared with the prior month, the same month last year, the budget and the target.`, { size: 9, color: COLOR.muted, gapAfter: 8 });
  if (overview) tileTable(pdf, overview.tiles, { caption: 'Headline measures', valueLabel: model.monthLabel });
  commentary(pdf, opts.commentary.overview, draft);
  restatements(pdf, model);

  for (const page of model.pages) {
    if (page.id === 'overview' && page.sections.length === 0) continue;
    start(page.title);
    dashboard(pdf, page, model, opts, page.id !== 'overview');
  }
  start('Data completeness');
  completeness(pdf, model);
  start('Appendix: metric definitions');
  definitions(pdf, model);

  contents(pdf, contentsY, entries);
  const pages = pdf.doc.bufferedPageRange().count;
  const bytes = await pdf.finish({
    header: draft ? 'DRAFT: not approved' : statusLine(opts.status),
    headerColor: draft ? COLOR.bad : COLOR.muted,
    footer: `${model.practiceName} · Board pack, ${model.monthLabel}`,
  });
  return { pdf: bytes, pages, warnings: pdf.warnings };
}

/** The pack as PDF bytes. */
export async function renderPackPdf(model: PackModel, opts: PdfOptions): Promise<Buffer> {
  return (await renderPack(model, opts)).pdf;
}
