/**
 * A bridge drawn as a waterfall: the comparison, the drivers of one dimension (or the
 * effects), the month. The bars' text is the bridge's own.
 */
import { waterfall } from '../charts/waterfall.ts';
import { getMetric } from '../metrics/index.ts';
import { fullMonth } from './anomalies.ts';
import type { Bridge, BridgeDimension } from './types.ts';

const COLUMN: Readonly<Record<string, string>> = { usd: 'amount_usd', pct: 'rate_pct', days: 'age_days', count: 'count_n' };

/**
 * The waterfall of `b` by `dimension` ('effect' for volume and rate); null when there is no
 * change to draw. `currentLabel` names the period explained when it is more than one month.
 */
export function waterfallOf(b: Bridge, dimension: BridgeDimension | 'effect', opts: { readonly width?: number; readonly currentLabel?: string } = {}): string | null {
  const current = opts.currentLabel ?? fullMonth(b.month);
  if (!b.change || !b.base || !b.current) return null;
  const steps = dimension === 'effect'
    ? (b.effects ?? []).map((e) => ({ label: e.label, value: e.change.value, text: e.change.text }))
    : (b.byDimension.find((d) => d.dimension === dimension)?.drivers ?? []).map((d) => ({ label: d.label, value: d.change.value, text: d.change.text }));
  if (steps.length === 0) return null;
  // Drivers are distinct among themselves; one named like a period bar is told apart.
  const periods = new Set([b.comparisonLabel, current]);
  for (const st of steps) if (periods.has(st.label)) st.label = `${st.label} (segment)`;
  const by = dimension === 'effect' ? 'effect' : b.byDimension.find((d) => d.dimension === dimension)!.label.toLowerCase();
  return waterfall({
    id: `why-${b.metricId.replaceAll('_', '-')}-${dimension.toLowerCase()}`,
    title: `${b.label}: ${b.comparisonLabel} to ${current}, by ${by}`,
    column: COLUMN[b.unit] ?? 'amount_usd',
    base: { label: b.comparisonLabel, value: b.base.value, text: b.base.text },
    // A budget compares the same month: its bar is 'Budget', the month's its name.
    current: { label: current, value: b.current.value, text: b.current.text },
    steps,
    goodDirection: getMetric(b.metricId).goodDirection,
    width: opts.width ?? 640,
  });
}
