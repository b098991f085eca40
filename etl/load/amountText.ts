/**
 * An amount as written in a file, read per the profile's number format into exact cents: the
 * currency symbol and thousands separators dropped, a decimal comma read as a point, `(45.00)`
 * read as -45.00. Thousands separators count only where they group the integer digits in threes
 * (`1,234.56`, `-1,234`, `(1,234.56)`); text with a separator anywhere else (`12,50`, `1,5`,
 * `,100.00`, `100.00,`, `1,,000.00`, `1234,567`) is not an amount: removing every separator read
 * `12,50` as 1250.00. Text that is not an amount with at most two decimals is null. Used by the
 * record scan for the file's control total, independently of the SQL that types the rows
 * (typing.ts applies the same rule in its own terms).
 */
export interface NumberFormat {
  readonly currencySymbol: string;
  readonly thousands: string;
  readonly decimal: string;
  readonly parenNegative: boolean;
}

const AMOUNT = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

/** A character as a regular-expression pattern that matches only it (JavaScript's and DuckDB's RE2 alike). */
export const escapeRegexChar = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');

/** Signed text whose separators group its integer digits in threes: `-1,234,567.89` (`.89` optional). */
const groupedCache = new Map<string, RegExp>();
function groupedRe(thousands: string, decimal: string): RegExp {
  const key = thousands + decimal;
  let re = groupedCache.get(key);
  if (!re) {
    re = new RegExp(`^[+-]?\\d{1,3}(?:${escapeRegexChar(thousands)}\\d{3})+(?:${escapeRegexChar(decimal)}\\d+)?$`);
    groupedCache.set(key, re);
  }
  return re;
}

/**
 * A cell's text without the spaces at its ends that the typing's `trim` removes: DuckDB's trim
 * strips the Unicode space separators (category Zs: the space, the no-break space U+00A0, the
 * thin and other spaces U+2000 to U+200A, U+202F, U+205F, U+3000, U+1680) and nothing else, not
 * a tab (test/etl/amountSpaces.test.ts checks the set against DuckDB's over every code point).
 * The scan read `12.30` followed by a no-break space as no amount while the typing loaded 12.30,
 * so the file's control total and the loaded total disagreed on a file that loaded whole.
 */
export const trimLikeSql = (text: string): string => text.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');

export function parseAmountCents(text: string, fmt: NumberFormat): bigint | null {
  let t = trimLikeSql(text).replaceAll(' ', '');
  if (fmt.currencySymbol !== '') t = t.replaceAll(fmt.currencySymbol, '');
  if (fmt.parenNegative && t.startsWith('(') && t.endsWith(')')) t = `-${t.slice(1, -1)}`;
  if (fmt.thousands !== '' && fmt.thousands !== ' ' && t.includes(fmt.thousands)) {
    // A separator must group the integer digits in threes; anywhere else the text is no amount.
    if (!groupedRe(fmt.thousands, fmt.decimal).test(t)) return null;
    t = t.replaceAll(fmt.thousands, '');
  }
  if (fmt.decimal === ',') t = t.replaceAll(',', '.');
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

/**
 * Whether plain number text (`-1234.56`: what `plainCents` reads, and what DuckDB writes for a
 * DECIMAL) is its own value under the format: when neither the thousands separator nor (for
 * money, whose text may carry it) the currency symbol holds a character of such text. Where the
 * thousands separator is '.', `12.50` is no amount (a separator not grouping in threes), so
 * neither the scan's `plainCents` nor the typing's fast path may be taken.
 */
export function plainTextIsOwn(fmt: NumberFormat, money = true): boolean {
  const clashes = (x: string): boolean => /[-+0-9.]/.test(x);
  return !clashes(fmt.thousands) && !(money && clashes(fmt.currencySymbol));
}

/** The record's control amount as written: the first non-zero of its columns, else the first non-blank. */
export function controlAmount(buf: Buffer, f: readonly number[], control: { readonly columns: readonly number[]; readonly format: NumberFormat }, decode: (b: Buffer) => string): bigint | null {
  if (control.columns.length === 1 && plainTextIsOwn(control.format)) {
    const c = control.columns[0]!;
    const plain = plainCents(buf, f[c * 3]!, f[c * 3 + 1]!);
    if (plain === plain) return BigInt(plain);
  }
  const texts = control.columns.map((c) => {
    const s = f[c * 3]!;
    const e = f[c * 3 + 1]!;
    const text = decode(buf.subarray(s, e));
    return (f[c * 3 + 2]! & 2) !== 0 ? text.replaceAll('""', '"') : text;
  });
  const values = texts.map((t) => (trimLikeSql(t) === '' ? undefined : parseAmountCents(t, control.format)));
  const nonZero = values.find((v) => v !== undefined && v !== null && v !== 0n);
  if (nonZero !== undefined) return nonZero;
  const first = values.find((v) => v !== undefined);
  return first ?? null;
}

/**
 * Fast path for the common `-1234.56` (plain digits, at most 2 decimals, under 10^13): its cents
 * as a number (exact: below 10^15 < 2^53), else NaN. A `-0` is 0.
 */
export function plainCents(buf: Buffer, s: number, e: number): number {
  let i = s;
  const neg = buf[i] === 0x2d;
  if (neg) i++;
  let units = 0;
  let digits = 0;
  for (; i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++, digits++) units = units * 10 + (buf[i]! - 0x30);
  if (digits === 0 || digits > 13) return Number.NaN;
  let cents = 0;
  if (i < e) {
    if (buf[i] !== 0x2e || e - i - 1 < 1 || e - i - 1 > 2) return Number.NaN;
    for (let j = i + 1; j < e; j++) {
      const d = buf[j]!;
      if (d < 0x30 || d > 0x39) return Number.NaN;
      cents = cents * 10 + (d - 0x30);
    }
    if (e - i - 1 === 1) cents *= 10;
  }
  const total = units * 100 + cents;
  return neg && total !== 0 ? -total : total;
}
