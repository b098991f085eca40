/**
 * The size at which each piece of text of a PDF is set, as a reader's viewer sees it (pdfjs:
 * the font size times the text and drawing transforms), for the first pages of a document.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextSize {
  /** 1-based page number. */
  readonly page: number;
  readonly text: string;
  /** Height of the text in points. */
  readonly size: number;
}

/** Every non-blank text item of pages 1 to `pages` with its size. */
export async function textSizes(bytes: Buffer, pages: number): Promise<TextSize[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const out: TextSize[] = [];
  for (let i = 1; i <= Math.min(pages, doc.numPages); i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const it of content.items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      out.push({ page: i, text: it.str, size: Math.hypot(it.transform[2]!, it.transform[3]!) });
    }
  }
  await doc.destroy();
  return out;
}
