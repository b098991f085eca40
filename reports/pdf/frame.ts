/**
 * The pack as a PDF document: page size and margins, the flow of blocks down the page
 * (a block that does not fit starts a new page), headings and paragraphs in the pack's
 * fonts, and, once everything is laid out, the running header and footer of every page
 * ("Confidential", the status, "Page N of M"). Metadata and the creation date come from the
 * caller, so the same model gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { FONT, registerFonts } from './fonts.ts';

export type PageSize = 'letter' | 'a4';

export const COLOR = {
  ink: '#1b1f24',
  muted: '#57606a',
  line: '#d0d7de',
  zebra: '#f5f7f9',
  accent: '#1d3557',
  good: '#1a7f37',
  warn: '#9a6700',
  bad: '#cf222e',
  panel: '#eef2f7',
} as const;

export interface FrameOptions {
  readonly size: PageSize;
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly keywords: string;
  readonly creationDate: Date;
}

const MARGIN = { top: 58, bottom: 58, left: 50, right: 50 };

export class PackPdf {
  readonly doc: PDFKit.PDFDocument;
  readonly #chunks: Buffer[] = [];
  /** What svg-to-pdfkit could not draw as given (kept for the caller, never printed). */
  readonly warnings: string[] = [];
  readonly warn = (message: string): void => {
    this.warnings.push(message);
  };

  constructor(opts: FrameOptions) {
    this.doc = new PDFDocument({
      size: opts.size === 'a4' ? 'A4' : 'LETTER',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      displayTitle: true,
      lang: 'en-US',
      info: { Title: opts.title, Subject: opts.subject, Author: opts.author, Keywords: opts.keywords, Creator: 'PracticeBoard', Producer: 'PracticeBoard (PDFKit)', CreationDate: opts.creationDate, ModDate: opts.creationDate },
    });
    this.doc.on('data', (c: Buffer) => this.#chunks.push(c));
    registerFonts(this.doc);
    this.doc.fillColor(COLOR.ink);
  }

  get left(): number {
    return MARGIN.left;
  }
  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  /** Height of the text area of a page. */
  get height(): number {
    return this.doc.page.height - MARGIN.top - MARGIN.bottom;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(v: number) {
    this.doc.y = v;
  }
  get pageIndex(): number {
    return this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
  }

  /** Starts a new page unless `height` points still fit on this one; true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  textHeight(text: string, font: string, size: number, width = this.width): number {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: 1.5 });
  }

  /** A heading kept with at least `keepWith` points of what follows it. */
  heading(text: string, level: 1 | 2 | 3, keepWith = 60): void {
    const size = { 1: 18, 2: 12.5, 3: 10 }[level];
    const font = level === 3 ? FONT.semibold : FONT.bold;
    this.ensure(this.textHeight(text, font, size) + keepWith);
    if (level === 2 && this.y > MARGIN.top + 1) this.gap(6);
    this.doc.font(font).fontSize(size).fillColor(level === 1 ? COLOR.accent : COLOR.ink).text(text, MARGIN.left, this.y, { width: this.width, lineGap: 1.5 });
    this.gap(level === 1 ? 4 : 3);
  }

  paragraph(text: string, opts: { size?: number; font?: string; color?: string; gapAfter?: number } = {}): void {
    const size = opts.size ?? 9;
    const font = opts.font ?? FONT.regular;
    this.ensure(Math.min(this.textHeight(text, font, size), 3 * size * 1.4));
    this.doc.font(font).fontSize(size).fillColor(opts.color ?? COLOR.ink).text(text, MARGIN.left, this.y, { width: this.width, lineGap: 1.5 });
    this.gap(opts.gapAfter ?? 6);
  }

  /** Writes the running header and footer on every page and returns the document's bytes. */
  async finish(marks: { header: string; headerColor: string; footer: string }): Promise<Buffer> {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      // Writing in the margins must not start a new page.
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const w = doc.page.width - MARGIN.left - MARGIN.right;
      const fy = doc.page.height - MARGIN.bottom + 22;
      doc.moveTo(MARGIN.left, fy - 6).lineTo(MARGIN.left + w, fy - 6).lineWidth(0.5).strokeColor(COLOR.line).stroke();
      doc.font(FONT.semibold).fontSize(7.5).fillColor(COLOR.bad).text('Confidential', MARGIN.left, fy, { lineBreak: false });
      doc.font(FONT.regular).fillColor(COLOR.muted).text(marks.footer, MARGIN.left + 58, fy, { width: w - 150, lineBreak: false, ellipsis: true });
      doc.text(`Page ${i - start + 1} of ${count}`, MARGIN.left, fy, { width: w, align: 'right', lineBreak: false });
      if (i > start) doc.font(FONT.semibold).fontSize(7.5).fillColor(marks.headerColor).text(marks.header, MARGIN.left, MARGIN.top - 30, { width: w, align: 'right', lineBreak: false });
      doc.page.margins.bottom = saved;
    }
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(this.#chunks)));
      doc.on('error', reject);
    });
    doc.end();
    return done;
  }
}
