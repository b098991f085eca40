// Types for fontkit (PDFKit's font engine, which ships none): the part the glyph test reads.
declare module 'fontkit' {
  export interface Font {
    readonly fullName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
