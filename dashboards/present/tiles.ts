/**
 * A headline tile as presented to an audience: its value and comparisons as text, the target
 * wording, and a status only where the measure is meaningful. For a board-facing audience the
 * cell-size rule hides a count of patients from 1 to 10 and any rate over one, in the value,
 * the prior and last-year comparisons (the budget is a plan, not a count) and the sparkline's
 * months (redrawn without them, or withheld).
 */
import { bridgeMeasure } from '../bridge/measures.ts';
import { sparkline } from '../charts/sparkline.ts';
import type { SourceFreshness } from '../freshness.ts';
import type { Metric, MetricValue } from '../metrics/index.ts';
import type { Tile } from '../pages/model.ts';
import { isSmallMetric } from '../privacy/rules.ts';
import { metricSource, periodCoverage } from './coverage.ts';
import type { Audience, PresentedComparison, PresentedNumber, PresentedTile } from './model.ts';
import { presentChange } from './change.ts';
import { MISSING, presentNumber } from './numbers.ts';
import { STATUS_WORD, targetText } from './wording.ts';

const KEYS: readonly PresentedComparison['key'][] = ['prior', 'yoy', 'budget'];
const MONTH_LABELS: Readonly<Record<PresentedComparison['key'], string>> = { prior: 'Prior month', yoy: 'Same month last year', budget: 'Budget' };

export interface TileOptions {
  readonly audience: Audience;
  /** The page's period, to tell whether the data covers it. */
  readonly period?: { readonly from: string; readonly to: string };
  readonly freshness?: readonly SourceFreshness[];
  /** Label the comparisons for a one-month period ('Prior month'). */
  readonly monthly?: boolean;
}

/** A value an earlier layer already suppressed (a board view's tiles). */
const wasSuppressed = (v: MetricValue | null | undefined) => v?.value === null && v.note?.startsWith('suppressed') === true;

/**
 * Whether a status can be given: a value that is shown, not flagged, over a period its source
 * covers (when that is known), and not a zero balance over charges: days in A/R of 0.0 says the
 * ledger has no open claim, which the data cannot support, not that the practice is on target.
 */
function meaningful(m: Metric, v: MetricValue | null, shown: PresentedNumber, opts: TileOptions): boolean {
  if (!v || v.value === null || shown.suppressed || shown.flagged) return false;
  if (!covered(m, opts)) return false;
  if (m.unit === 'days' && v.numerator === 0) return false;
  return true;
}

/** Whether the metric's source covers the page's period (true when that is not known). */
function covered(m: Metric, opts: TileOptions): boolean {
  if (!opts.period || !opts.freshness?.length) return true;
  const f = opts.freshness.find((x) => x.source === metricSource(m));
  return !f?.lastDate || periodCoverage(f, opts.period) === 'complete';
}

/** No data of the metric's source in the period at all: a dash with a note, never a zero. */
function noData(m: Metric, opts: TileOptions): PresentedNumber | null {
  const source = metricSource(m);
  const f = opts.freshness?.find((x) => x.source === source);
  // A source with no load on record (a warehouse filled other than by the ETL) is not judged.
  if (!opts.period || !f?.lastDate || periodCoverage(f, opts.period) !== 'none') return null;
  return { value: null, text: MISSING, note: `no ${source} data for this period` };
}

export function presentTile(t: Tile, opts: TileOptions): { tile: PresentedTile; suppressed: number } {
  const m = t.metric;
  const board = opts.audience !== 'manager';
  const small = (v: MetricValue | null | undefined) => wasSuppressed(v) || (board && isSmallMetric(m.id, v));
  let suppressed = small(t.value) ? 1 : 0;
  const value = noData(m, opts) ?? presentNumber(m, t.column, t.value, { suppress: small(t.value) });
  const comparisons = KEYS.map((key, i) => {
    const c = t.comparisons[i];
    const hide = key !== 'budget' && small(c?.value);
    if (hide) suppressed += 1;
    return { key, label: opts.monthly ? MONTH_LABELS[key] : (c?.label ?? MONTH_LABELS[key]), value: presentNumber(m, t.column, c?.value ?? null, { suppress: hide }), ...(c?.selected ? { selected: true } : {}) };
  });
  let spark: string | null = t.sparkline;
  if (board && t.series?.some((p) => isSmallMetric(m.id, p))) {
    const rows = t.series.map((p) => ({ month: p.month, [t.column]: isSmallMetric(m.id, p) ? null : m.unit === 'usd' ? (p.exact ?? p.value) : p.value }));
    spark = rows.some((r) => r[t.column] !== null) ? sparkline({ id: `spark-${m.id.replaceAll('_', '-')}`, title: `${m.label}, last 13 months`, rows, y: t.column }) : null;
  }
  const chosen = comparisons.findIndex((c) => c.selected);
  // A period the data covers only in part would show a fall that is a load still to come.
  const change = chosen < 0 || !covered(m, opts) ? null : presentChange(m, t.value, value, { key: KEYS[chosen]!, label: comparisons[chosen]!.label, value: t.comparisons[chosen]?.value, shown: comparisons[chosen]!.value });
  const status = meaningful(m, t.value, value, opts) ? t.status : null;
  const target = m.target;
  return {
    suppressed,
    tile: {
      metricId: m.id,
      label: m.label,
      unit: m.unit,
      column: t.column,
      value,
      comparisons,
      ...(change ? { change } : {}),
      ...(covered(m, opts) ? {} : { partial: true as const }),
      target: { text: targetText(m), ...(target.good !== undefined ? { good: target.good } : {}), ...(target.warn !== undefined ? { warn: target.warn } : {}), direction: m.goodDirection },
      status,
      statusText: status ? STATUS_WORD[status] : '',
      sparkline: spark,
      ...(t.href ? { href: t.href } : {}),
      ...(t.href && !board && bridgeMeasure(m.id) ? { whyHref: `/why/${m.id}?${t.href.split('?')[1] ?? ''}` } : {}),
    },
  };
}
