/**
 * The pack's story pages in the PDF: "The month at a glance" (every headline with its change
 * against the prior month and the same month last year as arrows, its budget, target, status
 * and 13-month sparkline, the
 * top three drivers of its move, the commentary, anomalies worth a look) and one page per area
 * (its headlines with the month and its comparisons, its drivers, its commentary and its key
 * charts; the long tables are in the appendix).
 */
import type { Commentary, PackModel, PackPage, PackStatus, PackTile } from '../model.ts';
import { changeCell, driversLine, driversOf, keyCharts, moveOf, STORY_TITLE, type Move } from '../story.ts';
import { statusText } from '../text.ts';
import { commentary } from './blocks.ts';
import { drawChart } from './chart.ts';
import { FONT } from './fonts.ts';
import { COLOR, type PackPdf } from './frame.ts';
import { drawTable, type TableCell } from './table.ts';

const TONE = { good: COLOR.good, bad: COLOR.bad, neutral: COLOR.ink } as const;
const STATUS_COLOR = { good: COLOR.good, warn: COLOR.warn, bad: COLOR.bad } as const;

/** A headline table's colours: the change columns by their tone, the status column by status. */
function headlineColors(tiles: readonly PackTile[], moves: readonly Move[], col: { readonly prior: number; readonly yoy: number; readonly status: number }) {
  return (r: number, c: number): string | undefined => {
    if (c === col.prior) return TONE[moves[r]!.prior.tone];
    if (c === col.yoy) return TONE[moves[r]!.yoy.tone];
    const status = tiles[r]!.status;
    return c === col.status && status ? STATUS_COLOR[status] : undefined;
  };
}

/** The headlines with change arrows, target, status and (when the pack has them) drivers. */
function glanceTable(pdf: PackPdf, model: PackModel, tiles: readonly PackTile[]): void {
  const withDrivers = model.story !== undefined;
  const moves = tiles.map(moveOf);
  const rows: TableCell[][] = tiles.map((t, i) => {
    const d = withDrivers ? driversOf(model, t.metricId) : null;
    const budget = t.comparisons.find((c) => c.key === 'budget')?.value.text ?? '\u2014';
    return [t.label, t.value.text, changeCell(moves[i]!.prior), changeCell(moves[i]!.yoy), budget, t.target.text, statusText(t), { svg: t.sparkline, width: 50, height: 14 }, ...(withDrivers ? [d ? driversLine(d) : ''] : [])];
  });
  drawTable(pdf, {
    caption: 'Headline measures',
    continued: 'Headline measures',
    columns: [
      { label: 'Measure', align: 'left' },
      { label: model.monthLabel, align: 'right' },
      { label: 'vs prior month', align: 'right' },
      { label: 'vs same month last year', align: 'right' },
      { label: 'Budget', align: 'right' },
      { label: 'Target', align: 'right' },
      { label: 'Status', align: 'left' },
      { label: '13-month trend', align: 'left' },
      ...(withDrivers ? [{ label: `Top drivers (vs ${model.story!.comparison === 'yoy' ? 'last year' : model.story!.comparison === 'budget' ? 'budget' : 'prior month'})`, align: 'left' as const }] : []),
    ],
    rows,
    color: headlineColors(tiles, moves, { prior: 2, yoy: 3, status: 6 }),
  });
}

/** The month and its comparisons for an area's headlines, with the change arrows. */
function areaTable(pdf: PackPdf, model: PackModel, tiles: readonly PackTile[]): void {
  const moves = tiles.map(moveOf);
  const value = (t: PackTile, key: string) => t.comparisons.find((c) => c.key === key)?.value.text ?? '\u2014';
  drawTable(pdf, {
    caption: 'The month and its comparisons',
    continued: 'The month and its comparisons',
    columns: [
      { label: 'Measure', align: 'left' },
      { label: model.monthLabel, align: 'right' },
      { label: 'Prior month', align: 'right' },
      { label: 'vs prior', align: 'right' },
      { label: 'Same month last year', align: 'right' },
      { label: 'vs last year', align: 'right' },
      { label: 'Budget', align: 'right' },
      { label: 'Target', align: 'right' },
      { label: 'Status', align: 'left' },
    ],
    rows: tiles.map((t, i) => [t.label, t.value.text, value(t, 'prior'), changeCell(moves[i]!.prior), value(t, 'yoy'), changeCell(moves[i]!.yoy), value(t, 'budget'), t.target.text, statusText(t)]),
    color: headlineColors(tiles, moves, { prior: 3, yoy: 5, status: 8 }),
  });
}

/** "Why it moved": the top drivers of each of these headlines that the pack has a bridge for. */
function driverList(pdf: PackPdf, model: PackModel, tiles: readonly PackTile[]): void {
  const lines = tiles.flatMap((t) => {
    const d = driversOf(model, t.metricId);
    const text = d ? driversLine(d) : '';
    return d && text ? [`${t.label} (vs ${d.against}): ${text}`] : [];
  });
  if (lines.length === 0) return;
  pdf.heading('Why it moved: the top drivers', 3, 30);
  for (const line of lines) pdf.paragraph(line, { size: 8.5, gapAfter: 3 });
  pdf.gap(6);
}

export function glancePages(pdf: PackPdf, model: PackModel, opts: { commentary: Commentary; status: PackStatus }): void {
  const overview = model.pages.find((p) => p.id === 'overview');
  pdf.heading(STORY_TITLE, 1);
  pdf.paragraph(`${model.monthLabel}: each headline measure against the prior month and the same month last year (${'\u25B2'} up, ${'\u25BC'} down; green where the move is good news, red where it is not), its target and status${model.story ? ', and the three largest drivers of its move' : ''}.`, { size: 9, color: COLOR.muted, gapAfter: 8 });
  if (overview) glanceTable(pdf, model, overview.tiles);
  commentary(pdf, opts.commentary.overview, opts.status.state === 'draft');
  const anomalies = model.story?.anomalies ?? [];
  if (anomalies.length > 0) {
    pdf.heading('Worth a look', 3, 30);
    for (const a of anomalies) pdf.paragraph(`${a.subject}: ${a.message}${a.likelyExportProblem ? ' Probably an export problem rather than a change in the business.' : ''}`, { size: 8.5, gapAfter: 3 });
    pdf.gap(6);
  }
}

export function areaPage(pdf: PackPdf, page: PackPage, model: PackModel, opts: { commentary: Commentary; status: PackStatus }): void {
  pdf.heading(page.title, 1);
  pdf.paragraph(`${page.subtitle} ${model.monthLabel}. The tables by month and category are in Appendix A.`, { size: 9, color: COLOR.muted, gapAfter: 8 });
  if (page.tiles.length > 0) areaTable(pdf, model, page.tiles);
  driverList(pdf, model, page.tiles);
  commentary(pdf, opts.commentary[page.id], opts.status.state === 'draft');
  // Key charts kept small enough that an area reads on one page where its table allows.
  for (const s of keyCharts(page)) {
    pdf.heading(s.title, 3, 130);
    drawChart(pdf, s.svg!, 150);
  }
  if (keyCharts(page).length === 0) pdf.paragraph('No chart for this area this month.', { size: 8.5, font: FONT.italic, color: COLOR.muted });
}
