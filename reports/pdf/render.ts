/**
 * renderPackPdf: a PackModel as the board pack PDF, without a browser, told as a story. Cover
 * and contents; "The month at a glance" (pages 1-2 after the cover: every headline's change vs
 * the prior month and last year, target, status, the top drivers and the commentary);
 * restatements of earlier approved packs; one page per area (financial, collections, staffing
 * and access: its headlines and comparisons, drivers, commentary and key charts); Appendix A,
 * every section's chart and long month-by-category table (headers repeated across pages); data
 * completeness; Appendix B, the metric definitions. Every page carries "Confidential", the
 * status and "Page N of M". The same model, options and status give the same bytes.
 */
import type { Commentary, PackModel, PackStatus } from '../model.ts';
import { APPENDIX_DEFINITIONS_TITLE, APPENDIX_TABLES_TITLE, areaPages, STORY_TITLE } from '../story.ts';
import { areaPage } from './area.ts';
import { packZone, statusLine } from '../text.ts';
import { section } from './blocks.ts';
import { completeness, definitions, restatements } from './backMatter.ts';
import { contents, cover, type ContentsEntry } from './cover.ts';
import { COLOR, PackPdf, type PageSize } from './frame.ts';
import { glancePages } from './story.ts';

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

  start(STORY_TITLE);
  glancePages(pdf, model, opts);
  restatements(pdf, model);

  // Key charts drawn on their area's page; the appendix draws the rest.
  const onAreaPages = new Map<string, Set<string>>();
  for (const page of areaPages(model)) {
    start(page.title);
    onAreaPages.set(page.id, areaPage(pdf, page, model, opts));
  }

  start(APPENDIX_TABLES_TITLE);
  pdf.heading(APPENDIX_TABLES_TITLE, 1);
  pdf.paragraph('Every section of the dashboards for the month: its chart (where not already on the area page) and its full table.', { size: 9, color: COLOR.muted, gapAfter: 8 });
  for (const page of model.pages) {
    if (page.sections.length === 0) continue;
    pdf.heading(page.id === 'overview' ? 'Overview' : page.title, 2, 80);
    for (const s of page.sections) section(pdf, onAreaPages.get(page.id)?.has(s.id) ? { ...s, svg: undefined } : s);
  }
  start('Data completeness');
  completeness(pdf, model);
  start(APPENDIX_DEFINITIONS_TITLE);
  definitions(pdf, model, APPENDIX_DEFINITIONS_TITLE);

  contents(pdf, contentsY, entries);
  const pages = pdf.doc.bufferedPageRange().count;
  const bytes = await pdf.finish({
    header: draft ? 'DRAFT: not approved' : statusLine(opts.status, packZone(model)),
    headerColor: draft ? COLOR.bad : COLOR.muted,
    footer: `${model.practiceName} · Board pack, ${model.monthLabel}`,
  });
  return { pdf: bytes, pages, warnings: pdf.warnings };
}

/** The pack as PDF bytes. */
export async function renderPackPdf(model: PackModel, opts: PdfOptions): Promise<Buffer> {
  return (await renderPack(model, opts)).pdf;
}
