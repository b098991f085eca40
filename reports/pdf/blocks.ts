/**
 * The recurring blocks of the pack's PDF: the manager's commentary and a dashboard section
 * (heading, intro, vector chart, data table). The headline tables are the story's (story.ts).
 */
import type { PackSection } from '../model.ts';
import { tableAlign, tableHeadings, tableText } from '../text.ts';
import { chartHeight, drawChart } from './chart.ts';
import { FONT } from './fonts.ts';
import { COLOR, type PackPdf } from './frame.ts';
import { drawTable } from './table.ts';

/** The manager's commentary on a part of the pack; a draft says where it is missing. */
export function commentary(pdf: PackPdf, text: string | undefined, draft: boolean): void {
  const body = text?.trim();
  if (!body && !draft) return;
  pdf.heading("Manager's commentary", 3, 24);
  if (!body) {
    pdf.paragraph('No commentary yet.', { font: FONT.italic, color: COLOR.muted, gapAfter: 10 });
    return;
  }
  const height = pdf.textHeight(body, FONT.regular, 9.5, pdf.width - 16);
  if (pdf.y + height + 12 <= pdf.bottom) {
    pdf.doc.rect(pdf.left, pdf.y, pdf.width, height + 12).fill(COLOR.panel);
    pdf.doc.rect(pdf.left, pdf.y, 3, height + 12).fill(COLOR.accent);
  }
  pdf.doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.ink).text(body, pdf.left + 10, pdf.y + 6, { width: pdf.width - 16, lineGap: 1.5 });
  pdf.gap(16);
}

export function section(pdf: PackPdf, s: PackSection): void {
  if (s.failed) {
    pdf.heading(s.title, 2, 40);
    pdf.paragraph(s.failed, { size: 8.5, font: FONT.italic, color: COLOR.ink });
    return;
  }
  const intro = s.intro ?? '';
  const introH = intro ? pdf.textHeight(intro, FONT.regular, 8.5) + 4 : 0;
  pdf.heading(s.title, 2, introH + (s.svg ? chartHeight(pdf, s.svg) : 120));
  if (intro) pdf.paragraph(intro, { size: 8.5, color: COLOR.muted, gapAfter: 4 });
  if (s.svg) drawChart(pdf, s.svg);
  if (s.chartNote) pdf.paragraph(s.chartNote, { size: 8, font: FONT.italic, color: COLOR.muted });
  if (s.table.rows.length === 0) {
    pdf.paragraph('No data for this month.', { size: 8.5, font: FONT.italic, color: COLOR.muted });
    return;
  }
  drawTable(pdf, {
    continued: s.title,
    columns: tableHeadings(s.table).map((label, i) => ({ label, align: tableAlign(s.table)[i]! })),
    rows: tableText(s.table),
  });
  if (s.note) pdf.paragraph(s.note, { size: 7.5, font: FONT.italic, color: COLOR.muted });
  if (s.suppressedCells > 0) {
    pdf.paragraph('"suppressed": a count of patients from 1 to 10, or a cell from which one could be worked out (CMS cell-size rule).', { size: 7.5, font: FONT.italic, color: COLOR.muted });
  }
}
