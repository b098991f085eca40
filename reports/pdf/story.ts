/**
 * The pack's first story pages in the PDF: "The month at a glance" (every headline with its
 * change against the prior month and the same month last year as arrows, its budget, target,
 * status and 13-month sparkline, the top three drivers of its move, the commentary, anomalies
 * worth a look). The area pages are area.ts.
 */
import type { Commentary, PackModel, PackStatus, PackTile } from '../model.ts';
import { changeCell, driversLine, driversOf, moveOf, partialNote, STORY_TITLE, type Move } from '../story.ts';
import { statusText } from '../text.ts';
import { commentary } from './blocks.ts';
import { COLOR, type PackPdf } from './frame.ts';
import { drawTable, type TableCell } from './table.ts';

const TONE = { good: COLOR.good, bad: COLOR.bad, neutral: COLOR.ink } as const;
const STATUS_COLOR = { good: COLOR.good, warn: COLOR.warn, bad: COLOR.bad } as const;

/** A headline table's colours: the change columns by their tone, the status column by status. */
export function headlineColors(tiles: readonly PackTile[], moves: readonly Move[], col: { readonly prior: number; readonly yoy: number; readonly status: number }) {
  return (r: number, c: number): string | undefined => {
    if (c === col.prior) return TONE[moves[r]!.prior.tone];
    if (c === col.yoy) return TONE[moves[r]!.yoy.tone];
    const status = tiles[r]!.status;
    return c === col.status && status ? STATUS_COLOR[status] : undefined;
  };
}

/** The headlines with change arrows, budget, target, status and the 13-month trend. */
function glanceTable(pdf: PackPdf, model: PackModel, tiles: readonly PackTile[]): void {
  const moves = tiles.map(moveOf);
  const rows: TableCell[][] = tiles.map((t, i) => {
    const budget = t.comparisons.find((c) => c.key === 'budget')?.value.text ?? '\u2014';
    return [t.label, t.value.text, changeCell(moves[i]!.prior), changeCell(moves[i]!.yoy), budget, t.target.text, statusText(t), { svg: t.sparkline, width: 60, height: 16 }];
  });
  drawTable(pdf, {
    caption: 'Headline measures',
    continued: 'Headline measures',
    columns: [
      { label: 'Measure', align: 'left' },
      { label: model.monthLabel, align: 'right' },
      { label: 'vs prior month', align: 'right' },
      { label: 'vs last year', align: 'right' },
      { label: 'Budget', align: 'right' },
      { label: 'Target', align: 'right' },
      { label: 'Status', align: 'left' },
      { label: '13-month trend', align: 'left' },
    ],
    rows,
    color: headlineColors(tiles, moves, { prior: 2, yoy: 3, status: 6 }),
  });
}

/** Under a headline table: the note naming the headlines whose month is not all loaded, if any. */
export function partialParagraph(pdf: PackPdf, tiles: readonly PackTile[]): void {
  const note = partialNote(tiles);
  if (note) pdf.paragraph(note, { size: 8, color: COLOR.muted, gapAfter: 6 });
}

/**
 * "Why it moved": the top drivers (at most three, as the bridge ranks them) of each of these
 * headlines the pack has a bridge for, one full-width line each so long names wrap readably.
 */
export function driverList(pdf: PackPdf, model: PackModel, tiles: readonly PackTile[], size = 8): void {
  const lines = tiles.flatMap((t) => {
    const d = driversOf(model, t.metricId);
    const text = d ? driversLine(d) : '';
    return d && text ? [`${t.label} (vs ${d.against}): ${text}`] : [];
  });
  if (lines.length === 0) return;
  pdf.heading('Why it moved: the top drivers', 3, 24);
  for (const line of lines) pdf.paragraph(line, { size, gapAfter: 2 });
  pdf.gap(6);
}

export function glancePages(pdf: PackPdf, model: PackModel, opts: { commentary: Commentary; status: PackStatus }): void {
  const overview = model.pages.find((p) => p.id === 'overview');
  pdf.heading(STORY_TITLE, 1);
  pdf.paragraph(`${model.monthLabel}: each headline measure against the prior month and the same month last year (${'\u25B2'} up, ${'\u25BC'} down; green where the move is good news, red where it is not), its target and status${model.story ? ', and the three largest drivers of its move' : ''}.`, { size: 9, color: COLOR.muted, gapAfter: 8 });
  if (overview) glanceTable(pdf, model, overview.tiles);
  if (overview) partialParagraph(pdf, overview.tiles);
  if (overview) driverList(pdf, model, overview.tiles, 8.5);
  commentary(pdf, opts.commentary.overview, opts.status.state === 'draft');
  const anomalies = model.story?.anomalies ?? [];
  if (anomalies.length > 0) {
    pdf.heading('Worth a look', 3, 30);
    for (const a of anomalies) pdf.paragraph(`${a.subject}: ${a.message}${a.likelyExportProblem ? ' Probably an export problem rather than a change in the business.' : ''}`, { size: 8.5, gapAfter: 3 });
    pdf.gap(6);
  }
}
