/**
 * The cover of the pack: practice, "Board pack", the month, "Confidential", whether it is a
 * draft or approved (by whom, when), when it was prepared, and the contents with page
 * numbers, written in once the rest is laid out.
 */
import type { PackModel, PackStatus } from '../model.ts';
import { packZone, preparedLine, statusLine } from '../text.ts';
import { FONT } from './fonts.ts';
import { COLOR, type PackPdf } from './frame.ts';

export interface ContentsEntry {
  readonly title: string;
  readonly pageIndex: number;
}

const BAND = 250;

/** Draws the cover on the current (first) page; returns where the contents go. */
export function cover(pdf: PackPdf, model: PackModel, status: PackStatus): number {
  const doc = pdf.doc;
  const w = doc.page.width;
  doc.rect(0, 0, w, BAND).fill(COLOR.accent);
  doc.font(FONT.semibold).fontSize(13).fillColor('#c9d6e8').text(model.practiceName, pdf.left, 78, { width: pdf.width });
  doc.font(FONT.bold).fontSize(34).fillColor('#ffffff').text('Board pack', pdf.left, 104, { width: pdf.width });
  doc.font(FONT.regular).fontSize(22).fillColor('#ffffff').text(model.monthLabel, pdf.left, 152, { width: pdf.width });

  let y = BAND + 36;
  doc.font(FONT.bold).fontSize(11);
  const cw = doc.widthOfString('CONFIDENTIAL') + 20;
  doc.rect(pdf.left, y, cw, 22).lineWidth(1.2).strokeColor(COLOR.bad).stroke();
  doc.fillColor(COLOR.bad).text('CONFIDENTIAL', pdf.left + 10, y + 5.5, { lineBreak: false });
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text('Confidential: for the board and investors only. Not to be copied or passed on.', pdf.left + cw + 12, y + 6.5, { width: pdf.width - cw - 12 });
  y += 44;
  const approved = status.state === 'approved';
  doc.font(FONT.bold).fontSize(12).fillColor(approved ? COLOR.good : COLOR.bad).text(approved ? 'Approved' : 'DRAFT', pdf.left, y);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.ink).text(approved ? statusLine(status, packZone(model)) : 'Not approved: the numbers may change until the pack is approved and locked.', pdf.left, y + 18, { width: pdf.width });
  doc.fillColor(COLOR.muted).fontSize(9).text(preparedLine(model), pdf.left, y + 36, { width: pdf.width });
  return y + 80;
}

export function contents(pdf: PackPdf, y: number, entries: readonly ContentsEntry[]): void {
  const doc = pdf.doc;
  doc.switchToPage(0);
  doc.font(FONT.bold).fontSize(12).fillColor(COLOR.ink).text('Contents', pdf.left, y, { lineBreak: false });
  let line = y + 22;
  for (const e of entries) {
    doc.font(FONT.regular).fontSize(10).fillColor(COLOR.ink).text(e.title, pdf.left, line, { width: pdf.width - 60, lineBreak: false });
    doc.fillColor(COLOR.muted).text(String(e.pageIndex + 1), pdf.left, line, { width: pdf.width, align: 'right', lineBreak: false });
    doc.moveTo(pdf.left, line + 14).lineTo(pdf.left + pdf.width, line + 14).lineWidth(0.3).strokeColor(COLOR.line).stroke();
    line += 20;
  }
}
