/**
 * Categorical bars, one per row, with drill-down: when `href(row)` is given, each bar is an
 * `<a href>` to the same view filtered by its category, so a click drills in without JavaScript.
 * Long labels (or many bars) lay the bars out horizontally, and wrap (never cut). Coded values
 * (a payer class) are shown in words. Each bar is labelled with its value
 * (compact, so it reads on paper) and carries the exact value as its tooltip. No rows: the
 * chart says so instead.
 *
 * API: barChart(options): string (an SVG). Example:
 *   barChart({ id: 'charges-by-payer', title: 'Charges by payer class', rows,
 *     category: 'payer_class', value: 'charges_usd', href: (r) => `?payer_class=${encodeURIComponent(String(r.payer_class))}` })
 */
import * as Plot from '@observablehq/plot';
import { valueMargin, valueScale } from './axes.ts';
import { formatValue, humanize, tickFormat } from './format.ts';
import { safeHref } from './links.ts';
import { ROLE } from './palette.ts';
import { noDataChart, renderChart } from './render.ts';
import type { Row } from './series.ts';
import { FONT_SIZE, textWidth } from './typography.ts';
import { valueWord } from '../present/wording.ts';
import { plotNumber } from './values.ts';

export interface BarChartOptions {
  /** Stable slug, unique on the page. */
  readonly id: string;
  readonly title: string;
  /** A lead sentence for the description; the bars' values are always appended. */
  readonly description?: string;
  readonly rows: readonly Row[];
  /** Text column naming each bar; values must be distinct. */
  readonly category: string;
  /** Value column; its suffix gives the unit. */
  readonly value: string;
  /** Label of the value axis, without unit; default from the column name. */
  readonly valueLabel?: string;
  /** Drill-down link of a bar (relative or http(s)); no link when absent. */
  readonly href?: (row: Row) => string;
  /** 'auto' (default): horizontal when a label is long or there are many bars. */
  readonly orientation?: 'auto' | 'horizontal' | 'vertical';
  /** 'descending' (default) by value, or 'given' to keep the rows' order (e.g. aging buckets). */
  readonly sort?: 'descending' | 'given';
  readonly width?: number;
  /** Default: from the number of bars when horizontal, 300 when vertical. */
  readonly height?: number;
}

interface Bar {
  readonly row: Row;
  readonly name: string;
  readonly value: number | null;
  readonly title: string;
  readonly label: string;
}

/** Long category labels wrap at about this many characters (never cut: a reason must read whole). */
const WRAP_CHARS = 30;
/** Plot's line width is in ems; an average glyph is a little over half an em. */
const WRAP_EMS = WRAP_CHARS * 0.55;
const LINE_PX = 13;
const BAR_STEP = 26;
/** Lines a label takes when wrapped at word boundaries within WRAP_CHARS. */
function lineCount(label: string): number {
  let lines = 1;
  let used = 0;
  for (const word of label.split(/\s+/)) {
    if (used > 0 && used + 1 + word.length > WRAP_CHARS) {
      lines += 1;
      used = word.length;
    } else used += (used > 0 ? 1 : 0) + word.length;
  }
  return lines;
}

export function barChart(options: BarChartOptions): string {
  const { category, value } = options;
  const tick = tickFormat(value);
  const bars: Bar[] = options.rows.map((row) => {
    const v = plotNumber(value, row[value]);
    const name = valueWord(category, String(row[category] ?? ''));
    return { row, name, value: v, title: `${name}: ${formatValue(value, row[value], { withUnit: true })}`, label: v === null ? formatValue(value, null) : tick(v) };
  });
  if (new Set(bars.map((b) => b.name)).size !== bars.length) throw new Error(`barChart ${options.id}: ${category} has repeated values`);
  if ((options.sort ?? 'descending') === 'descending') bars.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const order = bars.map((b) => b.name);
  const frame = { id: options.id, title: options.title, width: options.width ?? 640 };
  // No rows, or every value missing or zero: nothing to draw, said so (never a row of $0 bars).
  if (bars.every((b) => b.value === null || b.value === 0)) return noDataChart({ ...frame, height: options.height ?? 160, description: options.description ?? '' });
  const horizontal =
    options.orientation === 'horizontal' || (options.orientation !== 'vertical' && (bars.length > 8 || order.some((n) => n.length > 10)));

  const along = horizontal ? 'x' : 'y';
  const across = horizontal ? 'y' : 'x';
  const plotted = bars.filter((b) => b.value !== null);
  const href = options.href;
  const link = href ? { href: (b: Bar) => safeHref(href(b.row)) } : {};
  const bar = (horizontal ? Plot.barX : Plot.barY)(plotted, { [along]: 'value', [across]: 'name', fill: ROLE.primary, title: 'title', ...link });
  const labelFor = (negative: boolean): Plot.Markish =>
    Plot.text(
      bars.filter((b) => (b.value ?? 0) < 0 === negative),
      {
        [along]: (b: Bar) => b.value ?? 0, [across]: 'name', text: 'label', fill: ROLE.muted,
        ...(horizontal ? { textAnchor: negative ? 'end' : 'start', dx: negative ? -4 : 4 } : { dy: negative ? 8 : -7 }),
      },
    );
  const scale = valueScale(value, options.valueLabel ?? humanize(value), true);
  const band: Plot.ScaleOptions = { domain: order, label: null, padding: 0.25, tickSize: 0 };
  const lines = Math.max(...order.map(lineCount));
  const step = Math.max(BAR_STEP, lines * LINE_PX + 8);
  const values = bars.map((b) => b.value);
  const negatives = values.some((v) => v !== null && v < 0);
  // Room past the longest bar for its value label.
  const labelRoom = textWidth(bars.reduce((w, b) => (b.label.length > w.length ? b.label : w), '')) + 8;
  const spec: Plot.PlotOptions = horizontal
    ? {
        x: { ...scale, insetRight: labelRoom, insetLeft: negatives ? labelRoom : 0 }, y: band,
        marginTop: 8, marginLeft: Math.min(Math.max(...order.map((n) => textWidth(n))), textWidth('x'.repeat(WRAP_CHARS))) + 12, marginRight: 20,
      }
    : { y: { ...scale, insetTop: 16, insetBottom: negatives ? 16 : 0 }, x: band, marginLeft: valueMargin(value, values) };
  const summary = bars.map((b) => b.title).join('; ');
  // Vertical bars: a category label wraps to its column's width (a phone-width chart of five
  // aging buckets has about 60 px a column), so neighbours never overlap.
  const columnEms = Math.max(3, ((frame.width - valueMargin(value, values) - 20) / Math.max(1, bars.length) - 8) / FONT_SIZE);
  return renderChart(
    {
      ...spec,
      marks: [
        ...(horizontal ? [Plot.axisY({ tickSize: 0, lineWidth: WRAP_EMS, label: null })] : [Plot.axisX({ tickSize: 0, lineWidth: columnEms, label: null })]),
        bar, labelFor(false), labelFor(true), horizontal ? Plot.ruleX([0]) : Plot.ruleY([0]),
      ],
    },
    {
      ...frame,
      height: options.height ?? (horizontal ? 23 + 48 + bars.length * step : 300),
      description: [options.description ?? '', `${options.valueLabel ?? humanize(value)} by ${humanize(category).toLowerCase()}: ${summary}.`, options.href ? 'Each bar links to the view filtered by it.' : ''].filter(Boolean).join(' '),
    },
  );
}
