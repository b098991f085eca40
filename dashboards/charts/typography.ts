/**
 * The one font of every chart and an estimate of text width in it. Charts are laid out on the
 * server with no font engine, so margins and label fits use `textWidth`, calibrated on Arial
 * (and its metric twin Liberation Sans) so that layout is the same on every machine.
 *
 * API: FONT_FAMILY, FONT_SIZE, HEADING_SIZE, textWidth(text, fontSize?).
 */

/** Arial first; Liberation Sans has the same metrics where Arial is not installed (Linux, PDF). */
export const FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif";
/** Size of axis, legend and label text, in px. */
export const FONT_SIZE = 11;
/** Size of a chart's visible title, in px (bold). */
export const HEADING_SIZE = 13;

/** Average advance of an Arial glyph as a share of the font size, rounded up a little. */
const AVERAGE_ADVANCE = 0.56;

/** Approximate width in px of `text` at `fontSize`, rounded up: `textWidth('Medicare')` is 50. */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return Math.ceil([...text].length * fontSize * AVERAGE_ADVANCE);
}
