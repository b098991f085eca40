/**
 * Stacked bars from long rows (one row per bar and segment): payments by source per month,
 * A/R aging buckets by payer class. Segments stack in `seriesOrder` from the baseline up, take
 * the palette's colours in that order, and appear in the legend in that order. When every x
 * value is a month the bars run chronologically with month ticks; otherwise in first-seen order.
 * Each bar is topped with its total (summed exactly) where the bars are wide enough for it (on a
 * phone-width chart of many months the totals stay in the tooltips and every other month is
 * ticked); each segment's tooltip gives its exact
 * value, and with `href(row)` each segment links to the view filtered by it. No rows: the
 * chart says so instead.
 *
 * API: stackedBar(options): string (an SVG). Example:
 *   stackedBar({ id: 'payments-by-source', title: 'Payments by source', rows,
 *     x: 'month', series: 'payment_source', value: 'payments_usd', seriesOrder: ['insurance', 'patient'] })
 */
import * as Plot from '@observablehq/plot';
import { valueMargin, valueScale } from './axes.ts';
import { formatValue, humanize, tickFormat } from './format.ts';
import { safeHref } from './links.ts';
import { categoricalColor, ROLE } from './palette.ts';
import { noDataChart, renderChart } from './render.ts';
import type { Row } from './series.ts';
import { textWidth } from './typography.ts';
import { exactSum, isMonth, monthLabel, monthTick, plotNumber, toMonth } from './values.ts';
import { valueWord } from '../present/wording.ts';

export interface StackedBarOptions {
  /** Stable slug, unique on the page. */
  readonly id: string;
  readonly title: string;
  /** A lead sentence for the description; each bar's total is always appended. */
  readonly description?: string;
  /** One row per bar and segment. */
  readonly rows: readonly Row[];
  /** Column of the bars: months (ISO dates) or categories. */
  readonly x: string;
  /** Column naming the segment within a bar. */
  readonly series: string;
  /** Value column; its suffix gives the unit. */
  readonly value: string;
  /** Segment order from the baseline up (e.g. aging buckets); default first-seen order. */
  readonly seriesOrder?: readonly string[];
  /** Label of the value axis, without unit; default from the column name. */
  readonly valueLabel?: string;
  /** Drill-down link of a segment (relative or http(s)). */
  readonly href?: (row: Row) => string;
  readonly width?: number;
  readonly height?: number;
}

interface Segment {
  readonly row: Row;
  readonly key: string;
  readonly series: string;
  readonly value: number;
  readonly title: string;
}

export function stackedBar(options: StackedBarOptions): string {
  const { x, series, value, rows } = options;
  const frame = { id: options.id, title: options.title, width: options.width ?? 640, height: options.height ?? 320 };
  if (rows.length === 0) return noDataChart({ ...frame, description: options.description ?? '' });
  const monthly = rows.every((r) => isMonth(r[x]));
  // Months are keyed by ISO text so that the band scale sorts and labels them as months.
  const keyOf = (r: Row) => (monthly ? toMonth(r[x]).toISOString().slice(0, 10) : String(r[x] ?? ''));
  const nameOf = (key: string) => (monthly ? monthLabel(toMonth(key)) : valueWord(x, key));
  const seriesName = (v: string) => valueWord(series, v);
  const keys = [...new Set(rows.map(keyOf))];
  if (monthly) keys.sort();
  const order = [...(options.seriesOrder ?? [])];
  for (const r of rows) if (!order.includes(String(r[series]))) order.push(String(r[series]));
  const colours = order.map((_, i) => categoricalColor(i));

  const segments: Segment[] = rows.flatMap((row) => {
    const v = plotNumber(value, row[value]);
    const key = keyOf(row);
    const title = `${nameOf(key)}, ${seriesName(String(row[series]))}: ${formatValue(value, row[value], { withUnit: true })}`;
    return v === null ? [] : [{ row, key, series: String(row[series]), value: v, title }];
  });
  // Every value missing or zero: nothing to draw, said so (never a row of $0 stacks).
  if (segments.every((seg) => seg.value === 0)) return noDataChart({ ...frame, description: options.description ?? '' });
  const totals = keys.map((key) => {
    const exact = exactSum(value, rows.filter((r) => keyOf(r) === key).map((r) => r[value]));
    return { key, total: Number(exact), exact };
  });
  const tick = tickFormat(value);
  const href = options.href;
  const link = href ? { href: (s: Segment) => safeHref(href(s.row)) } : {};
  const stackTops = keys.map((key) => segments.filter((s) => s.key === key && s.value > 0).reduce((sum, s) => sum + s.value, 0));
  const marginLeft = valueMargin(value, stackTops);
  // Where the bars are narrower than their totals (many months on a phone), the totals would
  // overlap: they are left to the tooltips and the table, and every other month is ticked.
  const step = (frame.width - marginLeft - 20) / Math.max(1, keys.length);
  const totalsFit = Math.max(...totals.map((t) => textWidth(tick(t.total)))) + 4 <= step;
  const everyOther = monthly && step < textWidth('Sep') + 8;
  const xTick = monthly ? (v: unknown, i: number) => (everyOther && i % 2 === 1 ? '' : monthTick(v, i)) : nameOf;
  const marks: Plot.Markish[] = [
    Plot.barY(segments, { x: 'key', y: 'value', fill: 'series', order, stroke: 'white', strokeWidth: 0.75, title: 'title', ...link }),
    ...(totalsFit ? [Plot.text(totals, { x: 'key', y: 'total', text: (t: { total: number }) => tick(t.total), dy: -7, fill: ROLE.muted })] : []),
    Plot.ruleY([0]),
  ];
  const totalText = totals.map((t) => `${nameOf(t.key)} ${formatValue(value, t.exact)}`).join('; ');
  return renderChart(
    {
      x: { domain: keys, label: null, padding: 0.2, tickSize: 0, tickFormat: xTick },
      y: { ...valueScale(value, options.valueLabel ?? humanize(value), true), insetTop: 16 },
      color: { domain: order, range: colours },
      marginLeft,
      marginBottom: monthly ? 36 : 30,
      marks,
    },
    {
      ...frame,
      legend: order.map((label, i) => ({ label: seriesName(label), color: colours[i] as string })),
      description: [
        options.description ?? '',
        `${options.valueLabel ?? humanize(value)} by ${humanize(x).toLowerCase()}, stacked by ${humanize(series).toLowerCase()} (${order.map(seriesName).join(', ')}). Totals: ${totalText}.`,
        href ? 'Each segment links to the view filtered by it.' : '',
      ].filter(Boolean).join(' '),
    },
  );
}
