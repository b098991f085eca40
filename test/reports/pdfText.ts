/**
 * Reads a PDF back the way a reader's viewer would (pdfjs-dist, offline): the text of each
 * page, each page's size in points, and the document metadata.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfRead {
  readonly pages: string[];
  readonly sizes: { width: number; height: number }[];
  readonly info: Record<string, unknown>;
}

export async function readPdf(bytes: Buffer): Promise<PdfRead> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const sizes: { width: number; height: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const view = page.getViewport({ scale: 1 });
    sizes.push({ width: Math.round(view.width), height: Math.round(view.height) });
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, sizes, info: meta.info as Record<string, unknown> };
}
