/**
 * Cells of plain rows as chart inputs. Money may arrive as exact decimal text; it becomes a
 * binary number only to be plotted (a position on an axis), never for arithmetic whose result
 * is shown: shown totals are summed exactly, in integer cents.
 *
 * API: plotNumber, exactSum, exactDifference, isMonth, toMonth, monthLabel, monthTick.
 */
import { centsToNumber, centsToText, toCents } from '../metrics/money.ts';
import { unitOf } from './format.ts';

const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A cell as a number to plot: numbers as they are, decimal text parsed, a bigint of a `_usd`
 * column read as cents. Missing (null, undefined, NaN) is null; anything else throws.
 */
export function plotNumber(column: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'bigint') return unitOf(column) === 'usd' ? centsToNumber(value) : Number(value);
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  throw new TypeError(`${column}: not a number: ${JSON.stringify(String(value))}`);
}

/** A present money cell as integer cents: decimal text exactly, a bigint as cents, a number of dollars via its cent text. */
function cellCents(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  // A number of dollars is exact to the cent in the house data; toFixed(2) reads it back as text.
  return toCents(typeof value === 'number' ? value.toFixed(2) : String(value));
}

const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/**
 * The sum of a column's cells, missing cells skipped. Money (`_usd`) is summed in integer cents
 * and returned as decimal text (`'1234.50'`); other units as a number.
 */
export function exactSum(column: string, values: readonly unknown[]): string | number {
  if (unitOf(column) !== 'usd') return values.reduce<number>((sum, v) => sum + (plotNumber(column, v) ?? 0), 0);
  return centsToText(values.filter((v) => !missing(v)).reduce<bigint>((sum, v) => sum + cellCents(v), 0n));
}

/** a - b, or null when either is missing; money exactly, as decimal text. */
export function exactDifference(column: string, a: unknown, b: unknown): string | number | null {
  if (missing(a) || missing(b)) return null;
  if (unitOf(column) === 'usd') return centsToText(cellCents(a) - cellCents(b));
  return (plotNumber(column, a) as number) - (plotNumber(column, b) as number);
}

/** True for a Date or ISO date text: a cell `toMonth` reads. */
export function isMonth(value: unknown): boolean {
  return (value instanceof Date && !Number.isNaN(value.getTime())) || (typeof value === 'string' && ISO_DATE.test(value));
}

/** A month cell ('2025-01-01', '2025-01-01T00:00:00Z' or a Date) as a Date at UTC midnight. */
export function toMonth(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw new TypeError(`not an ISO date: ${JSON.stringify(String(value))}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** 'Jan 2025' (UTC). */
export function monthLabel(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/**
 * Tick text for a month axis: the month, with the year on a second line for January and
 * for the first tick. Works for Date ticks and ISO-text band keys.
 */
export function monthTick(value: unknown, index: number): string {
  const date = toMonth(value);
  const month = MONTHS[date.getUTCMonth()] as string;
  return index === 0 || date.getUTCMonth() === 0 ? `${month}\n${date.getUTCFullYear()}` : month;
}
