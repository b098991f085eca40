/**
 * Why no profile reads a file, when the product can tell: the file is not a CSV at all (a
 * ZIP archive such as an .xlsx workbook, an Office 97-2003 file, a PDF, an HTML page, XML), or
 * one of its first lines is a profile's header when split at another delimiter (`findHeader`
 * itself, with only the dialect's delimiter swapped), then also whether the next records write
 * their amounts with a decimal comma. It reads only the head the header search read, and runs
 * only when a file is refused. The hint names line numbers, profile ids, the profile's own
 * field names, delimiters, counts and file kinds; never a cell, a header text or a byte of the
 * file. Its decimal-comma rule (`decimalCommaRule`) is the one the upload page's profile save
 * uses too.
 */
import type { Profile } from '../profiles/schema.ts';
import { SOURCES } from '../sources/catalog.ts';
import { decodeHead, findHeader, headLines, parseLine, type HeaderMatch } from './header.ts';

/** Delimiters tried, in this order (the first that matches wins a tie); also those the upload page may report. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
const NAMES: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
/** Records after the header whose amounts are looked at for a decimal comma. */
const RECORDS_LOOKED_AT = 5;

const delimiterName = (d: string): string => NAMES[d] ?? `"${d}"`;

/** What the first bytes say the file is, when it is not text at all. */
export function fileKind(bytes: Buffer): string | undefined {
  const starts = (sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive, as an Excel workbook (.xlsx) is';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'an Office 97-2003 file, as an Excel .xls workbook is';
  if (starts([0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  const text = bytes.subarray(0, 512).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'an HTML page (some systems save a web page under an Excel or CSV name)';
  if (text.startsWith('<?xml')) return text.includes('progid="excel.sheet"') ? 'an Excel 2003 XML spreadsheet' : 'an XML document';
  return undefined;
}

interface DelimiterMatch {
  readonly profile: Profile;
  readonly delimiter: string;
  readonly header: HeaderMatch;
}

/** The best full header match under a delimiter other than each profile's own. */
function otherDelimiter(candidates: readonly Profile[], bytes: Buffer): DelimiterMatch | undefined {
  let best: DelimiterMatch | undefined;
  for (const profile of candidates) {
    const head = decodeHead(bytes, profile.dialect.encoding);
    for (const delimiter of DELIMITERS) {
      if (delimiter === profile.dialect.delimiter) continue;
      const swapped: Profile = { ...profile, dialect: { ...profile.dialect, delimiter } };
      const header = findHeader(swapped, head);
      if (header && header.missing.length === 0 && (!best || header.score > best.header.score)) best = { profile: swapped, delimiter, header };
    }
  }
  return best;
}

/** A source's money and decimal fields: the cells the decimal-comma rule reads. */
export const amountFields = (source: string): Set<string> =>
  new Set((SOURCES[source as keyof typeof SOURCES]?.fields ?? []).filter((f) => f.type === 'money' || f.type === 'decimal').map((f) => f.name));

const COMMA_DECIMAL = /\d,\d\d\)?$/;
const POINT_DECIMAL = /\d\.\d\d\)?$/;

/** What `decimalCommaRule` found: which records (by index) write an amount with a decimal comma, in which fields, and the thousands separator seen. */
export interface DecimalComma {
  readonly records: readonly number[];
  readonly fields: readonly string[];
  readonly thousands: '.' | '';
}

/**
 * The decimal-comma rule, shared by the NO_MATCHING_PROFILE hint and the upload page's profile
 * save: given records as their amount cells (canonical money/decimal field, cell), the file
 * writes amounts with a decimal comma when some cell reads `12,34` and none `12.34`; the
 * thousands separator is "." when a cell reads `1.234,56`, else "".
 */
export function decimalCommaRule(records: readonly (readonly (readonly [field: string, value: string])[])[]): DecimalComma | undefined {
  const fields = new Set<string>();
  const withComma: number[] = [];
  let thousands: '.' | '' = '';
  for (const [r, cells] of records.entries()) {
    let comma = false;
    for (const [field, raw] of cells) {
      const v = raw.trim();
      if (POINT_DECIMAL.test(v)) return undefined;
      if (!COMMA_DECIMAL.test(v)) continue;
      comma = true;
      fields.add(field);
      if (/\d\.\d{3}(\.\d{3})*,\d\d\)?$/.test(v)) thousands = '.';
    }
    if (comma) withComma.push(r);
  }
  return withComma.length === 0 ? undefined : { records: withComma, fields: [...fields], thousands };
}

/** How many of the next records write an amount with a decimal comma (and none with a point), and the thousands separator seen. */
function decimalComma(m: DelimiterMatch, bytes: Buffer): { records: number; looked: number; first: number; last: number; fields: readonly string[]; thousands: string } | undefined {
  const numeric = amountFields(m.profile.source);
  const columns = [...m.header.fieldColumns].filter(([f]) => numeric.has(f));
  if (columns.length === 0) return undefined;
  const lines = headLines(decodeHead(bytes, m.profile.dialect.encoding), m.header.headerLine + RECORDS_LOOKED_AT + 20);
  const records: (readonly [string, string])[][] = [];
  const lineOf: number[] = [];
  for (let i = m.header.headerLine; i < lines.length && records.length < RECORDS_LOOKED_AT; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = parseLine(m.profile, lines[i]!);
    records.push(columns.flatMap(([field, idx]) => idx.map((j) => [field, cells[j] ?? ''] as const)));
    lineOf.push(i + 1);
  }
  const dc = decimalCommaRule(records);
  if (!dc) return undefined;
  return { records: dc.records.length, looked: records.length, first: lineOf[dc.records[0]!]!, last: lineOf[dc.records.at(-1)!]!, fields: dc.fields, thousands: dc.thousands };
}

function delimiterHint(original: Profile, m: DelimiterMatch, bytes: Buffer): string {
  const seen = delimiterName(m.delimiter);
  const expected = delimiterName(original.dialect.delimiter);
  const id = original.id;
  let fix = `"dialect": { "delimiter": ${JSON.stringify(m.delimiter)} }`;
  const dc = decimalComma(m, bytes);
  if (dc) {
    const lines = dc.first === dc.last ? `line ${dc.first}` : `lines ${dc.first} to ${dc.last}`;
    const which = dc.records < dc.looked ? `${dc.records} of the next ${dc.looked} records, ${lines}, write` : dc.looked === 1 ? `the next record, ${lines}, writes` : `the next ${dc.looked} records, ${lines}, write`;
    // Both keys: the default thousands separator "," would be removed first and turn 12,34 into 1234.
    fix +=
      ` and "formats": { "number": { "decimal": ",", "thousands": ${dc.thousands === '.' ? '"."' : '""'} } } ` +
      `(${which} ${dc.fields.join(', ')} with a decimal comma${dc.thousands === '.' ? ' and "." between thousands' : '; use "thousands": "." if the export writes 1.234,56'})`;
  }
  return (
    `Line ${m.header.headerLine} is the header of profile ${id} when split at ${seen}s: the file seems to use ${JSON.stringify(m.delimiter)} between fields, ` +
    `where ${id} expects ${JSON.stringify(original.dialect.delimiter)}. Export the file ${expected}-separated, or save a copy of ${id} under a new id ` +
    `in the data folder's profiles/ folder with ${fix}, and try it with \`practiceboard profile check\` (docs/profiles.md)`
  );
}

/** The hint for a file no profile among `candidates` reads, or undefined when nothing certain can be said. */
export function noMatchHint(candidates: readonly Profile[], bytes: Buffer): string | undefined {
  const kind = fileKind(bytes);
  if (kind) return `The file is not a CSV: it is ${kind}. Export the data as CSV (UTF-8, comma-separated) and load that file`;
  const m = otherDelimiter(candidates, bytes);
  if (!m) return undefined;
  const original = candidates.find((p) => p.id === m.profile.id)!;
  return delimiterHint(original, m, bytes);
}
