/**
 * The pack's fonts are opened once per process and remember each text's layout
 * (reports/pdf/shapedFont.ts). Held here: a remembered layout is exactly what a freshly opened
 * font gives for that text, in any order and whatever was laid out before (with and without
 * tabular figures); every caller gets its own positions; and a PDF's text reads back with its
 * own characters even when an earlier document in the process drew the same glyph from
 * another code point (Inter draws U+2019 and U+02BC with one glyph).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { PackPdf } from '../../reports/pdf/frame.ts';
import { openShapedFont } from '../../reports/pdf/shapedFont.ts';
import { readPdf } from './pdfText.ts';

const require = createRequire(import.meta.url);
const BYTES = readFileSync(require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'));

// Words a pack writes, ligatures, figures, and code points that share a glyph with another.
const TEXTS = ['Net collection rate', 'office', 'ﬁle', 'file', '1,234,567.89', 'practice\u2019s', 'practice\u02BCs', '\u0394 \u2206', '\u2126 \u03A9', 'A/R > 90 days'];
const TNUM = [['tnum']];

/** What a font opened just now gives for one text: glyph ids, code points and positions. */
function fresh(text: string, ...rest: unknown[]) {
  return summary(fontkit.create(BYTES).layout(text, ...rest));
}

function summary(run: fontkit.GlyphRun) {
  return {
    glyphs: run.glyphs.map((g) => ({ id: g.id, codePoints: [...g.codePoints], advance: g.advanceWidth })),
    positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
    advanceWidth: run.advanceWidth,
  };
}

describe('a pack font that remembers its layouts', () => {
  it('lays out every text as a freshly opened font does, in any order, with and without tabular figures', () => {
    const font = openShapedFont(BYTES);
    for (const order of [TEXTS, [...TEXTS].reverse(), TEXTS]) {
      for (const text of order) {
        expect(summary(font.layout(text)), text).toEqual(fresh(text));
        expect(summary(font.layout(text, ...TNUM)), `${text} (tnum)`).toEqual(fresh(text, ...TNUM));
      }
    }
    // The two shaped differently where figures are proportional: remembered apart.
    expect(summary(font.layout('1,111.11', ...TNUM)).advanceWidth).not.toBe(summary(font.layout('1,111.11')).advanceWidth);
    // One glyph, two code points: each text keeps its own, whichever came first.
    expect(font.layout('\u02BC').glyphs[0]!.id).toBe(font.layout('\u2019').glyphs[0]!.id);
    expect(font.layout('\u2019').glyphs[0]!.codePoints).toEqual([0x2019]);
  });

  it('gives every caller its own positions (PDFKit scales them in place)', () => {
    const font = openShapedFont(BYTES);
    const first = font.layout('Denial rate');
    const width = first.advanceWidth;
    for (const p of first.positions) p.xAdvance *= 1000;
    expect(font.layout('Denial rate').advanceWidth).toBe(width);
  });

  it("writes a PDF whose text reads back with its own characters after another document drew the glyph from another code point", async () => {
    const draw = async (text: string) => {
      const pdf = new PackPdf({ size: 'letter', title: 't', subject: 's', author: 'a', keywords: 'k', creationDate: new Date('2026-11-01T00:00:00Z') });
      pdf.paragraph(text);
      return readPdf(await pdf.finish({ header: 'Confidential', headerColor: '#000000', footer: 'Draft' }));
    };
    expect((await draw('Modifier letter \u02BC only')).pages[0]).toContain('\u02BC');
    const read = await draw('The practice\u2019s collections');
    expect(read.pages[0]).toContain('The practice\u2019s collections');
  });
});
