/**
 * A number as the reader sees it, in a tile or a table cell: formatted by its unit (the unit
 * table, through dashboards/charts/format.ts), "suppressed" where hidden, a dash where there
 * is no value. The only place outside the charts' own axes that turns a number into text.
 */
import { formatValue, humanize, MISSING } from '../charts/format.ts';
import { monthLabel, toMonth } from '../charts/values.ts';
import type { Metric, MetricValue } from '../metrics/index.ts';
import { isSuppressed, SUPPRESSED_TEXT, type Cell } from '../privacy/suppress.ts';
import type { PresentedNumber } from './model.ts';
import { implausible } from './plausible.ts';
import { metricOfColumn, UNITS, unitOf, type Unit } from './units.ts';
import { valueWord } from './wording.ts';

export { MISSING } from '../charts/format.ts';

/** A metric value (a tile or a comparison) as presented. */
export function presentNumber(m: Metric, column: string, v: MetricValue | null | undefined, opts: { suppress?: boolean } = {}): PresentedNumber {
  if (opts.suppress) return { value: null, text: SUPPRESSED_TEXT, suppressed: true };
  if (!v) return { value: null, text: MISSING };
  const why = implausible(m, v);
  if (why) return { value: null, text: MISSING, flagged: true, note: why };
  const shown = v.value === null ? null : m.unit === 'usd' ? (v.exact ?? v.value) : v.value;
  const compact = shown === null ? {} : { compactText: compactNumber(m.unit, shown) };
  return { value: v.value, ...(v.exact ? { exact: v.exact } : {}), text: formatValue(column, shown), ...compact, ...(v.note ? { note: v.note } : {}) };
}

const compactFormats = new Map<string, Intl.NumberFormat>();
function compactFormat(money: boolean): Intl.NumberFormat {
  const key = money ? 'usd' : 'n';
  let f = compactFormats.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions = { notation: 'compact', maximumSignificantDigits: 3, signDisplay: 'negative' };
    compactFormats.set(key, (f = new Intl.NumberFormat('en-US', money ? { ...options, style: 'currency', currency: 'USD' } : options)));
  }
  return f;
}

/**
 * A number in readable units, for tiles: money to three significant digits ('$1.14M', '$61.2k',
 * '$950'), counts of ten thousand and more likewise ('12.3k'), other units by their digits with
 * their word ('41.2 days'). Money given as decimal text is formatted from the text (Intl reads
 * it as an exact decimal). Tables and exports keep the exact text (`formatValue`).
 */
export function compactNumber(unit: Unit, value: number | string): string {
  const operand = value as number | `${number}`;
  const lowerK = (s: string) => s.replace(/K$/, 'k');
  if (unit === 'usd') return lowerK(compactFormat(true).format(operand));
  const n = Number(value);
  if (unit === 'count' && Math.abs(n) >= 10_000) return lowerK(compactFormat(false).format(operand));
  const digits = UNITS[unit].digits;
  const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative', ...(unit === 'pct' ? { style: 'percent' } : {}) }).format(operand);
  const word = UNITS[unit].word;
  return word ? `${text} ${word}` : text;
}

const ISO_MONTH_START = /^\d{4}-\d{2}-01$/;

/** A table cell as the reader sees it. A `month` column's first-of-month dates read 'Oct 2026'. */
export function cellText(column: string, v: Cell | undefined): string {
  if (isSuppressed(v)) return SUPPRESSED_TEXT;
  if (v === undefined || v === null) return MISSING;
  if (column === 'month' && typeof v === 'string' && ISO_MONTH_START.test(v)) return monthLabel(toMonth(v));
  const metric = metricOfColumn(column);
  if (metric && typeof v === 'number' && implausible(metric, { value: v })) return MISSING;
  if (typeof v === 'string' && unitOf(column) === 'text') return valueWord(column, v);
  return formatValue(column, v);
}

/** Column heading: a metric's value column by the metric's label ('days_in_ar' -> 'Days in A/R'), else humanized. */
export function columnLabel(column: string): string {
  const unit = unitOf(column);
  // A column named by its unit alone ('fte') is headed by the unit's own label ('FTE').
  if (unit !== 'text' && UNITS[unit].suffix === column) return UNITS[unit].label;
  return metricOfColumn(column)?.label ?? humanize(column);
}

/**
 * The headings of a table's columns, told apart: where two columns would read alike (a share
 * 'charges_pct' beside its amount 'charges_usd'), the one not in money names its unit: 'Charges (%)'.
 */
export function columnHeadings(columns: readonly string[]): string[] {
  const labels = columns.map(columnLabel);
  return labels.map((l, i) => {
    const unit = unitOf(columns[i]!);
    return labels.filter((x) => x === l).length > 1 && unit !== 'text' && unit !== 'usd' ? `${l} (${UNITS[unit].label})` : l;
  });
}

export const isNumericColumn = (column: string): boolean => unitOf(column) !== 'text';

/** Columns only there to link (drill-down keys) are not shown. */
export const isShownColumn = (column: string): boolean => !column.endsWith('_key');
