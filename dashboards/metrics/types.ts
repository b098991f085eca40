/**
 * The vocabulary of the metric catalog: units, directions, target bands, filters and the
 * value a metric computes to. Pure types; no behaviour.
 */

/** pct values are fractions (0.95 is 95 %); usd values are dollars, exact to the cent. */
export type Unit = 'usd' | 'pct' | 'days' | 'ratio' | 'count' | 'minutes' | 'fte' | 'rvu';
export type GoodDirection = 'up' | 'down' | 'neutral';
export type Standard = 'MGMA' | 'HFMA MAP Keys' | 'CMS' | 'house rule';
/** A filter dimension a metric can honour. */
export type Dimension = 'location' | 'provider' | 'payerClass';

/**
 * Target band, in the metric's unit. For goodDirection 'up': value >= good is good, >= warn
 * is warn, anything lower is bad; for 'down' the same with <=. Either bound may be absent.
 * Example: days in A/R `{ good: 30, warn: 40 }`.
 */
export interface TargetBand {
  readonly good?: number;
  readonly warn?: number;
}

/**
 * What to compute over. `from` and `to` are inclusive ISO dates spanning whole months
 * (`from` a first of month, `to` a last of month). Absent dimensions mean "all".
 */
export interface MetricFilter {
  readonly from: string;
  readonly to: string;
  readonly locationId?: string;
  readonly providerId?: string;
  readonly payerClass?: string;
}

/**
 * A computed metric. `value` is null when the metric is undefined (a zero denominator, no
 * data for the date, or a filter the metric cannot honour; `note` says which).
 * Money (unit 'usd'): computed in DuckDB as DECIMAL and in JS as integer cents, converted to
 * a number of dollars only here, exact to the cent; `exact` carries the same amount as
 * decimal text ('1234.50') for documents that must not pass through binary floating point.
 * Ratios carry their numerator and denominator (money ones in dollars).
 */
export interface MetricValue {
  readonly value: number | null;
  readonly exact?: string;
  readonly numerator?: number | null;
  readonly denominator?: number | null;
  readonly note?: string;
}

/** One point of a metric series: the value over one calendar month. */
export interface SeriesPoint extends MetricValue {
  /** First day of the month, ISO. */
  readonly month: string;
}

/** A period and an optional location: for views whose data has no provider or payer. */
export type LocationFilter = Pick<MetricFilter, 'from' | 'to' | 'locationId'>;
