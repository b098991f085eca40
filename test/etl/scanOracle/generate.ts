/**
 * Real-world-shaped CSV files for comparing the record scan with its oracle (the previous
 * implementation, kept in this folder): seeded, so every run builds the same files. Each file
 * has its own dialect (delimiter, quote/escape, encoding, number format) and mixes quoted
 * fields, embedded delimiters, quotes and line ends, CRLF/CR/LF line ends, BOMs, blank lines,
 * multi-byte text, bytes invalid in the encoding, malformed rows (wrong width, stray or unclosed
 * quotes, NUL bytes), trailer rows, and optionally a cut-off last line or a field near the
 * 32 MB record cap.
 */
import iconv from 'iconv-lite';
import { Rng } from '../../../demo/random.ts';
import type { NumberFormat } from '../../../etl/load/amountText.ts';

export interface ScanCase {
  readonly name: string;
  readonly bytes: Buffer;
  readonly headerLine: number;
  readonly columnCount: number;
  readonly dialect: { readonly delimiter: string; readonly quote: string; readonly escape: string };
  readonly encoding: 'utf-8' | 'latin-1' | 'windows-1252';
  readonly control: { readonly columns: readonly number[]; readonly format: NumberFormat };
}

const US: NumberFormat = { currencySymbol: '$', thousands: ',', decimal: '.', parenNegative: true };
const EU: NumberFormat = { currencySymbol: '€', thousands: '.', decimal: ',', parenNegative: false };
const PLAIN: NumberFormat = { currencySymbol: '', thousands: '', decimal: '.', parenNegative: false };

const WORDS = ['Lee', 'Ana', 'MD', 'Blue Cross', 'Inc.', 'O\'Brien', 'Müller', 'Zoë', 'café', 'naïve', '12" brace', 'a,b', 'x;y', 'tab\there', 'pipe|d', 'back\\slash', 'line\nbreak', 'crlf\r\nbreak', 'cr\rbreak', '中文', '😀 ok', '€5', 'Ω', ''];

export interface ShapeOptions {
  readonly rows: number;
  /** Share of rows given a malformation. */
  readonly malformed: number;
  /** A last line without a line end. */
  readonly cutOff?: boolean;
  /** One field of this many bytes (near the record cap). */
  readonly hugeField?: number;
  /** Only plain lines (no quote byte anywhere): the fast path throughout. */
  readonly plainOnly?: boolean;
  readonly lineEnds?: readonly string[];
}

