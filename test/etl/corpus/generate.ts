/**
 * The malformed-input corpus, generated (seeded, so every run builds the same files): valid
 * billing ledgers with one malformed pattern spliced in at the start, the middle or the end,
 * plus whole-file variants (line-end styles, BOMs, UTF-16). Each case carries the valid rows it
 * holds (their exact text and amount), so the oracle (oracle.ts) can say, from the bytes alone,
 * what must become of every physical line. No file is copied from any public suite.
 */
import iconv from 'iconv-lite';
import { header, row } from '../../helpers/rows.ts';
import { Rng } from '../../../demo/random.ts';

export interface ValidRow {
  readonly text: string;
  readonly transactionId: string;
  readonly cents: bigint;
}

export interface CorpusCase {
  readonly name: string;
  readonly bytes: Buffer;
  /** The rows written unchanged, by text. */
  readonly valid: ReadonlyMap<string, ValidRow>;
  /** The file is UTF-16: the oracle reads this text instead of the bytes. */
  readonly text?: string;
  /** When the whole file must be refused: the error code expected. */
  readonly refused?: string;
}

/** The project's own seeded generator (demo/random.ts), so every run is the same. */
function prng(seed: number): () => number {
  const r = new Rng(seed, 'malformed-corpus');
  return () => r.next();
}

const ROWS = 40;
const HEADER = header('billing');

