/**
 * How the product words a measure's standing, once for every output: the status words, the
 * target ('≥ 95.0%'), the target band of a definition ('good ≤ 30.0; watch ≤ 40.0') and the
 * good direction, a chart's target band (the same target as the tile, in the same words) and
 * coded values (payer classes, job classes, budget lines) in words. Numbers in them are formatted by the unit table like every other number.
 */
import { formatValue, humanize } from '../charts/format.ts';
import { BUDGET_LINE_METRIC } from '../metrics/breakdowns/plan-vs-actual.ts';
import { METRICS, type Metric } from '../metrics/index.ts';
import { metricColumn } from './units.ts';
import type { StatusKey } from './model.ts';

export const STATUS_WORD: Readonly<Record<StatusKey, string>> = { good: 'On target', warn: 'Watch', bad: 'Off target' };

export const DIRECTION_WORD = { up: 'higher is better', down: 'lower is better', neutral: 'neither direction is better' } as const;

const cmp = (m: Metric) => (m.goodDirection === 'down' ? '\u2264' : '\u2265');

/** A tile's target: '≤ 30.0', or 'No target'. */
export function targetText(m: Metric): string {
  const good = m.target.good;
  return good === undefined ? 'No target' : `${cmp(m)} ${formatValue(metricColumn(m), good)}`;
}

/** A definition's band: 'good ≤ 30.0; watch ≤ 40.0', or 'none'. */
export function targetBandText(m: Metric): string {
  const col = metricColumn(m);
  const parts = [
    m.target.good !== undefined ? `good ${cmp(m)} ${formatValue(col, m.target.good)}` : '',
    m.target.warn !== undefined ? `watch ${cmp(m)} ${formatValue(col, m.target.warn)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'none';
}

/**
 * A chart's target band, from the same target definition as the tile (the catalog, or its
 * configured overrides) and worded as the tile words it: 'Target ≤ 30.0'. For a lower-is-better
 * metric the band runs from zero to the target; for a higher-is-better one from the target up,
 * to 100% for a rate, else a quarter above the target. No target: no band.
 *
 * Example: chartTarget(getMetric('days_in_ar')) -> { from: 0, to: 30, label: 'Target ≤ 30.0' }.
 */
export function chartTarget(m: Metric): { from: number; to: number; label: string } | undefined {
  const good = m.target.good;
  if (good === undefined || m.goodDirection === 'neutral') return undefined;
  const label = `Target ${targetText(m)}`;
  if (m.goodDirection === 'down') return { from: Math.min(0, good), to: good, label };
  return { from: good, to: m.unit === 'pct' ? Math.max(1, good) : good * 1.25, label };
}

/** Coded values of the enumerations a reader meets in tables and charts, as words. */
const VALUE_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  payer_class: { commercial: 'Commercial', medicare: 'Medicare', medicaid: 'Medicaid', self_pay: 'Self-pay', workers_comp: "Workers' compensation", other: 'Other' },
  job_class: { provider: 'Provider', clinical: 'Clinical', front_office: 'Front office', business_ops: 'Business operations', ancillary: 'Ancillary' },
  payment_source: { insurance: 'Insurance', patient: 'Patient' },
  adjustment: { contractual: 'Contractual', denial: 'Denial' },
};

/**
 * A coded text value as the reader sees it: a payer class, job class, payment source or
 * adjustment kind in words, a budget line by its metric's label ('collections_usd' ->
 * 'Payments (collections)'). Any other value is returned as it is.
 */
export function valueWord(column: string, value: string): string {
  const known = VALUE_WORDS[column]?.[value];
  if (known) return known;
  if (column === 'budget_line') {
    const id = BUDGET_LINE_METRIC[value];
    const m = id ? METRICS.find((x) => x.id === id) : undefined;
    if (m) return m.label;
  }
  // An unknown code of an enumeration still reads as words, never as a field name.
  if (column in VALUE_WORDS && /^[a-z]+(_[a-z]+)+$/.test(value)) return humanize(value);
  return value;
}
