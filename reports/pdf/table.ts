/**
 * Tables in the PDF: columns sized to their content within the page width (text columns wrap at
 * word boundaries, numbers never break and align right in tabular figures; a table too wide for
 * the page is set smaller rather than break a number), zebra rows, and a table that runs
 * past the foot of a page continues on the next one under its caption marked "(continued)"
 * and its header row repeated. A cell may hold a small vector chart (a sparkline).
 */
import SVGtoPDF from 'svg-to-pdfkit';
import { FONT, svgFont } from './fonts.ts';
import { COLOR, type PackPdf } from './frame.ts';

export interface SvgCell {
  readonly svg: string | null;
  readonly width: number;
  readonly height: number;
}
export type TableCell = string | SvgCell;

export interface TableColumn {
  readonly label: string;
  readonly align: 'left' | 'right';
}

export interface TableSpec {
  /** Printed above the table. */
  readonly caption?: string;
  /** Printed above the repeated header on a continuation page, followed by "(continued)". */
  readonly continued: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
  /** Text colour of a cell, when not the ink. */
  readonly color?: (row: number, col: number) => string | undefined;
  readonly fontSize?: number;
}

const PAD_X = 4;
const PAD_Y = 3;
const HEADER_SIZE_DELTA = 0.5;
const isSvg = (c: TableCell): c is SvgCell => typeof c !== 'string';

/** Column widths at `size`, or null when the columns cannot fit the width without breaking a number or a word. */
function columnWidths(pdf: PackPdf, spec: TableSpec, size: number): number[] | null {
  const doc = pdf.doc;
  // Numbers are set in tabular figures, which are wider: measure them so.
  const widthOf = (text: string, font: string, s: number, tnum = false) => doc.font(font).fontSize(s).widthOfString(text, tnum ? { features: ['tnum'] } : {});
  const hs = size - HEADER_SIZE_DELTA;
  const natural = spec.columns.map((col, i) => {
    const cells = spec.rows.map((r) => r[i] ?? '');
    const content = Math.max(0, ...cells.map((c) => (isSvg(c) ? c.width : widthOf(c, FONT.regular, size, col.align === 'right')))) + 0.5;
    const headerFull = widthOf(col.label, FONT.semibold, hs);
    const headerWord = Math.max(...col.label.split(/\s+/).map((w) => widthOf(w, FONT.semibold, hs)));
    const longestWord = Math.max(0, ...cells.filter((c): c is string => !isSvg(c)).flatMap((c) => c.split(/\s+/)).map((w) => widthOf(w, FONT.regular, size)));
    const wraps = col.align === 'left' && !cells.some(isSvg);
    // Short labels stay on one line; long text wraps at a readable width.
    const min = Math.max(headerWord, wraps ? Math.min(content, Math.max(longestWord, 72)) : content) + 2 * PAD_X;
    // A header over narrow cells (a dash, a short number) wraps onto two lines at most where it can.
    const want = Math.max(min, Math.max(content, Math.min(headerFull, Math.max(1.6 * content + 20, 0.55 * headerFull))) + 2 * PAD_X);
    return { min, want };
  });
  const total = natural.reduce((n, c) => n + c.want, 0);
  if (total <= pdf.width) {
    // A narrow table stays narrow (numbers near their labels), with some air per column.
    const target = Math.min(pdf.width, Math.max(total + 28 * natural.length, 0.55 * pdf.width));
    const extra = (target - total) / natural.length;
    return natural.map((c) => c.want + extra);
  }
  const slack = natural.reduce((n, c) => n + (c.want - c.min), 0);
  const over = total - pdf.width;
  // A number is never broken over two lines, nor a word or header word cut: below the minimum, a smaller size.
  if (over > slack) return null;
  return natural.map((c) => c.want - (slack > 0 ? ((c.want - c.min) / slack) * over : 0));
}

/** The smallest readable size; a table that does not fit at it still never breaks a number. */
const MIN_SIZE = 5.5;

