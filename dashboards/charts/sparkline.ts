/**
 * A sparkline for a headline tile: the trend of one metric over (normally) 13 months, so the
 * same month last year is the first point. Tiny, no axes and no heading (the tile carries the
 * title and the number); the last known point is marked and labelled by its dot's tooltip.
 * The y range is the data's own (not from zero): a sparkline shows shape, not magnitude.
 * With no value at all it says 'No data'.
 *
 * API: sparkline(options): string (an SVG). Example:
 *   sparkline({ id: 'tile-collections', title: 'Collections, last 13 months', rows, y: 'collections_usd' })
 */
import * as Plot from '@observablehq/plot';
import { formatValue, humanize } from './format.ts';
import { ROLE } from './palette.ts';
import { noDataChart, renderChart } from './render.ts';
import { describeSeries, monthlySeries, type Row, type SeriesPoint } from './series.ts';
import { monthLabel } from './values.ts';

export interface SparklineOptions {
  /** Stable slug, unique on the page. */
  readonly id: string;
  /** Read by screen readers and shown as the hover tooltip of the whole chart. */
  readonly title: string;
  /** A lead sentence for the description; a summary of the data is always appended. */
  readonly description?: string;
  readonly rows: readonly Row[];
  /** Month column (ISO date text or Date); default 'month'. */
  readonly x?: string;
  /** Value column; its suffix gives the unit. */
  readonly y: string;
  /** Default 160 x 40 px. */
  readonly width?: number;
  readonly height?: number;
}

export function sparkline(options: SparklineOptions): string {
  const { y } = options;
  const points = monthlySeries(options.rows, options.x ?? 'month', y);
  const last = points.filter((p) => p.value !== null).at(-1);
  const frame = { id: options.id, title: options.title, heading: false, width: options.width ?? 160, height: options.height ?? 40 };
  if (!last) return noDataChart({ ...frame, description: options.description ?? '' }, 'No data');
  const title = (p: SeriesPoint) => `${monthLabel(p.date)}: ${formatValue(y, p.raw, { withUnit: true })}`;
  const marks: Plot.Markish[] = [
    Plot.lineY(points, { x: 'date', y: 'value', stroke: ROLE.primary, strokeWidth: 1.5 }),
    // Invisible hover targets: each month's value as a native tooltip.
    Plot.dot(points.filter((p) => p.value !== null), { x: 'date', y: 'value', r: 4, fill: ROLE.primary, fillOpacity: 0, title }),
    Plot.dot([last], { x: 'date', y: 'value', r: 3, fill: ROLE.primary, stroke: 'white', strokeWidth: 1, title }),
  ];
  return renderChart(
    { x: { type: 'utc', axis: null, inset: 4 }, y: { axis: null, inset: 4 }, margin: 0, marks },
    { ...frame, description: [options.description ?? '', describeSeries(humanize(y), y, points)].filter(Boolean).join(' ') },
  );
}
