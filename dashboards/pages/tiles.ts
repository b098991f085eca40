/**
 * Headline tiles: each metric's value over the selected period beside the prior period, the
 * same period last year, the budget (where a budget line maps to the metric) and its target,
 * with a 13-month sparkline. All numbers come from the metric catalog, in one grid evaluation
 * (one statement per input for every tile, period and month).
 */
import { sparkline } from '../charts/sparkline.ts';
import { comparisonRange, toMetricFilter } from '../filters/index.ts';
import { computeGrid, getMetric, monthsEnding, noBudgetReason, planVsActual, targetStatus, type MetricValue } from '../metrics/index.ts';
import { PAY_METRICS, PAY_WITHHELD_NOTE, spanWithheld } from '../privacy/pay-groups.ts';
import { isSmallMetric } from '../privacy/rules.ts';
import { chart, valueColumn, type PageContext, type Tile } from './model.ts';
import { payWithheldMonths, withholdPayLines } from './payPrivacy.ts';

export async function buildTiles(ctx: PageContext, ids: readonly string[], hrefOf: (id: string) => string): Promise<Tile[]> {
  const f = ctx.filters;
  const mf = toMetricFilter(f);
  const months = monthsEnding(f.to, 13);
  const periods = [{ from: f.from, to: f.to }, comparisonRange({ ...f, compare: 'prior' }), comparisonRange({ ...f, compare: 'yoy' }), ...months];
  const grid = await computeGrid(ctx.conn, mf, ids, periods, ctx.inputs);
  // A budget only at the grain it is defined: none under a provider or payer-class filter.
  const noBudget = noBudgetReason(mf);
  const budget = withholdPayLines(await planVsActual(ctx.conn, mf, ctx.inputs), await payWithheldMonths(ctx, f.from), f.from, f.to);
  const plan = new Map(budget.filter((b) => b.metric_id).map((b) => [b.metric_id!, b.plan]));
  // Pay by person is the admin's alone: a location paying fewer than 3 people in a month of a
  // period shows no payroll cost for that period (dashboards/privacy/pay-groups.ts).
  const payWithheld = await payWithheldMonths(ctx, periods.reduce((a, p) => (p.from < a ? p.from : a), f.from), ids);
  // CMS cell-size rule for board-facing views (dashboards/privacy/rules.ts); presentPage applies it to everything else.
  const shown = (id: string, v: MetricValue | undefined, i: number): MetricValue | undefined =>
    PAY_METRICS.has(id) && spanWithheld(payWithheld, periods[i]!.from, periods[i]!.to) ? { value: null, note: PAY_WITHHELD_NOTE }
    : ctx.suppressSmall && isSmallMetric(id, v) ? { value: null, note: 'suppressed: a count of 1 to 10 (CMS cell-size rule)' }
    : v;
  return ids.map((id) => {
    const metric = getMetric(id);
    const column = valueColumn(metric);
    const [now, before, lastYear, ...series] = grid[id]!.map((v, i) => shown(id, v, i)!);
    const rows = series.map((p, i) => ({ month: months[i]!.from, [column]: metric.unit === 'usd' ? (p.exact ?? p.value) : p.value }));
    const budgetValue: MetricValue | null =
      noBudget !== null ? { value: null, note: noBudget }
      : plan.has(id) ? { value: plan.get(id)!, ...(metric.unit === 'usd' ? { exact: plan.get(id)!.toFixed(2) } : {}) }
      : null;
    return {
      metric,
      column,
      value: now!,
      // Always in this order (the board pack reads them by position); the chosen one is flagged.
      comparisons: [
        { label: 'Prior period', value: before ?? null, selected: f.compare === 'prior' },
        { label: 'Same period last year', value: lastYear ?? null, selected: f.compare === 'yoy' },
        { label: 'Budget', value: budgetValue, selected: f.compare === 'budget' },
      ],
      status: now!.value === null ? null : targetStatus(metric, now!.value),
      sparkline: chart(ctx, `spark-${id.replaceAll('_', '-')}`, () => sparkline({ id: `spark-${id.replaceAll('_', '-')}`, title: `${metric.label}, last 13 months`, rows, y: column })) ?? '',
      href: hrefOf(id),
      series: series.map((p, i) => ({ ...p, month: months[i]!.from })),
    };
  });
}
