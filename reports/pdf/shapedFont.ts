/**
 * A pack font opened once per process, whose text layout is remembered across documents.
 *
 * Shaping a word (fontkit's OpenType GSUB/GPOS pass) is most of the CPU a board pack costs, and
 * PDFKit remembers it only within one document: the email's PDF, the locked pack and each
 * draft downloaded after a load lay out the same labels again each time. Here every face is
 * parsed once and each distinct text is shaped once per process (up to MAX_RUNS texts per face,
 * then the memory starts over).
 *
 * Guarantees:
 * - the same text gives the same glyphs, positions and code points whatever was laid out
 *   before it, in this document or another: each text is shaped on an empty glyph cache (fontkit
 *   keeps a glyph's code points from the first text that reached it, and some glyphs are reached
 *   from two code points, e.g. U+2019 and U+02BC), so a document's bytes never depend on the
 *   process's history;
 * - every call returns its own copy of the run: PDFKit scales the positions it is given in place;
 * - a text laid out with OpenType features (tabular figures) is remembered apart from the same
 *   text without them.
 */
import * as fontkit from 'fontkit';

/** Distinct texts remembered per face before the memory starts over (a pack has a few thousand). */
export const MAX_RUNS = 20_000;

/** Opens the font file's bytes; `layout` is remembered as above. */
export function openShapedFont(bytes: Buffer): fontkit.Font {
  const font = fontkit.create(bytes);
  if (typeof font._glyphs !== 'object' || font._glyphs === null) throw new Error('fontkit no longer keeps a glyph cache in _glyphs: check reports/pdf/shapedFont.ts against the installed fontkit');
  const shape = font.layout.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  font.layout = (text: string, ...rest: unknown[]): fontkit.GlyphRun => {
    // PDFKit passes OpenType features (e.g. tabular figures) only when a text asks for its own.
    const key = rest.some((r) => r !== undefined) ? `${JSON.stringify(rest)}\u0000${text}` : text;
    let run = runs.get(key);
    if (!run) {
      if (runs.size >= MAX_RUNS) runs.clear();
      font._glyphs = {};
      run = shape(text, ...rest);
      runs.set(key, run);
    }
    return copyRun(run);
  };
  return font;
}

/** A run with the same glyphs (read, never written, by PDFKit) and its own positions. */
function copyRun(run: fontkit.GlyphRun): fontkit.GlyphRun {
  const copy: fontkit.GlyphRun = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as fontkit.GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as fontkit.GlyphPosition, p));
  return copy;
}
