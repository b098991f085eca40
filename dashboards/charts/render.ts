/**
 * Renders an Observable Plot spec to a standalone SVG string on the server (linkedom as the
 * DOM), so charts work with JavaScript off, print, and go into the board-pack PDF unchanged.
 *
 * Every chart it returns:
 * - is one well-formed `<svg>` with `xmlns`, a fixed width, height and viewBox, the house font;
 * - starts with `<title>` (the chart title) and `<desc>` (a description for a screen reader),
 *   carries `role="img"` (`role="group"` when it holds drill-down links), `aria-label` and `aria-description`, and draws the title as a visible
 *   heading (unless `heading: false`) and the legend of `frame.legend`, both inside the SVG;
 * - is deterministic: a fixed class name, element ids re-indexed to `<frame.id>-1`, `-2`, ...
 *   (references rewritten; unique on a page when chart ids are), geometry rounded to 0.01 px;
 * - was drawn without a Plot warning: a warning throws (Plot would print a ⚠ into the chart).
 * Tooltips come from Plot's `title` channel, drawn as a native `<title>` on each mark: it shows
 * on hover with JavaScript on or off. (Plot's interactive `tip` mark needs Plot running in the
 * browser, which a server-rendered SVG has not; the `title` channel is what survives.)
 *
 * API: renderChart(spec, frame), noDataChart(frame, message?), ChartFrame, LegendItem.
 */
import * as Plot from '@observablehq/plot';
import { LEGEND_ROW_HEIGHT, legendGroup, type LegendItem } from './legend.ts';
import { ROLE } from './palette.ts';
import { SVG_NS, createDocument, element, reindexIds, roundGeometry, serialize, type SvgElement } from './svg.ts';
import { FONT_FAMILY, FONT_SIZE, HEADING_SIZE } from './typography.ts';

export type { LegendItem } from './legend.ts';

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/**
 * What every chart has besides its marks. Example:
 * `{ id: 'collections-trend', title: 'Collections by month', description: 'Payments rose from $1.1M to $1.3M.', width: 640, height: 300 }`
 */
export interface ChartFrame {
  /** Stable slug, unique on a page (`[a-z][a-z0-9-]*`): the prefix of the SVG's element ids. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly width: number;
  readonly height: number;
  /** Draw the title as a visible heading; default true (false for a sparkline in a tile). */
  readonly heading?: boolean;
  readonly legend?: readonly LegendItem[];
}

/** `text` in lines of at most `max` characters, broken between words (a longer word keeps its own line). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

/** Runs Plot, turning its console warnings into an error. */
function plotWithoutWarnings(spec: Plot.PlotOptions, id: string): SvgElement {
  const warnings: string[] = [];
  const consoleWarn = console.warn;
  // Plot reports problems through console.warn while plot() runs, synchronously; collect them.
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  let svg: SvgElement;
  try {
    svg = Plot.plot(spec) as unknown as SvgElement;
  } finally {
    console.warn = consoleWarn;
  }
  if (warnings.length > 0) throw new Error(`chart ${id}: Plot warned: ${warnings.join('; ')}`);
  if (svg.localName !== 'svg') throw new Error(`chart ${id}: Plot made a <${svg.localName}>; give the legend in frame.legend, not to Plot`);
  return svg;
}

/** `spec` drawn in `frame`, as an SVG string. Throws on a Plot warning or a spec that needs HTML (a Plot legend). */
export function renderChart(spec: Plot.PlotOptions, frame: ChartFrame): string {
  if (!ID_PATTERN.test(frame.id)) throw new Error(`chart id must match ${ID_PATTERN}: ${JSON.stringify(frame.id)}`);
  if (!(frame.width > 0 && frame.height > 0)) throw new Error(`chart ${frame.id}: width and height must be positive`);
  const document = createDocument();
  const heading = frame.heading ?? true;
  // A heading wider than the chart wraps at word boundaries (a phone's 360 px chart), never cut.
  const headingLines = heading ? wrapWords(frame.title, Math.floor(frame.width / (HEADING_SIZE * 0.6))) : [];
  const headingHeight = heading ? headingLines.length * (HEADING_SIZE + 4) + 6 : 0;
  const legend = frame.legend?.length ? legendGroup(document, frame.legend, frame.width) : null;
  const top = headingHeight + (legend ? legend.rows * LEGEND_ROW_HEIGHT + 4 : 0);
  if (frame.height - top < 20) throw new Error(`chart ${frame.id}: height ${frame.height} leaves no room below the heading and legend`);

  const svg = plotWithoutWarnings(
    { ...spec, document, width: frame.width, height: frame.height - top, className: 'pb-chart', title: undefined, subtitle: undefined, caption: undefined } as Plot.PlotOptions,
    frame.id,
  );
  // Plot's own children (after its <style>) move into a body group below the heading and legend.
  const style = svg.firstChild;
  const body = element(document, 'g', { transform: `translate(0,${top})` });
  for (const child of Array.from(svg.childNodes)) if (child !== style) body.appendChild(child);
  svg.insertBefore(element(document, 'title', {}, frame.title), style);
  svg.insertBefore(element(document, 'desc', {}, frame.description), style);
  headingLines.forEach((line, i) => {
    svg.appendChild(element(document, 'text', { x: 0, y: HEADING_SIZE + i * (HEADING_SIZE + 4), 'font-size': HEADING_SIZE, 'font-weight': 'bold', 'text-anchor': 'start', 'aria-hidden': 'true' }, line));
  });
  if (legend) {
    legend.group.setAttribute('transform', `translate(0,${headingHeight})`);
    svg.appendChild(legend.group);
  }
  svg.appendChild(body);

  // A chart with drill-down links is a group of links, not an image: an image's children are
  // hidden from assistive technology, so its links would be unreachable (axe: nested-interactive).
  const interactive = svg.querySelectorAll('a').length > 0;
  // Plot labels its mark groups with aria-label, which is invalid on a <g> without a role.
  for (const g of Array.from(svg.querySelectorAll('g[aria-label]'))) g.setAttribute('role', 'group');
  const attributes = {
    xmlns: SVG_NS, role: interactive ? 'group' : 'img', width: frame.width, height: frame.height, viewBox: `0 0 ${frame.width} ${frame.height}`,
    'aria-label': frame.title, 'aria-description': frame.description,
    'font-family': FONT_FAMILY, 'font-size': FONT_SIZE, color: ROLE.ink,
  };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, String(value));
  reindexIds(svg, frame.id);
  roundGeometry(svg);
  return serialize(svg);
}

/** Height of every chart that has no data (a sparkline keeps its own): one empty state everywhere. */
export const NO_DATA_HEIGHT = 120;

/**
 * The chart's frame with a centred message and no axes, for a selection with no data to draw
 * (no rows, or every value missing or zero). Every such chart has the same height and message;
 * a sparkline (no heading) keeps its small frame.
 */
export function noDataChart(frame: ChartFrame, message = 'No data for this selection'): string {
  return renderChart(
    { x: { axis: null }, y: { axis: null }, margin: 0, marks: [Plot.text([message], { frameAnchor: 'middle', fill: ROLE.muted })] },
    { ...frame, height: frame.heading === false ? frame.height : NO_DATA_HEIGHT, legend: undefined, description: `${frame.description} ${message}.`.trim() },
  );
}
