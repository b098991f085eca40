/**
 * The pack's typeface, embedded from an npm package (Inter, SIL Open Font License 1.1, from
 * @expo-google-fonts/inter) so a PDF never depends on the fonts of the machine that renders
 * or opens it. Every text in the PDF, charts included, is set in these fonts (subset-embedded
 * by PDFKit, so the text stays selectable and searchable).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { openShapedFont } from './shapedFont.ts';

const require = createRequire(import.meta.url);

/** Font names registered in every pack document. */
export const FONT = { regular: 'Body', semibold: 'Body-Bold', bold: 'Body-Heavy', italic: 'Body-Italic' } as const;

const FILES: Record<(typeof FONT)[keyof typeof FONT], string> = {
  Body: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  'Body-Bold': '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  'Body-Heavy': '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
  'Body-Italic': '@expo-google-fonts/inter/400Regular_Italic/Inter_400Regular_Italic.ttf',
};

let cache: Map<string, Font> | undefined;

/** The four faces, opened once per process (shapedFont.ts: their layouts are shared too). */
function fonts(): Map<string, Font> {
  cache ??= new Map(Object.entries(FILES).map(([name, spec]) => [name, openShapedFont(readFileSync(require.resolve(spec)))]));
  return cache;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  // PDFKit (0.20) takes an opened fontkit font where its types say a file or its bytes.
  for (const [name, font] of fonts()) doc.registerFont(name, font as unknown as Buffer);
  doc.font(FONT.regular);
}

/** For charts: every SVG font family maps to the pack's own fonts, bold to semibold. */
export function svgFont(_family: string, bold: boolean, italic: boolean): string {
  if (bold) return FONT.semibold;
  return italic ? FONT.italic : FONT.regular;
}
