/**
 * Filters back to URLs: a canonical query string (the same filters always give the same text,
 * parameters in a fixed order, defaults written out) so a view can be bookmarked and shared,
 * and drill-down links that change one dimension. `parseFilters(filtersToQuery(f))` gives `f`.
 */
import { z } from 'zod';
import { PracticeBoardError } from '../../core/errors.ts';
import type { MetricFilter } from '../metrics/types.ts';
import { monthOf } from './calendar.ts';
import { show } from './params.ts';
import { COMPARES, FILTER_PARAMS, PAYER_CLASSES, isIdentifier, type FilterParam, type Filters } from './types.ts';

/** Example: `period=quarter&month=2025-03&compare=prior&location=MAIN` (no leading `?`). */
export function filtersToQuery(f: Filters): string {
  const values: Partial<Record<FilterParam, string | undefined>> = {
    period: f.period,
    month: f.period === 'custom' ? undefined : monthOf(f.to),
    from: f.period === 'custom' ? f.from : undefined,
    to: f.period === 'custom' ? f.to : undefined,
    compare: f.compare,
    location: f.location,
    provider: f.provider,
    payerClass: f.payerClass,
    asOf: f.asOf,
  };
  const query = new URLSearchParams();
  for (const key of FILTER_PARAMS) {
    const value = values[key];
    if (value !== undefined) query.append(key, value);
  }
  return query.toString();
}

/** The filters a drill-down link may change. */
export type DrillKey = 'location' | 'provider' | 'payerClass' | 'compare';

const DRILL: Record<DrillKey, z.ZodType<string>> = {
  location: z.string().refine(isIdentifier),
  provider: z.string().refine(isIdentifier),
  payerClass: z.enum(PAYER_CLASSES),
  compare: z.enum(COMPARES),
};

/**
 * `f` with one filter set, or removed when `value` is undefined (compare then returns to its
 * default, prior). Example: a bar of a by-provider chart links to
 * `filtersToQuery(withFilter(f, 'provider', 'DR-0042'))`. Throws FILTER_INVALID on a value
 * the request parser would refuse, so no link leads to an error page.
 */
export function withFilter<K extends DrillKey>(f: Filters, key: K, value: Filters[K] | undefined): Filters {
  if (value !== undefined && !DRILL[key].safeParse(value).success) {
    throw new PracticeBoardError('FILTER_INVALID', `${key}: ${show(value)} cannot be used as a filter value`);
  }
  const next: { -readonly [P in keyof Filters]: Filters[P] } = { ...f };
  if (key === 'compare') next.compare = (value as Filters['compare'] | undefined) ?? 'prior';
  else if (value === undefined) delete next[key as Exclude<DrillKey, 'compare'>];
  else Object.assign(next, { [key]: value });
  return next;
}

/** The metric catalog's filter for the same request. */
export function toMetricFilter(f: Filters): MetricFilter {
  return {
    from: f.from,
    to: f.to,
    ...(f.location !== undefined && { locationId: f.location }),
    ...(f.provider !== undefined && { providerId: f.provider }),
    ...(f.payerClass !== undefined && { payerClass: f.payerClass }),
  };
}
