/**
 * A monthly trend: one series as a line with a dot per month, optionally a comparison series
 * of the same unit (dashed, e.g. the same months last year) and a target band (shaded). Gaps
 * in the data stay gaps. Each dot's tooltip (a native `<title>`) gives the month and the exact
 * value; the description states the latest value and the range. With no value at all the
 * chart says so instead.
 *
 * API: trendLine(options): string (an SVG). Example:
 *   trendLine({ id: 'ncr-trend', title: 'Net collection rate', rows, y: 'net_collection_rate_pct',
 *     comparison: { column: 'prior_year_pct', label: 'Prior year' }, target: { from: 0.95, to: 1, label: 'Target 95%+' } })
 */
import * as Plot from '@observablehq/plot';
import { monthScale, valueMargin, valueScale } from './axes.ts';
import { formatValue, humanize, unitOf } from './format.ts';
import { ROLE } from './palette.ts';
import { noDataChart, renderChart, type LegendItem } from './render.ts';
import { describeSeries, monthlySeries, type Row, type SeriesPoint } from './series.ts';
import { monthLabel } from './values.ts';

export interface TrendLineOptions {
  /** Stable slug, unique on the page. */
  readonly id: string;
  readonly title: string;
  /** A lead sentence for the description; a summary of the data is always appended. */
  readonly description?: string;
  readonly rows: readonly Row[];
  /** Month column (ISO date text or Date); default 'month'. */
  readonly x?: string;
  /** Value column; its suffix gives the unit. */
  readonly y: string;
  /** Name of the series in the legend and tooltips; default from the column name. */
  readonly label?: string;
  /** A second column of the same unit, drawn dashed. */
  readonly comparison?: { readonly column: string; readonly label: string };
  /** A band of good values, in y's unit (a pct as a fraction). */
  readonly target?: { readonly from: number; readonly to: number; readonly label: string };
  readonly width?: number;
  readonly height?: number;
}

function lineMarks(points: readonly SeriesPoint[], column: string, label: string, colour: string, dashed: boolean): Plot.Markish[] {
  const title = (p: SeriesPoint) => `${label}, ${monthLabel(p.date)}: ${formatValue(column, p.raw, { withUnit: true })}`;
  const known = points.filter((p) => p.value !== null);
  return [
    Plot.lineY(points, { x: 'date', y: 'value', stroke: colour, strokeWidth: dashed ? 1.75 : 2.25, ...(dashed ? { strokeDasharray: '5,3' } : {}) }),
    Plot.dot(known, { x: 'date', y: 'value', r: dashed ? 2.5 : 3.5, fill: dashed ? 'white' : colour, stroke: colour, strokeWidth: 1.5, title }),
  ];
}

export function trendLine(options: TrendLineOptions): string {
  const { y, comparison, target } = options;
  const x = options.x ?? 'month';
  if (comparison && unitOf(comparison.column) !== unitOf(y)) throw new Error(`trendLine ${options.id}: ${comparison.column} is not in the unit of ${y}`);
  const label = options.label ?? humanize(y);
  const points = monthlySeries(options.rows, x, y);
  const compared = comparison ? monthlySeries(options.rows, x, comparison.column) : [];
  const values = [...points, ...compared].map((p) => p.value).concat(target ? [target.from, target.to] : []);
  const frame = { id: options.id, title: options.title, width: options.width ?? 640, height: options.height ?? 300 };
  if ([...points, ...compared].every((p) => p.value === null)) return noDataChart({ ...frame, description: options.description ?? '' });

  const legend: LegendItem[] = [{ label, color: ROLE.primary, shape: 'line' }];
  const marks: Plot.Markish[] = [];
  if (target) {
    legend.push({ label: target.label, color: ROLE.target });
    const band = `${target.label}: ${formatValue(y, target.from)} to ${formatValue(y, target.to)}`;
    marks.push(Plot.rectY([target], { y1: 'from', y2: 'to', fill: ROLE.target, fillOpacity: 0.18, title: () => band }));
  }
  if (comparison) {
    legend.push({ label: comparison.label, color: ROLE.comparison, shape: 'dashed' });
    marks.push(...lineMarks(compared, comparison.column, comparison.label, ROLE.comparison, true));
  }
  marks.push(...lineMarks(points, y, label, ROLE.primary, false));

  const summary = [
    describeSeries(label, y, points),
    comparison ? describeSeries(comparison.label, comparison.column, compared) : '',
    target ? `Target band ${formatValue(y, target.from)} to ${formatValue(y, target.to)}.` : '',
  ];
  const [first, last] = [points[0], points.at(-1)];
  const span = first && last ? `Monthly, ${monthLabel(first.date)} to ${monthLabel(last.date)}.` : 'No months.';
  return renderChart(
    { x: monthScale(), y: valueScale(y, label), marginLeft: valueMargin(y, values), marginRight: 16, marks },
    { ...frame, legend, description: [options.description ?? '', span, ...summary].filter(Boolean).join(' ') },
  );
}
