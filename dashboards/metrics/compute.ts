/**
 * Evaluates catalog metrics over the rollups: `computeMetrics` for one period, `metricSeries`
 * for a run of calendar months. Every input a request needs is read once, in one statement
 * covering all the periods it needs (a series of 12 months of a trailing-3-month rate is one
 * query), so the cost does not grow with the number of metrics or months.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { getMetric, METRICS } from './catalog/index.ts';
import type { Metric } from './define.ts';
import { runInput, type InputId, type InputRows } from './inputs/index.ts';
import { assertMonths, monthsEnding, parseFilter, trailing, type Period } from './period.ts';

export type { Period };
import type { Dimension, MetricFilter, MetricValue, SeriesPoint } from './types.ts';
import { unavailable } from './values.ts';

const FILTER_KEY: Record<Dimension, keyof MetricFilter> = {
  location: 'locationId',
  provider: 'providerId',
  payerClass: 'payerClass',
};
const DIMENSION_LABEL: Record<Dimension, string> = { location: 'location', provider: 'provider', payerClass: 'payer class' };

const key = (p: Period) => `${p.from}/${p.to}`;

/**
 * Input rows already read, for reuse by later evaluations over the same data: a page's tiles,
 * trend charts and plan-versus-actual ask for many of the same periods of the same inputs (on
 * /financial the flows input five times, every period among the tiles' 39). Keyed by input,
 * the filter's dimensions and period. Only for evaluations in one snapshot of the warehouse (a
 * page's read transaction, dashboards/pages/index.ts), never across a write; a failed read
 * stores nothing.
 */
export type InputMemo = Map<string, unknown>;

const memoKey = (input: InputId, filter: MetricFilter, p: Period) =>
  JSON.stringify([input, filter.locationId ?? null, filter.providerId ?? null, filter.payerClass ?? null, p.from, p.to]);
const windowOf = (m: Metric, p: Period): Period => (m.trailingMonths ? trailing(p, m.trailingMonths) : p);

/** The filter dimensions set that the metric cannot honour. */
function unsupported(m: Metric, filter: MetricFilter): Dimension[] {
  return (Object.keys(FILTER_KEY) as Dimension[]).filter((d) => filter[FILTER_KEY[d]] !== undefined && !m.dimensions.includes(d));
}

/** values[metric index][period index] */
async function evaluate(
  conn: DuckDBConnection,
  metrics: readonly Metric[],
  periods: readonly Period[],
  filter: MetricFilter,
  memo?: InputMemo,
): Promise<MetricValue[][]> {
  const needs = new Map<InputId, Map<string, Period>>();
  for (const m of metrics) {
    if (unsupported(m, filter).length) continue;
    for (const input of m.inputs) {
      const wanted = needs.get(input) ?? new Map<string, Period>();
      for (const p of periods) wanted.set(key(windowOf(m, p)), windowOf(m, p));
      needs.set(input, wanted);
    }
  }
  const loaded = new Map<InputId, Map<string, InputRows[InputId]>>();
  // One statement per input, for the periods not read before; sequential because a connection
  // runs one statement at a time. Without a memo, one of this evaluation's own.
  const store: InputMemo = memo ?? new Map();
  for (const [input, wanted] of needs) {
    const list = [...wanted.values()];
    const unread = list.filter((p) => !store.has(memoKey(input, filter, p)));
    if (unread.length) {
      const rows = await runInput(conn, input, unread, filter);
      unread.forEach((p, i) => store.set(memoKey(input, filter, p), rows[i]));
    }
    loaded.set(input, new Map(list.map((p) => [key(p), store.get(memoKey(input, filter, p)) as InputRows[InputId]])));
  }
  return metrics.map((m) => {
    const missing = unsupported(m, filter);
    if (missing.length) {
      return periods.map(() => unavailable(`not available by ${missing.map((d) => DIMENSION_LABEL[d]).join(' or ')}`));
    }
    return periods.map((p) => {
      const k = key(windowOf(m, p));
      const inputs = Object.fromEntries(m.inputs.map((i) => [i, loaded.get(i)?.get(k)])) as unknown as InputRows;
      // A flow over a period the ledger does not cover is unknown, not zero.
      if (m.inputs.includes('flows') && inputs.flows?.ledger_known === false) return unavailable('the ledger does not cover this period');
      // A trailing rate early in the ledger would repeat fewer months than it names.
      if (m.trailingMonths && inputs.flows?.before_ledger) return unavailable(`the ledger does not cover all ${m.trailingMonths} months`);
      if (m.inputs.includes('payroll') && inputs.payroll?.payroll_known === false) return unavailable('no payroll covers this period');
      if (m.inputs.includes('appointments') && inputs.appointments?.appointments_known === false) return unavailable('no appointments cover this period');
      return m.compute(inputs);
    });
  });
}

/**
 * The metrics `ids` (default: the whole catalog) over the filter's period. Point-in-time
 * metrics (A/R, days in A/R) are taken at `filter.to`; trailing rates end with its month.
 */
export async function computeMetrics(
  conn: DuckDBConnection,
  filter: MetricFilter,
  ids?: readonly string[],
  memo?: InputMemo,
): Promise<Record<string, MetricValue>> {
  const f = parseFilter(filter);
  const metrics = ids ? ids.map(getMetric) : METRICS;
  const values = await evaluate(conn, metrics, [{ from: f.from, to: f.to }], f, memo);
  return Object.fromEntries(metrics.map((m, i) => [m.id, values[i]?.[0] as MetricValue]));
}

/**
 * The metric month by month, for the `months` calendar months ending with the month of
 * `filter.to` (oldest first; `filter.from` is not used), for sparklines and trends.
 */
export async function metricSeries(
  conn: DuckDBConnection,
  id: string,
  filter: MetricFilter,
  months: number,
): Promise<SeriesPoint[]> {
  const f = parseFilter(filter);
  assertMonths(months);
  const periods = monthsEnding(f.to, months);
  const [values] = await evaluate(conn, [getMetric(id)], periods, f);
  return periods.map((p, i) => ({ month: p.from, ...(values?.[i] as MetricValue) }));
}

/**
 * Many metrics over many periods at once, for a page: every input is still read in one
 * statement covering all the periods, so a page of tiles (each with its period, prior period,
 * last year and 13 months) costs one statement per input rather than one per metric.
 * `periods` are whole months (from a first, to a last of month); the filter's own from/to are
 * not used. Returns values[id][period index].
 */
export async function computeGrid(
  conn: DuckDBConnection,
  filter: MetricFilter,
  ids: readonly string[],
  periods: readonly Period[],
  memo?: InputMemo,
): Promise<Record<string, MetricValue[]>> {
  const f = parseFilter(filter);
  for (const p of periods) parseFilter({ ...f, from: p.from, to: p.to });
  const metrics = ids.map(getMetric);
  const values = await evaluate(conn, metrics, periods, f, memo);
  return Object.fromEntries(metrics.map((m, i) => [m.id, values[i] ?? []]));
}

export { monthsEnding };
