/**
 * A chart legend drawn inside the SVG (Plot's own legends are HTML, which a standalone SVG
 * and the PDF cannot carry). Entries flow left to right and wrap to new rows within the width.
 * Shapes are redundant with colour: a dashed line for a comparison series reads in greyscale.
 *
 * API: LegendItem, LEGEND_ROW_HEIGHT, legendGroup(doc, items, width).
 */
import { element, type SvgDocument, type SvgElement } from './svg.ts';
import { textWidth } from './typography.ts';

/** A legend entry: a filled square (`rect`, default), a solid line, or a dashed line, then the label. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly shape?: 'rect' | 'line' | 'dashed';
}

export const LEGEND_ROW_HEIGHT = 18;
const SWATCH = 14;
const GAP = 16;

/** The legend as a `<g>` at the origin, and how many rows it takes. */
export function legendGroup(doc: SvgDocument, items: readonly LegendItem[], width: number): { group: SvgElement; rows: number } {
  const group = element(doc, 'g', { 'aria-label': 'legend', 'text-anchor': 'start' });
  let x = 0;
  let row = 0;
  for (const item of items) {
    const advance = SWATCH + 4 + textWidth(item.label) + GAP;
    if (x > 0 && x + advance - GAP > width) [x, row] = [0, row + 1];
    const y = row * LEGEND_ROW_HEIGHT;
    const shape = item.shape ?? 'rect';
    group.appendChild(
      shape === 'rect'
        ? element(doc, 'rect', { x, y: y + 2, width: SWATCH - 2, height: 10, fill: item.color })
        : element(doc, 'line', {
            x1: x, x2: x + SWATCH, y1: y + 7, y2: y + 7, stroke: item.color, 'stroke-width': 2.5,
            ...(shape === 'dashed' ? { 'stroke-dasharray': '5,3' } : {}),
          }),
    );
    group.appendChild(element(doc, 'text', { x: x + SWATCH + 4, y: y + 11, fill: 'currentColor' }, item.label));
    x += advance;
  }
  return { group, rows: row + 1 };
}
