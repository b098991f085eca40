/**
 * How the product words a measure's standing, once for every output: the status words, the
 * target ('≥ 95.0%'), the target band of a definition ('good ≤ 30.0; watch ≤ 40.0') and the
 * good direction. Numbers in them are formatted by the unit table like every other number.
 */
import { formatValue } from '../charts/format.ts';
import type { Metric } from '../metrics/index.ts';
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
