/**
 * Exact money for the demo generator: amounts are integer cents (hours integer hundredths),
 * percentages are integer basis points, and every product is rounded half away from zero in
 * integer arithmetic. Nothing here multiplies money by a binary fraction.
 */

/** round(n * num / den) for integers, half away from zero, exact for safe integers. */
export function mulDiv(n: number, num: number, den: number): number {
  const p = n * num;
  if (!Number.isSafeInteger(p)) throw new RangeError(`mulDiv overflow: ${n} * ${num}`);
  const sign = p < 0 ? -1 : 1;
  const a = Math.abs(p);
  const q = Math.trunc(a / den);
  const r = a - q * den;
  return sign * (2 * r >= den ? q + 1 : q);
}

/** `bps` basis points of `cents` (10000 bp = 100%). */
export function bp(cents: number, bps: number): number {
  return mulDiv(cents, bps, 10_000);
}

/** Integer hundredths as a plain decimal: 123450 -> '1234.50', -5 -> '-0.05'. */
export function hundredths(n: number): string {
  const a = Math.abs(n);
  const whole = Math.floor(a / 100);
  const frac = a - whole * 100;
  return `${n < 0 ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Cents as vendor currency text: 123456 -> '$1,234.56', -4500 -> '($45.00)'. */
export function currencyText(cents: number): string {
  const s = String(Math.abs(cents)).padStart(3, '0');
  const dollars = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `$${dollars}.${s.slice(-2)}`;
  return cents < 0 ? `(${text})` : text;
}

/**
 * Cents raised by `bps` basis points a year for `years` years (negative: back in time), each
 * step rounded to a multiple of `unit` cents (100 for a fee schedule in whole dollars).
 */
export function escalate(cents: number, bps: number, years: number, unit = 1): number {
  let c = cents;
  for (let i = 0; i < years; i++) c = mulDiv(c, 10_000 + bps, 10_000 * unit) * unit;
  for (let i = 0; i > years; i--) c = mulDiv(c, 10_000, (10_000 + bps) * unit) * unit;
  return c;
}
