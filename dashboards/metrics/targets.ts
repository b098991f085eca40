/**
 * Target bands: where a value stands against its metric's band, and the catalog with bands
 * overridden from configuration (the defaults come from PRODUCT.md §3).
 */
import { z } from 'zod';
import { PracticeBoardError } from '../../core/errors.ts';
import { getMetric, METRICS } from './catalog/index.ts';
import type { Metric } from './define.ts';
import type { TargetBand } from './types.ts';

export type TargetStatus = 'good' | 'warn' | 'bad';

/**
 * 'good' | 'warn' | 'bad' for the value against the band (bounds inclusive), or null when
 * the value is null, the metric has no good direction, or the band is empty.
 */
export function targetStatus(metric: Metric, value: number | null, band: TargetBand = metric.target): TargetStatus | null {
  if (value === null || metric.goodDirection === 'neutral') return null;
  if (band.good === undefined && band.warn === undefined) return null;
  const meets = (bound: number) => (metric.goodDirection === 'up' ? value >= bound : value <= bound);
  if (band.good !== undefined && meets(band.good)) return 'good';
  if (band.warn !== undefined && meets(band.warn)) return 'warn';
  return 'bad';
}

const bandSchema = z.object({ good: z.number().finite().optional(), warn: z.number().finite().optional() }).strict();
export const targetOverridesSchema = z.record(z.string(), bandSchema);

/**
 * The catalog with some target bands replaced, e.g. `withTargets({ days_in_ar: { good: 35, warn: 45 } })`.
 * Unknown metric ids and malformed bands are rejected.
 */
export function withTargets(overrides: Readonly<Record<string, TargetBand>>): Metric[] {
  const parsed = targetOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    throw new PracticeBoardError('TARGETS_INVALID', `invalid target overrides: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  for (const id of Object.keys(parsed.data)) getMetric(id);
  return METRICS.map((m) => (parsed.data[m.id] ? Object.freeze({ ...m, target: parsed.data[m.id] as TargetBand }) : m));
}
