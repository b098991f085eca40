// Types for fontkit (PDFKit's font engine, which ships none): the parts the pack's fonts
// (reports/pdf/shapedFont.ts) and the glyph test use.
declare module 'fontkit' {
  export interface Glyph {
    readonly id: number;
    readonly codePoints: number[];
    readonly advanceWidth: number;
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    readonly advanceWidth: number;
  }
  export interface Font {
    readonly fullName: string;
    readonly characterSet: number[];
    /** fontkit's own glyph cache (id to glyph), reset before each text is shaped. */
    _glyphs: Record<number, Glyph> | null;
    layout(text: string, ...rest: unknown[]): GlyphRun;
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(bytes: Uint8Array): Font;
  export function openSync(path: string): Font;
}
