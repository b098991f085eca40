/**
 * The metric catalog: every metric of PRODUCT.md §3, defined once. `METRICS` is the list in
 * display order; `getMetric` finds one by id and names the valid ids when it does not exist.
 */
import { PracticeBoardError } from '../../../core/errors.ts';
import type { Metric } from '../define.ts';
import { ACCESS_METRICS } from './access.ts';
import { COLLECTIONS_METRICS } from './collections.ts';
import { FINANCIAL_METRICS } from './financial.ts';
import { STAFFING_METRICS } from './staffing.ts';

export const METRICS: readonly Metric[] = Object.freeze([
  ...FINANCIAL_METRICS,
  ...COLLECTIONS_METRICS,
  ...STAFFING_METRICS,
  ...ACCESS_METRICS,
]);

/** The catalog's groups in display order, with the heading a reader sees (/metrics, the pack's appendix). */
export const METRIC_GROUPS = [
  ['financial', 'Financial review'],
  ['collections', 'Collections performance'],
  ['staffing', 'Staffing efficiency'],
  ['access', 'Access and care delivery'],
] as const;

const BY_ID = new Map(METRICS.map((m) => [m.id, m]));
if (BY_ID.size !== METRICS.length) throw new Error('metric catalog: duplicate metric id');

export function getMetric(id: string): Metric {
  const m = BY_ID.get(id);
  if (!m) throw new PracticeBoardError('METRIC_UNKNOWN', `unknown metric ${JSON.stringify(id)}; known: ${[...BY_ID.keys()].join(', ')}`);
  return m;
}
