/**
 * Number formatting from the unit in a column's name, for charts and tables alike. The unit is
 * the name's suffix: `_usd` money, `_pct` a fraction shown as a percent, `_days`, `_n` a count,
 * `_min` minutes, `_fte`, `_rvu`, `_ratio`; any other column is text.
 *
 * Guarantees:
 * - Money given as decimal text (`'1234.5'`) is formatted from the text itself, never through a
 *   binary double: `formatValue('charges_usd', '1234.5')` is `'$1,234.50'`. A bigint is integer
 *   cents (the house representation of money in JS); a number is dollars.
 * - Negative numbers carry a leading ASCII minus before the symbol (`-$1,234.50`, `-4.0%`), in
 *   every unit. Chosen over accounting parentheses so that all units read alike, a copied cell
 *   parses in a spreadsheet, and digits stay right-aligned. Negative zero shows as zero.
 * - Missing values (null, undefined, NaN) show as `MISSING` (an em dash), never as 0.
 * - Numeric columns align right, text left (`alignOf`).
 *
 * API: unitOf, formatValue, tickFormat, axisLabel, humanize, alignOf, MISSING.
 */
import { centsToText } from '../metrics/money.ts';
import { UNITS, unitOf, unitSuffixOf, type Unit } from '../present/units.ts';

export { unitOf, type ColumnUnit } from '../present/units.ts';

/** Shown for a missing value. */
export const MISSING = '\u2014';

const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

/** Right for numeric columns, left for text: the one alignment rule of tables. */
export function alignOf(column: string): 'left' | 'right' {
  return unitOf(column) === 'text' ? 'left' : 'right';
}

/** Abbreviations a reader knows in capitals, never as a capitalized field name ('Ar', 'Fte'). */
const ACRONYMS: Readonly<Record<string, string>> = { ar: 'A/R', carc: 'CARC', rarc: 'RARC', era: 'ERA', plb: 'PLB', fte: 'FTE', npi: 'NPI', cpt: 'CPT', rvu: 'RVU', rvus: 'RVUs', id: 'ID' };

/** 'no_show_pct' -> 'No show'; 'gross_charges_usd' -> 'Gross charges'; 'ar_start_usd' -> 'A/R start'. */
export function humanize(column: string): string {
  const suffix = unitSuffixOf(column);
  const words = column.slice(0, column.length - suffix.length).split(/_+/).filter(Boolean).map((w) => ACRONYMS[w.toLowerCase()] ?? w).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An axis label with its unit: `axisLabel('payments_usd')` is `'Payments (USD)'`; `axisLabel('fte')` is `'FTE'`. */
export function axisLabel(column: string, label = humanize(column)): string {
  const unit = unitOf(column);
  return unit === 'text' || label === UNITS[unit].label ? label : `${label} (${UNITS[unit].label})`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat('en-US', { signDisplay: 'negative', ...options })));
  return f;
}

function intlOptions(unit: Unit): Intl.NumberFormatOptions {
  const digits = { minimumFractionDigits: UNITS[unit].digits, maximumFractionDigits: UNITS[unit].digits };
  if (unit === 'usd') return { style: 'currency', currency: 'USD', ...digits };
  if (unit === 'pct') return { style: 'percent', ...digits };
  return digits;
}

/**
 * A value of `column` as display text. Accepts numbers, decimal text and bigints (cents for
 * money, plain integers otherwise). Throws on text that is not a plain decimal number.
 * `withUnit` appends the unit word where the symbol does not say it: `'12.5 days'`.
 * Examples: `formatValue('no_show_pct', 0.0712)` is `'7.1%'`; `formatValue('visits_n', 1234)` is `'1,234'`.
 */
export function formatValue(column: string, value: unknown, options: { withUnit?: boolean } = {}): string {
  const unit = unitOf(column);
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return MISSING;
  if (unit === 'text') return String(value);
  let operand: number | `${number}`;
  if (typeof value === 'number') operand = value;
  else if (typeof value === 'bigint') operand = (unit === 'usd' ? centsToText(value) : value.toString()) as `${number}`;
  else if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) operand = value.trim() as `${number}`;
  else throw new TypeError(`${column}: not a number: ${JSON.stringify(String(value))}`);
  const text = numberFormat(unit, intlOptions(unit)).format(operand);
  const word = UNITS[unit].word;
  return options.withUnit && word ? `${text} ${word}` : text;
}

/**
 * Short labels for axis ticks of `column`: money compact (`$1.25M`, `$950`), percents without
 * trailing zeros (`5%`, `7.5%`), other units with grouping and at most one decimal.
 */
export function tickFormat(column: string): (value: number) => string {
  const unit = unitOf(column);
  if (unit === 'text') return (value) => String(value);
  const f =
    unit === 'usd'
      ? numberFormat('tick-usd', { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 })
      : unit === 'pct'
        ? numberFormat('tick-pct', { style: 'percent', maximumFractionDigits: 1 })
        : numberFormat('tick', { maximumFractionDigits: 1 });
  return (value) => f.format(value);
}
