/**
 * Builders of MetricValue: money from integer cents, ratios that are null on a zero
 * denominator, plain quantities, and "not available" with its reason.
 */
import { centsToNumber, centsToText, divideCents } from './money.ts';
import type { MetricValue } from './types.ts';

export function money(cents: bigint): MetricValue {
  return { value: centsToNumber(cents), exact: centsToText(cents) };
}

/** An amount per unit (e.g. cost per visit), rounded to the cent; null when count is 0. */
export function moneyPer(cents: bigint, count: number): MetricValue {
  if (count === 0) return { value: null, numerator: centsToNumber(cents), denominator: 0, note: 'zero denominator' };
  const per = divideCents(cents, BigInt(count));
  return { value: centsToNumber(per), exact: centsToText(per), numerator: centsToNumber(cents), denominator: count };
}

type Operand = bigint | number | null;
/** bigint operands are cents and are reported in dollars. */
const report = (x: Operand): number | null => (typeof x === 'bigint' ? centsToNumber(x) : x);

/**
 * numerator / denominator, null when either is unknown or the denominator is zero. Two money
 * operands divide as cents, so the ratio is exact up to the final double.
 */
export function ratio(numerator: Operand, denominator: Operand, scale = 1): MetricValue {
  if (typeof numerator === 'bigint' && denominator !== null && typeof denominator !== 'bigint') {
    throw new TypeError('ratio of an amount to a count: use moneyPer');
  }
  const num = report(numerator);
  const den = report(denominator);
  if (numerator === null || denominator === null) return { value: null, numerator: num, denominator: den, note: 'unknown input' };
  if (Number(denominator) === 0) return { value: null, numerator: num, denominator: den, note: 'zero denominator' };
  return { value: (scale * Number(numerator)) / Number(denominator), numerator: num, denominator: den };
}

export function quantity(value: number | null, note?: string): MetricValue {
  return value === null ? { value: null, note: note ?? 'no data' } : { value };
}

export function unavailable(note: string): MetricValue {
  return { value: null, note };
}
