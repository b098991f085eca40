/**
 * Exact money between DuckDB and JS: DECIMAL text to integer cents (bigint) and back.
 * Never rounds silently: text with more than two decimals is an error.
 */
import { PracticeBoardError } from '../../core/errors.ts';

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** '1234.5' -> 123450n; '-0.05' -> -5n. */
export function toCents(text: string): bigint {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) throw new PracticeBoardError('MONEY_INVALID', `not an amount in dollars and cents: ${JSON.stringify(text)}`);
  const cents = BigInt(m[2] as string) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** 123450n -> '1234.50' */
export function centsToText(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${frac}`;
}

/** Dollars as a number, the nearest double to the exact cent amount. */
export function centsToNumber(cents: bigint): number {
  return Number(centsToText(cents));
}

/** cents / n rounded half away from zero to the cent, in integer arithmetic. */
export function divideCents(cents: bigint, n: bigint): bigint {
  if (n === 0n) throw new PracticeBoardError('MONEY_DIVIDE_BY_ZERO', 'division of an amount by zero');
  const negative = cents < 0n !== n < 0n;
  const a = cents < 0n ? -cents : cents;
  const b = n < 0n ? -n : n;
  const q = (2n * a + b) / (2n * b);
  return negative ? -q : q;
}
