/**
 * Which computed values are possible at all. A value outside what its measure can be is a
 * sign of data the measure cannot support (a rate over a negative base, refunds exceeding a
 * month's payments), so it is flagged and shown as a dash with a note, never as a figure:
 * - a share of a whole (no-show rate, % of A/R over 90 days, denial rate, overtime %) lies in
 *   0..100%;
 * - a collection rate lies in 0..200% with a positive base (house rule: beyond twice the
 *   month's net charges, payments are for other months' charges, not a collection rate);
 * - a count, a number of days, minutes, FTE, RVUs or a ratio of them is never negative; a cost
 *   share of collections needs collections above zero.
 * Money amounts are never flagged: a negative amount is possible (a refund month).
 */
import type { Metric, MetricValue } from '../metrics/index.ts';

const SHARES = new Set(['ar_over_90_pct', 'ar_over_120_pct', 'denial_rate', 'denial_rate_usd', 'overtime_pct', 'no_show_rate', 'late_cancel_rate']);
const COLLECTION_RATES = new Set(['net_collection_rate', 'net_collection_rate_3m', 'net_collection_rate_12m', 'gross_collection_rate']);
/** Highest collection rate presented as one. */
export const MAX_COLLECTION_RATE = 2;

/** Why `v` is not a possible value of `m`, or null when it is (or there is no value). */
export function implausible(m: Pick<Metric, 'id' | 'unit'>, v: Pick<MetricValue, 'value' | 'denominator'> | null | undefined): string | null {
  if (!v || v.value === null || m.unit === 'usd') return null;
  const x = v.value;
  if (!Number.isFinite(x)) return 'not meaningful: not a finite number';
  if (v.denominator !== undefined && v.denominator !== null && v.denominator < 0) return 'not meaningful: its base is below zero';
  if (SHARES.has(m.id) && (x < 0 || x > 1)) return 'not meaningful: a share outside 0 to 100%';
  if (COLLECTION_RATES.has(m.id) && (x < 0 || x > MAX_COLLECTION_RATE)) return 'not meaningful: payments are not a collection rate of this period\u2019s charges';
  if (x < 0) return 'not meaningful: below zero';
  return null;
}
