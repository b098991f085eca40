/**
 * The pack's typeface, embedded from an npm package (Inter, SIL Open Font License 1.1, from
 * @expo-google-fonts/inter) so a PDF never depends on the fonts of the machine that renders
 * or opens it. Every text in the PDF, charts included, is set in these fonts (subset-embedded
 * by PDFKit, so the text stays selectable and searchable).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Font names registered in every pack document. */
export const FONT = { regular: 'Body', semibold: 'Body-Bold', bold: 'Body-Heavy', italic: 'Body-Italic' } as const;

const FILES: Record<(typeof FONT)[keyof typeof FONT], string> = {
  Body: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  'Body-Bold': '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  'Body-Heavy': '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
  'Body-Italic': '@expo-google-fonts/inter/400Regular_Italic/Inter_400Regular_Italic.ttf',
};

let cache: Map<string, Buffer> | undefined;

function fontBytes(): Map<string, Buffer> {
  cache ??= new Map(Object.entries(FILES).map(([name, spec]) => [name, readFileSync(require.resolve(spec))]));
  return cache;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of fontBytes()) doc.registerFont(name, bytes);
  doc.font(FONT.regular);
}

/** For charts: every SVG font family maps to the pack's own fonts, bold to semibold. */
export function svgFont(_family: string, bold: boolean, italic: boolean): string {
  if (bold) return FONT.semibold;
  return italic ? FONT.italic : FONT.regular;
}
