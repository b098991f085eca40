/**
 * What a view has applied beyond the defaults, as chips: each dimension filter (location,
 * provider, payer class, whether chosen in the bar or by a drill-down link) and the A/R date,
 * with the query of the same view without it, so each can be removed with a plain link. The
 * period and comparison always have a value and are said in the page's period line instead.
 *
 * Example: location MAIN ('Main Street') ->
 *   { key: 'location', label: 'Location', value: 'Main Street', removeQuery: 'period=month&month=2026-10&compare=prior' }
 */
import type { FilterChoice } from './options.ts';
import { filtersToQuery } from './query.ts';
import type { Filters } from './types.ts';

export type ChipKey = 'location' | 'provider' | 'payerClass' | 'asOf';

export interface FilterChip {
  readonly key: ChipKey;
  readonly label: string;
  /** The value as a reader knows it: a name from the reference data, else the id. */
  readonly value: string;
  /** The canonical query of the view with this filter removed. */
  readonly removeQuery: string;
}

const LABEL: Readonly<Record<ChipKey, string>> = { location: 'Location', provider: 'Provider', payerClass: 'Payer class', asOf: 'A/R as of' };

const without = (f: Filters, key: ChipKey): Filters => {
  const next: { -readonly [P in keyof Filters]: Filters[P] } = { ...f };
  delete next[key];
  return next;
};

export function filterChips(f: Filters, names: { readonly locations: readonly FilterChoice[]; readonly providers: readonly FilterChoice[] }): FilterChip[] {
  const nameOf = (list: readonly FilterChoice[], id: string) => list.find((c) => c.id === id)?.name || id;
  const value: Record<ChipKey, string | undefined> = {
    location: f.location === undefined ? undefined : nameOf(names.locations, f.location),
    provider: f.provider === undefined ? undefined : nameOf(names.providers, f.provider),
    payerClass: f.payerClass?.replace('_', ' '),
    asOf: f.asOf,
  };
  return (Object.keys(LABEL) as ChipKey[])
    .filter((key) => value[key] !== undefined)
    .map((key) => ({ key, label: LABEL[key], value: value[key]!, removeQuery: filtersToQuery(without(f, key)) }));
}
