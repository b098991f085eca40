/**
 * The minimum pay group rule on the pages (dashboards/privacy/pay-groups.ts): for everyone but
 * an admin, under a location filter, payroll cost (and the figures computed from it) of any span
 * that holds a month in which the location paid fewer than MIN_PAY_GROUP people is withheld, in
 * tiles, monthly series, the job-class table and plan versus actual alike.
 */
import type { PlanVsActualRow } from '../metrics/index.ts';
import { PAY_METRICS, spanWithheld, withheldPayMonths } from '../privacy/pay-groups.ts';
import type { PageContext } from './model.ts';

/** The months withheld for this page's audience and location from `from` to the filter's end (none for an admin or the whole practice). */
export async function payWithheldMonths(ctx: PageContext, from: string, ids: readonly string[] = [...PAY_METRICS]): Promise<ReadonlySet<string>> {
  const f = ctx.filters;
  if (ctx.payByPerson || !f.location || !ids.some((id) => PAY_METRICS.has(id))) return new Set();
  return withheldPayMonths(ctx.conn, f.location, from, f.to);
}

/** Plan versus actual with the actual of payroll lines withheld over the filter's span when the rule says so. */
export function withholdPayLines(rows: readonly PlanVsActualRow[], months: ReadonlySet<string>, from: string, to: string): PlanVsActualRow[] {
  if (!spanWithheld(months, from, to)) return [...rows];
  return rows.map((r) =>
    r.metric_id !== null && PAY_METRICS.has(r.metric_id)
      ? { ...r, actual: null, variance: null, variance_pct: null, exact: { plan: r.exact.plan, actual: null, variance: null } }
      : r,
  );
}
