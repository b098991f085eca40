/**
 * An amount as written in a file, read per the profile's number format into exact cents: the
 * currency symbol and thousands separators dropped, a decimal comma read as a point, `(45.00)`
 * read as -45.00. Text that is not an amount with at most two decimals is null. Used by the
 * record scan for the file's control total, independently of the SQL that types the rows.
 */
export interface NumberFormat {
  readonly currencySymbol: string;
  readonly thousands: string;
  readonly decimal: string;
  readonly parenNegative: boolean;
}

const AMOUNT = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

export function parseAmountCents(text: string, fmt: NumberFormat): bigint | null {
  let t = text.replaceAll(' ', '');
  if (fmt.currencySymbol !== '') t = t.replaceAll(fmt.currencySymbol, '');
  if (fmt.thousands !== '' && fmt.thousands !== ' ') t = t.replaceAll(fmt.thousands, '');
  if (fmt.decimal === ',') t = t.replaceAll(',', '.');
  if (fmt.parenNegative && t.startsWith('(') && t.endsWith(')')) t = `-${t.slice(1, -1)}`;
  const m = AMOUNT.exec(t);
  if (!m) return null;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** Cents as exact decimal text, `-1234.50`. */
export function centsText(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