/** A valid ledger row; amounts vary in sign and size. */
function validRow(rand: () => number, i: number, tag: string, overrides: Record<string, string> = {}): ValidRow {
  const cents = BigInt(Math.floor(rand() * 2_000_000) - 200_000);
  const abs = cents < 0n ? -cents : cents;
  const amount = `${cents < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  const transactionId = `${tag}-${i}`;
  return { text: row('billing', { transaction_id: transactionId, claim_id: `C${i}`, amount_usd: amount, ...overrides }), transactionId, cents };
}

type Splice = (good: ValidRow, rand: () => number) => { lines: string[]; valid?: ValidRow[]; noFinalNewline?: boolean };

/** Each pattern replaces one valid row with what it produces (text lines, some of them valid). */
const PATTERNS: Record<string, Splice> = {
  'unclosed-quote': (g) => ({ lines: [g.text.replace(',99213,', ',"99214,')] }),
  'quote-mid-field': (_g, rand) => {
    const v = validRow(rand, 9000, 'QM', { provider_id: 'knee brace 12" hinged' });
    return { lines: [v.text], valid: [v] };
  },
  'quote-closed-mid-field': (g) => ({ lines: [g.text.replace(',PY1,', ',"PY"1,')] }),
  // A quote opening the patient id that a quote ending one three lines down closes: one record of
  // the header's width by CSV rules, whose patient id spans four lines. The first line is
  // rejected; the three after it are valid rows (a quote inside an unquoted field is text).
  'stray-quote-pair': (g, rand) => {
    const [a, b, c] = [9002, 9003, 9004].map((i) => validRow(rand, i, 'SQ'));
    const closing = { ...c!, text: c!.text.replace(',P0001,', ',P0001",') };
    return { lines: [g.text.replace(',P0001,', ',"P0001,'), a!.text, b!.text, closing.text], valid: [a!, b!, closing] };
  },
  'stray-cr': (g) => ({ lines: [g.text.replace(',99213,', ',992\r13,')] }),
  'nul-in-code': (g) => ({ lines: [g.text.replace(',99213,', ',992\u000013,')] }),
  'long-field': (_g, rand) => {
    const v = validRow(rand, 9001, 'LF', { provider_id: 'P'.repeat(2 * 1024 * 1024) });
    return { lines: [v.text], valid: [v] };
  },
  'ragged-short': (g) => ({ lines: [g.text.split(',').slice(0, 9).join(',')] }),
  'ragged-long': (g) => ({ lines: [`${g.text},extra,fields`] }),
  truncated: (g) => ({ lines: [g.text.slice(0, Math.floor(g.text.length / 2))], noFinalNewline: true }),
  'blank-lines': (g) => ({ lines: ['', g.text, '', ''], valid: [g] }),
  'bom-inside': (g) => ({ lines: [`\uFEFF${g.text}`] }),
  'utf16-row': (g) => ({ lines: [iconv.decode(iconv.encode(g.text, 'utf16le'), 'latin1')] }),
  'invalid-utf8': (g) => ({ lines: [g.text.replace('PR01', 'PR\u00ff01')] }),
};

const POSITIONS = { start: 0, middle: Math.floor(ROWS / 2), end: ROWS - 1 } as const;

function assemble(rows: string[], eols: string[], finalNewline: boolean): string {
  let out = HEADER + '\n';
  rows.forEach((r, i) => {
    out += r;
    if (i < rows.length - 1 || finalNewline) out += eols[i] ?? '\n';
  });
  return out;
}

/** The whole corpus, from one seed. */
export function generateCorpus(seed = 20261130): CorpusCase[] {
  const rand = prng(seed);
  const cases: CorpusCase[] = [];
  for (const [pattern, splice] of Object.entries(PATTERNS)) {
    for (const [where, at] of Object.entries(POSITIONS)) {
      if (pattern === 'truncated' && where !== 'end') continue; // a cut-off file ends there
      const tag = `${pattern}-${where}`;
      const rows = Array.from({ length: ROWS }, (_, i) => validRow(rand, i, tag));
      const valid = new Map<string, ValidRow>();
      const texts: string[] = [];
      let finalNewline = true;
      rows.forEach((g, i) => {
        if (i !== at) {
          texts.push(g.text);
          valid.set(g.text, g);
          return;
        }
        const s = splice(g, rand);
        texts.push(...s.lines);
        for (const v of s.valid ?? []) valid.set(v.text, v);
        if (s.noFinalNewline) finalNewline = false;
      });
      // 'utf16-row' text is latin1-decoded bytes: keep those bytes exactly.
      const text = assemble(texts, [], finalNewline);
      const bytes = pattern === 'utf16-row' || pattern === 'invalid-utf8' ? Buffer.concat(textToBytes(texts, finalNewline)) : Buffer.from(text, 'utf8');
      cases.push({ name: tag, bytes, valid });
    }
  }
  cases.push(...wholeFileCases(rand));
  return cases;
}

/** Rows as bytes where a pattern stands for raw bytes (latin1 text is one byte per character). */
function textToBytes(texts: string[], finalNewline: boolean): Buffer[] {
  const out = [Buffer.from(HEADER + '\n', 'utf8')];
  texts.forEach((t, i) => {
    const raw = /[\u0080-\u00ff]/.test(t) || t.includes('\u0000') ? Buffer.from(t, 'latin1') : Buffer.from(t, 'utf8');
    out.push(raw);
    if (i < texts.length - 1 || finalNewline) out.push(Buffer.from('\n'));
  });
  return out;
}

function wholeFileCases(rand: () => number): CorpusCase[] {
  const make = (tag: string) => {
    const rows = Array.from({ length: ROWS }, (_, i) => validRow(rand, i, tag));
    return { rows, valid: new Map(rows.map((r) => [r.text, r])) };
  };
  const out: CorpusCase[] = [];
  for (const [tag, eol] of [['cr-only', '\r'], ['crlf', '\r\n']] as const) {
    const { rows, valid } = make(tag);
    out.push({ name: tag, bytes: Buffer.from(HEADER + eol + rows.map((r) => r.text + eol).join('')), valid });
  }
  {
    const { rows, valid } = make('mixed-endings');
    const eols = rows.map(() => ['\n', '\r\n', '\r'][Math.floor(rand() * 3)]!);
    out.push({ name: 'mixed-endings', bytes: Buffer.from(assemble(rows.map((r) => r.text), eols, true)), valid });
  }
  {
    const { rows, valid } = make('lf-then-crlf');
    const eols = rows.map((_, i) => (i < ROWS / 2 ? '\n' : '\r\n'));
    out.push({ name: 'lf-then-crlf', bytes: Buffer.from(assemble(rows.map((r) => r.text), eols, true)), valid });
  }
  {
    const { rows, valid } = make('utf8-bom');
    out.push({ name: 'utf8-bom', bytes: Buffer.from('\uFEFF' + assemble(rows.map((r) => r.text), [], true)), valid });
  }
  for (const [tag, enc, bom] of [['utf16le-bom', 'utf16le', true], ['utf16le-nobom', 'utf16le', false], ['utf16be-bom', 'utf16be', true]] as const) {
    const { rows, valid } = make(tag);
    const text = assemble(rows.map((r) => r.text), [], true);
    const body = iconv.encode(text, enc === 'utf16le' ? 'utf16le' : 'utf16be');
    const mark = enc === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xfe, 0xff]);
    out.push({ name: tag, bytes: bom ? Buffer.concat([mark, body]) : body, valid, text });
  }
  out.push({ name: 'header-only', bytes: Buffer.from(HEADER + '\n'), valid: new Map(), refused: 'NO_DATA_ROWS' });
  out.push({ name: 'blank-after-header', bytes: Buffer.from(HEADER + '\n\n\r\n\n'), valid: new Map(), refused: 'NO_DATA_ROWS' });
  out.push({ name: 'wide-header', bytes: Buffer.from(HEADER + ',' + Array.from({ length: 60_000 }, (_, i) => `x${i}`).join(',') + '\n' + row('billing') + '\n'), valid: new Map(), refused: 'HEADER_TOO_WIDE' });
  return out;
}
