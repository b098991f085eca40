/**
 * A monthly series read from plain rows, and its description in words for a screen reader
 * and the chart's `<desc>`. Points are sorted by month; a missing value stays a gap (null),
 * it is never read as zero. Each point keeps its raw cell so text shows the exact amount.
 *
 * API: SeriesPoint, Row, monthlySeries(rows, x, column), describeSeries(label, column, points).
 */
import { formatValue } from './format.ts';
import { monthLabel, plotNumber, toMonth } from './values.ts';

/** A plain row: unit-suffixed column names to cells (numbers, decimal text, bigints, dates). */
export type Row = Readonly<Record<string, unknown>>;

export interface SeriesPoint {
  readonly date: Date;
  /** For plotting only; null for a missing value. */
  readonly value: number | null;
  /** The cell as given, for exact text. */
  readonly raw: unknown;
}

/** The points of `column` by the month in `x`, oldest first. Throws when a month repeats. */
export function monthlySeries(rows: readonly Row[], x: string, column: string): SeriesPoint[] {
  const points = rows.map((row) => ({ date: toMonth(row[x]), value: plotNumber(column, row[column]), raw: row[column] }));
  points.sort((a, b) => a.date.getTime() - b.date.getTime());
  points.forEach((p, i) => {
    if (i > 0 && p.date.getTime() === points[i - 1]?.date.getTime()) throw new Error(`${column}: month ${monthLabel(p.date)} appears twice`);
  });
  return points;
}

/**
 * One sentence on a series: its latest value, its range and where the extremes fall (the
 * latest month of a tie).
 * Example: 'Collections: Jan 2025 $1,300.00; lowest $1,000.00 (Mar 2024), highest $1,400.00 (Dec 2024).'
 */
export function describeSeries(label: string, column: string, points: readonly SeriesPoint[]): string {
  const known = points.filter((p) => p.value !== null);
  const last = known.at(-1);
  if (!last) return `${label}: no data.`;
  const text = (p: SeriesPoint) => formatValue(column, p.raw, { withUnit: true });
  let low = last;
  let high = last;
  for (const p of known) {
    if ((p.value as number) <= (low.value as number)) low = p;
    if ((p.value as number) >= (high.value as number)) high = p;
  }
  const gaps = points.length - known.length;
  const range = known.length > 1 ? `; lowest ${text(low)} (${monthLabel(low.date)}), highest ${text(high)} (${monthLabel(high.date)})` : '';
  return `${label}: ${monthLabel(last.date)} ${text(last)}${range}${gaps > 0 ? `; ${gaps} month${gaps > 1 ? 's' : ''} without data` : ''}.`;
}
