/**
 * Test helpers: read a generated CSV back with papaparse (the way a person's spreadsheet
 * would), and check rows against the source contract (etl/sources/catalog.ts). Problems name
 * the line and field, never the value, so a failure prints no patient identifier.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { SOURCES } from '../../etl/sources/catalog.ts';
import type { FieldType, SourceName } from '../../etl/sources/contract.ts';

export type Row = Readonly<Record<string, string>>;

export interface CsvFile {
  readonly header: readonly string[];
  readonly rows: readonly Row[];
  readonly errors: number;
}

export function readCsv(path: string): CsvFile {
  const parsed = Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  return { header: parsed.meta.fields ?? [], rows: parsed.data, errors: parsed.errors.length };
}

const FORMAT: Readonly<Record<Exclude<FieldType, 'enum'>, RegExp>> = {
  id: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  text: /^\S(.*\S)?$/,
  int: /^\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  money: /^-?\d+\.\d{2}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  patient: /^P\d{7}$/,
};

function realDate(v: string): boolean {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d!));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
}

/** The catalog's row rules, restated in TypeScript. */
const RULES: Partial<Record<SourceName, readonly [string, (r: Row) => boolean][]>> = {
  billing: [
    ['payment_source', (r) => (r.txn_type === 'payment' || r.txn_type === 'refund') && r.payment_source === ''],
    ['adj_group', (r) => r.txn_type === 'adjustment' && r.carc_code !== '' && r.adj_group === ''],
    ['post_date', (r) => r.post_date! < r.service_date!],
    ['line_n', (r) => Number(r.line_n) < 1],
  ],
  payroll: [
    ['period_end', (r) => r.period_end! < r.period_start!],
    ['regular_hours', (r) => [r.regular_hours, r.overtime_hours, r.pto_hours].some((h) => Number(h) < 0)],
  ],
  appointments: [['checked_out_at', (r) => r.checked_in_at !== '' && r.checked_out_at! < r.checked_in_at!]],
  providers: [
    ['clinical_fte', (r) => Number(r.clinical_fte) <= 0 || Number(r.clinical_fte) > 1],
    ['npi', (r) => !/^\d{10}$/.test(r.npi!)],
  ],
};

/** Every contract problem of `rows`, as 'line N: field reason' (line 2 is the first data row). */
export function contractProblems(source: SourceName, rows: readonly Row[]): string[] {
  const problems: string[] = [];
  const fields = SOURCES[source].fields;
  rows.forEach((row, i) => {
    const at = `line ${i + 2}`;
    for (const f of fields) {
      const v = row[f.name] ?? '';
      if (v === '') {
        if (f.required) problems.push(`${at}: ${f.name} is required`);
        continue;
      }
      if (f.type === 'enum') {
        if (!f.values!.includes(v)) problems.push(`${at}: ${f.name} is not an allowed value`);
      } else if (!FORMAT[f.type].test(v) || ((f.type === 'date' || f.type === 'timestamp') && !realDate(v))) {
        problems.push(`${at}: ${f.name} is not a canonical ${f.type}`);
      }
    }
    for (const [column, broken] of RULES[source] ?? []) if (broken(row)) problems.push(`${at}: ${column} breaks a rule`);
  });
  return problems;
}

/** Integer cents of a canonical money string. */
export function cents(v: string): number {
  const neg = v.startsWith('-');
  const [whole, frac] = (neg ? v.slice(1) : v).split('.');
  const c = Number(whole) * 100 + Number(frac);
  return neg ? -c : c;
}

/** Days between two ISO dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
