/**
 * CSV text as RFC 4180 writes it: a field is quoted only when it holds a comma, a quote or a
 * line break, and quotes inside are doubled. Written out (a few lines) rather than through a
 * CSV library because the benchmark ledger formats millions of rows a second through it; the
 * tests read every file back with papaparse.
 */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[], eol = '\n'): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) out += (i === 0 ? '' : ',') + csvField(fields[i]!);
  return out + eol;
}
