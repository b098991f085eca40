/**
 * The vocabulary of the dashboards' request filters: the parameters a dashboard URL may carry,
 * their allowed values, and the validated Filters they resolve to. Pure types and constants.
 */
import { PAYER_CLASSES } from '../../etl/sources/contract.ts';

export { PAYER_CLASSES };
export type PayerClass = (typeof PAYER_CLASSES)[number];

/**
 * month: the anchor month; quarter: the calendar quarter of the anchor month, up to and
 * including it; ytd: January to the anchor month; t12m: the 12 months ending with it;
 * custom: whole months from `from` to `to`.
 */
export const PERIODS = ['month', 'quarter', 'ytd', 't12m', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** prior: the span of the same length just before; yoy: the same months a year before; budget: plan for the same months. */
export const COMPARES = ['prior', 'yoy', 'budget'] as const;
export type Compare = (typeof COMPARES)[number];

/** The query parameters, in the order of a canonical query string. */
export const FILTER_PARAMS = ['period', 'month', 'from', 'to', 'compare', 'location', 'provider', 'payerClass', 'asOf'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/**
 * A location or provider id as the warehouse keeps it: any text (sources.md: "any text; kept
 * exactly"), so names such as `Lee, Ana MD` or `Harbor View, Suite 200` filter too. Only what no
 * stored id can be is refused: an empty value, more than MAX_ID_CHARS characters, a NUL character
 * or text that is not well-formed Unicode (a lone surrogate).
 */
export const MAX_ID_CHARS = 1000;
/** Example: isIdentifier('Lee, Ana MD') -> true; isIdentifier('') -> false. */
export function isIdentifier(text: string): boolean {
  const chars = [...text].length;
  return chars >= 1 && chars <= MAX_ID_CHARS && !text.includes('\u0000') && isWellFormed(text);
}
/** No lone surrogate (String.prototype.isWellFormed, spelled out for older lib typings). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}


/** The earliest month a request may name. */
export const FIRST_MONTH = '1900-01';
/** The longest custom range, in months (a series query per month must stay cheap). */
export const MAX_CUSTOM_MONTHS = 120;

/**
 * A dashboard request's filters, validated and resolved. `from` (a first of month) and `to`
 * (a last of month) are inclusive ISO dates spanning whole months. Absent dimensions mean all.
 */
export interface Filters {
  readonly period: Period;
  readonly from: string;
  readonly to: string;
  readonly compare: Compare;
  readonly location?: string;
  readonly provider?: string;
  readonly payerClass?: PayerClass;
  /** The date A/R is taken at, when it is not the end of the period. */
  readonly asOf?: string;
}

/**
 * The clock and the data's coverage, injected. Example:
 * `{ today: '2025-05-10', dataStart: '2023-01-01', dataEnd: '2025-04-30' }`.
 */
export interface FilterContext {
  /** Today, ISO date (the request's clock). */
  readonly today: string;
  /** First date the warehouse has data for. */
  readonly dataStart?: string;
  /** Last date the warehouse has data for. */
  readonly dataEnd?: string;
}

export type ParseResult = { readonly ok: true; readonly value: Filters } | { readonly ok: false; readonly errors: string[] };