/** The largest size from `size` down (by half points) at which the table fits, with its widths. */
function fit(pdf: PackPdf, spec: TableSpec, size: number): { size: number; widths: number[] } {
  for (let s = size; s >= MIN_SIZE; s -= 0.5) {
    const widths = columnWidths(pdf, spec, s);
    if (widths) return { size: s, widths };
  }
  // Too wide even so: squeezed to the page, and said (a renderer's warning fails the pack's tests).
  pdf.warn(`table "${spec.continued}" does not fit the page width at ${MIN_SIZE} pt: a number may break`);
  const natural = spec.columns.map((_, i) => Math.max(1, ...spec.rows.map((r) => {
    const c = r[i] ?? '';
    return isSvg(c) ? c.width : pdf.doc.font(FONT.regular).fontSize(MIN_SIZE).widthOfString(c);
  })) + 2 * PAD_X);
  const sum = natural.reduce((a, b) => a + b, 0);
  return { size: MIN_SIZE, widths: natural.map((w) => (w * pdf.width) / sum) };
}

export function drawTable(pdf: PackPdf, spec: TableSpec): void {
  const doc = pdf.doc;
  const { size, widths } = fit(pdf, spec, spec.fontSize ?? 8);
  const xs = widths.map((_, i) => pdf.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const tableW = widths.reduce((a, b) => a + b, 0);
  const textOpts = (i: number) => ({ width: widths[i]! - 2 * PAD_X, align: spec.columns[i]!.align, lineGap: 1 });
  const cellHeight = (c: TableCell, i: number, font: string, s: number) =>
    isSvg(c) ? c.height : doc.font(font).fontSize(s).heightOfString(c === '' ? ' ' : c, textOpts(i));
  const headerH = Math.max(...spec.columns.map((c, i) => cellHeight(c.label, i, FONT.semibold, size - HEADER_SIZE_DELTA))) + 2 * PAD_Y;
  const rowH = spec.rows.map((r) => Math.max(...r.map((c, i) => cellHeight(c, i, FONT.regular, size))) + 2 * PAD_Y);
  const captionH = spec.caption ? pdf.textHeight(spec.caption, FONT.semibold, 8.5) + 3 : 0;

  const header = (continued: boolean) => {
    const caption = continued ? `${spec.continued} (continued)` : spec.caption;
    if (caption) {
      doc.font(FONT.semibold).fontSize(8.5).fillColor(COLOR.ink).text(caption, pdf.left, pdf.y, { width: pdf.width });
      pdf.gap(3);
    }
    const y = pdf.y;
    doc.rect(pdf.left, y, tableW, headerH).fill(COLOR.panel);
    spec.columns.forEach((c, i) => doc.font(FONT.semibold).fontSize(size - HEADER_SIZE_DELTA).fillColor(COLOR.muted).text(c.label, xs[i]! + PAD_X, y + PAD_Y, textOpts(i)));
    doc.moveTo(pdf.left, y + headerH).lineTo(pdf.left + tableW, y + headerH).lineWidth(0.6).strokeColor(COLOR.muted).stroke();
    pdf.y = y + headerH;
  };

  // A short table is kept whole; a long one keeps its caption and header with the first rows.
  const whole = captionH + headerH + rowH.reduce((a, b) => a + b, 0);
  const moved = pdf.ensure(whole <= 0.45 * pdf.height ? whole : captionH + headerH + rowH.slice(0, 3).reduce((a, b) => a + b, 0));
  // Moved away from its heading: say whose table it is.
  header(moved && !spec.caption);
  spec.rows.forEach((row, r) => {
    if (pdf.y + rowH[r]! > pdf.bottom) {
      pdf.newPage();
      header(true);
    }
    const y = pdf.y;
    if (r % 2 === 1) doc.rect(pdf.left, y, tableW, rowH[r]!).fill(COLOR.zebra);
    row.forEach((c, i) => {
      if (isSvg(c)) {
        if (c.svg) SVGtoPDF(doc, c.svg, xs[i]! + PAD_X, y + PAD_Y, { width: c.width, height: c.height, preserveAspectRatio: 'xMidYMid meet', fontCallback: svgFont, warningCallback: pdf.warn });
        return;
      }
      const numeric = spec.columns[i]!.align === 'right';
      doc.font(FONT.regular).fontSize(size).fillColor(spec.color?.(r, i) ?? COLOR.ink);
      doc.text(c, xs[i]! + PAD_X, y + PAD_Y, { ...textOpts(i), ...(numeric ? { features: ['tnum' as const] } : {}) });
    });
    doc.moveTo(pdf.left, y + rowH[r]!).lineTo(pdf.left + tableW, y + rowH[r]!).lineWidth(0.3).strokeColor(COLOR.line).stroke();
    pdf.y = y + rowH[r]!;
  });
  pdf.gap(10);
}
