/**
 * Typed reading of X12 element values: amounts (R) to exact integer cents, dates (DT,
 * CCYYMMDD) to ISO text, composites split on the interchange's component separator. A bad
 * value raises an ElementError naming the element and rule, never the value.
 */

export class ElementError extends Error {
  constructor(
    readonly element: string,
    readonly reason: string,
  ) {
    super(`${element} ${reason}`);
  }
}

const AMOUNT = /^(-)?(\d*)(?:\.(\d*))?$/;

/** An X12 decimal amount ("100", "-12.5", ".75") as integer cents; more than 2 decimals is an error. */
export function cents(value: string | undefined, element: string): number {
  const m = value === undefined ? null : AMOUNT.exec(value);
  if (value === undefined || value === '') throw new ElementError(element, 'is required (an amount)');
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new ElementError(element, 'is not an amount');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) throw new ElementError(element, 'has more than 2 decimal places');
  const whole = m[2] === '' ? 0 : Number(m[2]);
  const v = whole * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(v) || v >= 1e13) throw new ElementError(element, 'is implausibly large (100,000,000,000 or more)');
  return m[1] ? -v : v;
}

export function optionalCents(value: string | undefined, element: string): number | null {
  return value === undefined || value === '' ? null : cents(value, element);
}

/** CCYYMMDD to YYYY-MM-DD, checked to be a real calendar date. */
export function date(value: string | undefined, element: string): string {
  if (value === undefined || value === '') throw new ElementError(element, 'is required (a date)');
  if (!/^\d{8}$/.test(value)) throw new ElementError(element, 'is not a date (CCYYMMDD)');
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw new ElementError(element, 'is not a calendar date');
  return iso;
}

export function optionalDate(value: string | undefined, element: string): string | null {
  return value === undefined || value === '' ? null : date(value, element);
}

export function required(value: string | undefined, element: string): string {
  if (value === undefined || value.trim() === '') throw new ElementError(element, 'is required');
  return value.trim();
}

export function optional(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** A decimal quantity (units, CAS quantity) kept as text for an exact DECIMAL column. */
export function quantity(value: string | undefined, element: string): string | null {
  if (value === undefined || value === '') return null;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(value)) throw new ElementError(element, 'is not a number');
  return value.startsWith('.') ? `0${value}` : value.startsWith('-.') ? `-0${value.slice(1)}` : value;
}