/** One generated file in the given dialect. */
export function makeCase(seed: number, name: string, dialect: ScanCase['dialect'], encoding: ScanCase['encoding'], opts: ShapeOptions): ScanCase {
  const rng = new Rng(seed, `scan-oracle-${name}`);
  const { delimiter: d, quote: q, escape: e } = dialect;
  const format = d === ',' ? (rng.chance(0.5) ? US : PLAIN) : EU;
  const columns = 8;
  const amountCol = 4;
  const multi = rng.chance(0.3);
  const control = { columns: multi ? [amountCol, amountCol + 1] : [amountCol], format };
  const ends = opts.lineEnds ?? rng.pick([['\n'], ['\r\n'], ['\n', '\r\n'], ['\n', '\r\n', '\r']]);
  const parts: Buffer[] = [];
  const enc = (s: string): Buffer => (encoding === 'utf-8' ? Buffer.from(s, 'utf8') : iconv.encode(s, encoding === 'latin-1' ? 'latin1' : 'win1252'));
  const eol = (): string => rng.pick(ends);
  const quoted = (s: string): string => q + (e === q ? s.replaceAll(q, q + q) : s.replaceAll(e, e + e).replaceAll(q, e + q)) + q;
  const needsQuote = (s: string): boolean => s.includes(d) || s.includes(q) || s.includes('\n') || s.includes('\r') || (e !== q && s.includes(e));
  const field = (s: string): string => (opts.plainOnly ? s : needsQuote(s) || rng.chance(0.15) ? quoted(s) : s);
  const text = (): string => {
    const w = rng.pick(WORDS);
    if (!opts.plainOnly) return w;
    return [...w].filter((c) => c !== q && c !== d && c !== '\n' && c !== '\r').join('');
  };
  const amount = (): string => {
    const cents = rng.int(-250_000_00, 250_000_00) * (rng.chance(0.05) ? 1000 : 1);
    const neg = cents < 0;
    const a = Math.abs(cents);
    const units = String(Math.floor(a / 100));
    const frac = String(a % 100).padStart(2, '0');
    const style = rng.int(0, 5);
    if (style === 0) return '';
    if (style === 1 && rng.chance(0.2)) return 'n/a';
    if (format === PLAIN) return `${neg ? '-' : ''}${units}${rng.chance(0.1) ? '' : `.${rng.chance(0.1) ? frac[0] : frac}`}`;
    const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, format.thousands);
    const body = `${format.currencySymbol}${rng.chance(0.5) && !(opts.plainOnly && format.thousands === d) ? grouped : units}${format.decimal}${frac}`;
    if (neg) return format.parenNegative && rng.chance(0.5) ? `(${body.replace('$', '')})` : `-${body}`;
    return body;
  };
  const row = (i: number): string[] => [`T${i}`, `C${i % 97}`, text(), text(), amount(), multi ? amount() : String(rng.int(1, 9)), `2026-10-${String(rng.int(1, 28)).padStart(2, '0')}`, rng.chance(0.6) ? '' : rng.pick(['CO', 'PR45', 'OA'])];
  let head = ['txn', 'claim', 'who', 'note', 'amount', 'other', 'date', 'code'].join(d);
  const headerLine = rng.chance(0.2) ? 2 : 1;
  if (headerLine === 2) head = `Billing export${d}${d}${eol()}${head}`;
  parts.push(Buffer.from(rng.chance(0.3) ? '\uFEFF' : ''), enc(head + eol()));
  for (let i = 1; i <= opts.rows; i++) {
    const r = row(i);
    let cells = r.map(field);
    let raw: Buffer | undefined;
    if (rng.chance(opts.malformed)) {
      const kind = rng.int(0, 11);
      if (kind === 0) cells = cells.slice(0, -1);
      else if (kind === 1) cells.push('extra');
      else if (kind === 2) cells[2] = `12${q} brace`;
      else if (kind === 3) cells[3] = `${q}never closed`;
      else if (kind === 4) cells[3] = `${q}ab${q}c`;
      else if (kind === 5) cells[2] = `nul\u0000byte`;
      else if (kind === 6) raw = Buffer.concat([enc(cells.slice(0, 3).join(d) + d), Buffer.from([0xff, 0xfe, 0x81]), enc(d + cells.slice(3).join(d))]);
      else if (kind === 7) raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc(cells.join(d))]);
      else if (kind === 8) parts.push(Buffer.from(eol()));
      else if (kind === 9) cells = [`Total${d.repeat(4)}${field(amount())}${d.repeat(3)}`];
      else if (kind === 10) raw = Buffer.concat([enc(cells.slice(0, 2).join(d) + d), Buffer.from([0xc3]), enc(d + cells.slice(3).join(d))]);
      else cells[2] = `${q}open${eol()}and on${q}`;
    }
    parts.push(raw ?? enc(cells.join(d)), Buffer.from(eol()));
  }
  if (opts.hugeField !== undefined) {
    const cells = row(opts.rows + 1);
    cells[3] = 'x'.repeat(opts.hugeField);
    parts.push(enc(cells.map(field).join(d)), Buffer.from(eol()));
  }
  for (let k = 0; k < rng.int(0, 2); k++) parts.push(enc(`Total${d.repeat(4)}${field(amount())}${d.repeat(3)}`), Buffer.from(eol()));
  if (opts.cutOff) parts.push(enc(row(opts.rows + 9).map(field).join(d)));
  return { name, bytes: Buffer.concat(parts), headerLine, columnCount: columns, dialect, encoding, control };
}

/** The dialects the generated files are written in. */
export const DIALECTS: readonly { readonly dialect: ScanCase['dialect']; readonly encoding: ScanCase['encoding'] }[] = [
  { dialect: { delimiter: ',', quote: '"', escape: '"' }, encoding: 'utf-8' },
  { dialect: { delimiter: ',', quote: '"', escape: '"' }, encoding: 'latin-1' },
  { dialect: { delimiter: ';', quote: '"', escape: '"' }, encoding: 'windows-1252' },
  { dialect: { delimiter: '\t', quote: '"', escape: '\\' }, encoding: 'utf-8' },
  { dialect: { delimiter: '|', quote: "'", escape: "'" }, encoding: 'latin-1' },
];
