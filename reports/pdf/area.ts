/**
 * One page per area of the pack (financial, collections, staffing and access): its headlines
 * in a compact table of the month and its comparisons, the top drivers of each move, the
 * manager's commentary, and its key charts side by side, sized from the room the page has
 * left. What does not fit is never dropped: a key chart with no room on the page is drawn in
 * Appendix A instead, and the page says so ("see Appendix A"). The area therefore ends on the
 * page it starts on, unless the commentary alone is longer than a page.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import type { Commentary, PackModel, PackPage, PackSection, PackStatus, PackTile } from '../model.ts';
import { changeCell, keyCharts, moveOf } from '../story.ts';
import { statusText } from '../text.ts';
import { compactChart } from './areaCharts.ts';
import { commentary } from './blocks.ts';
import { svgSize } from './chart.ts';
import { FONT, svgFont } from './fonts.ts';
import { COLOR, type PackPdf } from './frame.ts';
import { driverList, headlineColors, partialParagraph } from './story.ts';
import { drawTable } from './table.ts';

/** Points of PDF per px of chart: 11 px chart text prints at 6.6 pt, never smaller. */
const CHART_SCALE = 0.6;
/** A chart lower than this (px) would be cramped: it goes to the appendix instead. */
const MIN_CHART_PX = 190;
const MAX_CHART_PX = 420;
const GUTTER = 14;
const POINTER_SIZE = 8;

/** The month and its comparisons for an area's headlines, with the change arrows. */
function areaTable(pdf: PackPdf, model: PackModel, tiles: readonly PackTile[]): void {
  const moves = tiles.map(moveOf);
  const value = (t: PackTile, key: string) => t.comparisons.find((c) => c.key === key)?.value.text ?? '\u2014';
  drawTable(pdf, {
    caption: 'The month and its comparisons',
    continued: 'The month and its comparisons',
    fontSize: 7.5,
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

/** Draws an SVG into a box of `width` x `height` points at the current y. */
function drawSvg(pdf: PackPdf, svg: string, x: number, width: number, height: number): void {
  SVGtoPDF(pdf.doc, svg, x, pdf.y, { width, height, preserveAspectRatio: 'xMinYMin meet', fontCallback: svgFont, warningCallback: pdf.warn });
}

/**
 * The key charts in rows of two, as tall as the room left allows (within bounds); returns the
 * ids of the charts drawn. With too little room (or the page already run over) none is drawn.
 */
function chartRows(pdf: PackPdf, charts: readonly PackSection[], startPage: number): string[] {
  if (charts.length === 0) return [];
  const perRow = Math.min(2, charts.length);
  const rows = Math.ceil(charts.length / perRow);
  const colW = (pdf.width - GUTTER * (perRow - 1)) / perRow;
  const pointerRoom = POINTER_SIZE * 2;
  const room = pdf.bottom - pdf.y - pointerRoom;
  const pxH = Math.min(MAX_CHART_PX, Math.floor((room - 8 * (rows - 1)) / rows / CHART_SCALE));
  if (pdf.pageIndex !== startPage || pxH < MIN_CHART_PX) return [];
  const size = { width: Math.round(colW / CHART_SCALE), height: pxH };
  charts.forEach((s, i) => {
    const svg = compactChart(s, size)!;
    const natural = svgSize(svg);
    const scale = Math.min(colW / natural.width, (pxH * CHART_SCALE) / natural.height);
    drawSvg(pdf, svg, pdf.left + (i % perRow) * (colW + GUTTER), natural.width * scale, natural.height * scale);
    if (i % perRow === perRow - 1 || i === charts.length - 1) pdf.y += pxH * CHART_SCALE + 8;
  });
  return charts.map((s) => s.id);
}

export function areaPage(pdf: PackPdf, page: PackPage, model: PackModel, opts: { commentary: Commentary; status: PackStatus }): Set<string> {
  const startPage = pdf.pageIndex;
  pdf.heading(page.title, 1);
  pdf.paragraph(`${page.subtitle} ${model.monthLabel}. The tables by month and category are in Appendix A.`, { size: 9, color: COLOR.muted, gapAfter: 8 });
  if (page.tiles.length > 0) areaTable(pdf, model, page.tiles);
  partialParagraph(pdf, page.tiles);
  driverList(pdf, model, page.tiles);
  commentary(pdf, opts.commentary[page.id], opts.status.state === 'draft');
  const charts = keyCharts(page);
  const drawn = chartRows(pdf, charts, startPage);
  const moved = charts.filter((s) => !drawn.includes(s.id));
  if (moved.length > 0) {
    pdf.paragraph(`For lack of room on this page, ${moved.map((s) => s.title).join(' and ')}: see Appendix A.`, { size: POINTER_SIZE, font: FONT.italic, color: COLOR.muted });
  } else if (charts.length === 0) {
    pdf.paragraph('No chart for this area this month.', { size: 8.5, font: FONT.italic, color: COLOR.muted });
  }
  return new Set(drawn);
}
