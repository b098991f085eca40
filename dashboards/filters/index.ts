/**
 * The dashboards' request filters: validation at the edge, canonical URLs, drill-down links and
 * comparison ranges. See README.md for the parameters and their rules.
 */
export { parseFilters } from './parse.ts';
export { dataSpan, type SourceSpan } from './coverage.ts';
export { filtersToQuery, toMetricFilter, withFilter, type DrillKey } from './query.ts';
export { comparisonRange, shiftRange } from './compare.ts';
export { filterChips, type ChipKey, type FilterChip } from './chips.ts';
export { filterChoices, providersAt, type FilterChoice, type FilterChoices, type ProviderChoice } from './options.ts';
export { defaultAnchor, periodRange, type Range } from './resolve.ts';
export {
  COMPARES,
  FILTER_PARAMS,
  isIdentifier,
  MAX_ID_CHARS,
  MAX_CUSTOM_MONTHS,
  PAYER_CLASSES,
  PERIODS,
  type Compare,
  type FilterContext,
  type FilterParam,
  type Filters,
  type ParseResult,
  type PayerClass,
  type Period,
} from './types.ts';
