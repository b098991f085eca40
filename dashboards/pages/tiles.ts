/**
 * Headline tiles: each metric's value over the selected period beside the prior period, the
 * same period last year, the budget (where a budget line maps to the metric) and its target,
 * with a 13-month sparkline. All numbers come from the metric catalog.
 */
import { sparkline } from '../charts/sparkline.ts';
import { comparisonRange, toMetricFilter } from '../filters/index.ts';
import { computeMetrics, getMetric, metricSeries, planVsActual, targetStatus, type MetricValue } from '../metrics/index.ts';
import { valueColumn, type PageContext, type Tile } from './model.ts';

export async function buildTiles(ctx: PageContext, ids: readonly string[], hrefOf: (id: string) => string): Promise<Tile[]> {
  const f = ctx.filters;
  const mf = toMetricFilter(f);
  const prior = comparisonRange({ ...f, compare: 'prior' });
  const yoy = comparisonRange({ ...f, compare: 'yoy' });
  const [now, before, lastYear, budget] = await Promise.all([
    computeMetrics(ctx.conn, mf, [...ids]),
    computeMetrics(ctx.conn, { ...mf, ...prior }, [...ids]),
    computeMetrics(ctx.conn, { ...mf, ...yoy }, [...ids]),
    planVsActual(ctx.conn, { from: f.from, to: f.to, ...(f.location ? { locationId: f.location } : {}) }),
  ]);
  const plan = new Map(budget.filter((b) => b.metric_id).map((b) => [b.metric_id!, b.plan]));
  const tiles: Tile[] = [];
  for (const id of ids) {
    const metric = getMetric(id);
    const column = valueColumn(metric);
    const series = await metricSeries(ctx.conn, id, mf, 13);
    const rows = series.map((p) => ({ month: p.month, [column]: metric.unit === 'usd' ? (p.exact ?? p.value) : p.value }));
    const value = now[id]!;
    const budgetValue: MetricValue | null = plan.has(id) ? { value: plan.get(id)!, ...(metric.unit === 'usd' ? { exact: plan.get(id)!.toFixed(2) } : {}) } : null;
    tiles.push({
      metric,
      column,
      value,
      comparisons: [
        { label: 'Prior period', value: before[id] ?? null },
        { label: 'Same period last year', value: lastYear[id] ?? null },
        { label: 'Budget', value: budgetValue },
      ],
      status: value.value === null ? null : targetStatus(metric, value.value),
      sparkline: sparkline({ id: `spark-${id.replaceAll("_", "-")}`, title: `${metric.label}, last 13 months`, rows, y: column }),
      href: hrefOf(id),
    });
  }
  return tiles;
}
