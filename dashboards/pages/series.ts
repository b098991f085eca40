/**
 * Monthly series of several metrics merged into one table (one row per month, one column per
 * metric, named with its unit), for trend charts and their data downloads.
 */
import { toMetricFilter } from '../filters/index.ts';
import { getMetric, metricSeries } from '../metrics/index.ts';
import { cell, valueColumn, type PageContext } from './model.ts';

export async function seriesTable(ctx: PageContext, ids: readonly string[], months = 13) {
  const mf = toMetricFilter(ctx.filters);
  const columns = ['month', ...ids.map((id) => valueColumn(getMetric(id)))];
  const byMonth = new Map<string, (string | number | null)[]>();
  for (const [i, id] of ids.entries()) {
    const metric = getMetric(id);
    for (const p of await metricSeries(ctx.conn, id, mf, months)) {
      const row = byMonth.get(p.month) ?? [p.month, ...ids.map(() => null)];
      row[i + 1] = cell(metric, p);
      byMonth.set(p.month, row);
    }
  }
  const rows = [...byMonth.values()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { columns, rows };
}

/** The same table as objects, the shape the chart builders take. */
export const asObjects = (t: { columns: readonly string[]; rows: readonly (readonly unknown[])[] }): Record<string, unknown>[] =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
