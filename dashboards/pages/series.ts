/**
 * Monthly series of several metrics merged into one table (one row per month, one column per
 * metric, named with its unit), for trend charts and their data downloads; one grid evaluation.
 */
import { toMetricFilter } from '../filters/index.ts';
import { computeGrid, getMetric, monthsEnding } from '../metrics/index.ts';
import { PAY_METRICS, spanWithheld } from '../privacy/pay-groups.ts';
import { cell, valueColumn, type PageContext } from './model.ts';
import { payWithheldMonths } from './payPrivacy.ts';

export async function seriesTable(ctx: PageContext, ids: readonly string[], months = 13) {
  const periods = monthsEnding(ctx.filters.to, months);
  const grid = await computeGrid(ctx.conn, toMetricFilter(ctx.filters), ids, periods, ctx.inputs);
  const withheld = await payWithheldMonths(ctx, periods[0]!.from, ids);
  const columns = ['month', ...ids.map((id) => valueColumn(getMetric(id)))];
  const shown = (id: string, i: number) => (PAY_METRICS.has(id) && spanWithheld(withheld, periods[i]!.from, periods[i]!.to) ? null : cell(getMetric(id), grid[id]![i]));
  const rows = periods.map((p, i) => [p.from, ...ids.map((id) => shown(id, i))]);
  return { columns, rows };
}

/** The same table as objects, the shape the chart builders take. */
export const asObjects = (t: { columns: readonly string[]; rows: readonly (readonly unknown[])[] }): Record<string, unknown>[] =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
