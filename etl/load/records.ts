/**
 * The physical record scan: the one authority on where each record of a file begins and ends.
 * It reads the file's bytes once (memory stays flat) with the profile's dialect and guarantees:
 * - every physical line after the header is a blank line, part of exactly one record handed on
 *   (written, in canonical CSV, to the copy DuckDB reads) or part of exactly one reject with its
 *   true line and reason; nothing is skipped silently;
 * - line ends are LF, CRLF or a lone CR, mixed freely; lines are counted as an editor shows them;
 * - a quote opens a quoted field only at the start of a field (a quote inside an unquoted field,
 *   `12" brace`, is a literal); a quoted field may span lines;
 * - a malformed record that spans lines (an unclosed or misplaced quote) rejects only its first
 *   line, and the scan resumes on the next line, so one stray quote never swallows the rows after it;
 * - a record with the wrong number of fields, a NUL byte, bytes invalid in the encoding, more
 *   than 32 MB, or no line end at the end of the file (a cut-off file) is a reject, not a row;
 * - the control total (the source's money column, parsed per the profile's number format) is
 *   summed here, from the bytes, independently of DuckDB.
 * Records handed on are numbered 1..n in file order; `breakpoints` gives each one's line.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parseAmountCents, type NumberFormat } from './amountText.ts';
import { CanonicalWriter } from './canonicalWriter.ts';

export interface ScanRequest {
  readonly path: string;
  /** Where the canonical copy goes (comma, double quote, LF, UTF-8, no header). */
  readonly outPath: string;
  readonly headerLine: number;
  readonly columnCount: number;
  readonly dialect: { readonly delimiter: string; readonly quote: string; readonly escape: string };
  readonly encoding: 'utf-8' | 'latin-1' | 'windows-1252';
  /** Column indexes of the control-total field (first non-zero wins, as in typing), and the number format. */
  readonly control?: { readonly columns: readonly number[]; readonly format: NumberFormat };
}

export interface ScanReject {
  readonly line: number;
  readonly reason: string;
}

export interface ScanResult {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Records handed on (written to the copy). */
  readonly records: number;
  /** (fromRecord, offset): record k >= fromRecord starts on line k + offset (largest fromRecord wins). */
  readonly breakpoints: readonly (readonly [number, number])[];
  readonly rejects: readonly ScanReject[];
  readonly blankLines: number;
  /** Physical lines of the file, a last line without a line end included. */
  readonly lineCount: number;
  /** Sum of the control column over the records handed on, in cents (null without a control column). */
  readonly controlCents: bigint | null;
  /** Control amounts of the last records (for trailer rows), keyed by record number; null when not an amount. */
  readonly tailCents: ReadonlyMap<number, bigint | null>;
}

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const CHUNK = 4 << 20;
/** Longest record handed on; a 5 MB field fits. */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;
/** A quoted field open for more lines than this is taken for a stray quote. */
const MAX_RECORD_LINES = 1000;
const TAIL = 20;

type Parsed =
  | { readonly kind: 'more' }
  | { readonly kind: 'record'; readonly end: number; readonly lines: number; readonly terminated: boolean; readonly fields: number[]; readonly nul: boolean }
  | { readonly kind: 'bad'; readonly reason: string; readonly at: number; readonly lines: number; readonly firstLineEnd: number };

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const ESCAPED = 3;
const CLOSED = 4;

/** Field flags: 1 quoted, 2 holds escapes to resolve, 4 holds a literal quote, 8 a literal comma. */
interface Dialect {
  readonly d: number;
  readonly q: number;
  readonly e: number;
}

/** One record from `start`: its fields as (start, end, flags) triples, or why it is malformed. */
function parseRecord(buf: Buffer, start: number, eof: boolean, dl: Dialect): Parsed {
  const fields: number[] = [];
  let state = FIELD_START;
  let fs = start;
  let fe = start;
  let flags = 0;
  let lines = 0;
  let firstLineEnd = -1;
  let nul = false;
  let i = start;
  for (;;) {
    if (i >= buf.length) {
      if (!eof) return { kind: 'more' };
      if (state === QUOTED || state === ESCAPED) return { kind: 'bad', reason: 'has a quote that is never closed', at: i, lines, firstLineEnd };
      fields.push(fs, state === CLOSED ? fe : i, flags);
      return { kind: 'record', end: i, lines, terminated: false, fields, nul };
    }
    if (i - start > MAX_RECORD_BYTES) return { kind: 'bad', reason: 'is longer than the 32 MB record limit', at: i, lines, firstLineEnd };
    const b = buf[i]!;
    if (state === FIELD_START) {
      flags = 0;
      if (b === dl.q) {
        state = QUOTED;
        fs = i + 1;
        flags = 1;
        i++;
        continue;
      }
      state = UNQUOTED;
      fs = i;
    }
    if (state === UNQUOTED || state === CLOSED) {
      if (state === CLOSED && b !== dl.d && b !== LF && b !== CR) return { kind: 'bad', reason: 'has a quote closed in the middle of a field', at: i, lines, firstLineEnd };
      if (b === dl.d || b === LF || b === CR) {
        fields.push(fs, state === CLOSED ? fe : i, flags);
        if (b === dl.d) {
          state = FIELD_START;
          i++;
          continue;
        }
        if (b === CR && i + 1 >= buf.length && !eof) return { kind: 'more' };
        const end = b === CR && buf[i + 1] === LF ? i + 2 : i + 1;
        return { kind: 'record', end, lines: lines + 1, terminated: true, fields, nul };
      }
      if (b === 0) nul = true;
      else if (b === dl.q) flags |= 4;
      else if (b === COMMA) flags |= 8;
      i++;
      continue;
    }
    if (state === ESCAPED) {
      state = QUOTED;
      i++;
      continue;
    }
    // QUOTED
    if (b === dl.q) {
      if (dl.e === dl.q) {
        if (i + 1 >= buf.length && !eof) return { kind: 'more' };
        if (buf[i + 1] === dl.q) {
          flags |= 2;
          i += 2;
          continue;
        }
      }
      fe = i;
      state = CLOSED;
      i++;
      continue;
    }
    if (b === dl.e && dl.e !== dl.q) {
      flags |= 2;
      state = ESCAPED;
      i++;
      continue;
    }
    if (b === LF || b === CR) {
      if (b === CR && i + 1 >= buf.length && !eof) return { kind: 'more' };
      if (firstLineEnd < 0) firstLineEnd = i;
      lines++;
      if (lines > MAX_RECORD_LINES) return { kind: 'bad', reason: `has a quote left open for more than ${MAX_RECORD_LINES} lines`, at: i, lines, firstLineEnd };
      i += b === CR && buf[i + 1] === LF ? 2 : 1;
      continue;
    }
    if (b === 0) nul = true;
    i++;
  }
}

/** End of the physical line containing `from` (just past its line end), or undefined when more bytes are needed. */
function lineEnd(buf: Buffer, from: number, eof: boolean): number | undefined {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === LF) return i + 1;
    if (b === CR) {
      if (i + 1 >= buf.length && !eof) return undefined;
      return buf[i + 1] === LF ? i + 2 : i + 1;
    }
  }
  return eof ? buf.length : undefined;
}

const byteOf = (s: string, what: string): number => {
  if (s.length !== 1 || s.charCodeAt(0) > 0x7f) throw new Error(`the ${what} must be one ASCII character`);
  return s.charCodeAt(0);
};

export async function scanRecords(req: ScanRequest): Promise<ScanResult> {
  const dl: Dialect = { d: byteOf(req.dialect.delimiter, 'delimiter'), q: byteOf(req.dialect.quote, 'quote'), e: byteOf(req.dialect.escape, 'escape') };
  const decode = (b: Buffer): string => (req.encoding === 'utf-8' ? b.toString('utf8') : iconv.decode(b, req.encoding === 'latin-1' ? 'latin1' : 'win1252'));
  const hash = createHash('sha256');
  const fh = await open(req.path, 'r');
  const out = new CanonicalWriter(req.outPath, { q: dl.q, e: dl.e }, req.encoding === 'utf-8' ? undefined : decode);
  await out.open();
  const rejects: ScanReject[] = [];
  const breakpoints: [number, number][] = [];
  const tailRing: (bigint | null)[] = new Array<bigint | null>(TAIL).fill(null);
  let buf = Buffer.alloc(0);
  let pos = 0;
  let filePos = 0;
  let lastByte = -1;
  let eof = false;
  let line = 1;
  let records = 0;
  let blank = 0;
  let control: bigint | null = req.control && req.control.columns.length > 0 ? 0n : null;
  let lastOffset = Number.NaN;
  const more = async (): Promise<void> => {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await fh.read(chunk, 0, CHUNK, filePos);
    filePos += bytesRead;
    if (bytesRead === 0) eof = true;
    else lastByte = chunk[bytesRead - 1]!;
    const got = chunk.subarray(0, bytesRead);
    hash.update(got);
    buf = pos < buf.length ? Buffer.concat([buf.subarray(pos), got]) : got;
    pos = 0;
  };
  const reject = (reason: string): void => {
    rejects.push({ line, reason });
  };
  try {
    // Lines up to the header (titles, the header itself) are not records.
    while (line <= req.headerLine) {
      const end = lineEnd(buf, pos, eof);
      if (end === undefined) {
        await more();
        continue;
      }
      if (end === pos && eof) break;
      pos = end;
      line++;
    }
    for (;;) {
      if (pos >= buf.length) {
        if (eof) break;
        await more();
        continue;
      }
      const r = parseRecord(buf, pos, eof, dl);
      if (r.kind === 'more') {
        await more();
        continue;
      }
      if (r.kind === 'bad') {
        if (r.lines > 0) {
          // The record ran over line ends inside a quote: reject its first line only, resume on the next.
          reject(r.reason);
          pos = buf[r.firstLineEnd] === CR && buf[r.firstLineEnd + 1] === LF ? r.firstLineEnd + 2 : r.firstLineEnd + 1;
          line++;
          continue;
        }
        const rel = r.at - pos;
        let end = lineEnd(buf, pos + rel, eof);
        while (end === undefined) {
          await more();
          end = lineEnd(buf, pos + rel, eof);
        }
        reject(r.reason);
        pos = end;
        line++;
        continue;
      }
      const f = r.fields;
      const count = f.length / 3;
      const spansLines = r.terminated ? r.lines > 1 : r.lines > 0;
      const blankLine = count === 1 && f[1] === f[0] && f[2] === 0 && r.terminated && !spansLines;
      if (!blankLine && r.terminated && spansLines && count !== req.columnCount) {
        // A quoted line end joined lines into a record of the wrong width: most likely a stray
        // quote. Reject the first line only and read on from the next.
        reject(`has a quote that joins it to the lines below into a record of ${count} fields (the header has ${req.columnCount})`);
        pos = lineEnd(buf, pos, true)!;
        line++;
        continue;
      }
      const reason = blankLine
        ? undefined
        : !r.terminated
          ? 'ends the file without a line end: the file may have been cut off while it was written'
          : count !== req.columnCount
            ? `has ${count < req.columnCount ? 'fewer' : 'more'} fields than the header's ${req.columnCount}`
            : r.nul
              ? 'holds a NUL byte (0x00)'
              : buf[pos] === 0xef && buf[pos + 1] === 0xbb && buf[pos + 2] === 0xbf
                ? 'starts with a byte-order mark inside the file (two exports joined into one?)'
              : req.encoding === 'utf-8' && !isUtf8(buf.subarray(pos, r.end))
                ? 'has bytes that are not valid UTF-8 (the encoding of the profile)'
                : undefined;
      if (blankLine) blank++;
      else if (reason !== undefined) reject(reason);
      else {
        records++;
        const offset = line - records;
        if (offset !== lastOffset) {
          breakpoints.push([records, offset]);
          lastOffset = offset;
        }
        out.record(buf, f);
        await out.flushIfFull();
        if (control !== null) {
          const cents = controlAmount(buf, f, req.control!, decode);
          if (cents !== null) control += cents;
          tailRing[records % TAIL] = cents;
        }
      }
      line += r.lines;
      pos = r.end;
    }
    await out.close();
  } finally {
    await fh.close();
    await out.abort();
  }
  const lastTerminated = lastByte === -1 || lastByte === LF || lastByte === CR;
  return {
    sha256: hash.digest('hex'),
    sizeBytes: filePos,
    records,
    breakpoints,
    rejects,
    blankLines: blank,
    lineCount: lastTerminated ? line - 1 : line,
    controlCents: control,
    tailCents: new Map(Array.from({ length: Math.min(TAIL, records) }, (_, j) => records - j).map((k) => [k, tailRing[k % TAIL] ?? null] as const)),
  };
}

/** The record's control amount as written: the first non-zero of its columns, else the first non-blank. */
function controlAmount(buf: Buffer, f: readonly number[], control: NonNullable<ScanRequest['control']>, decode: (b: Buffer) => string): bigint | null {
  if (control.columns.length === 1) {
    const c = control.columns[0]!;
    const plain = plainCents(buf, f[c * 3]!, f[c * 3 + 1]!);
    if (plain !== undefined) return plain;
  }
  const texts = control.columns.map((c) => {
    const s = f[c * 3]!;
    const e = f[c * 3 + 1]!;
    const text = decode(buf.subarray(s, e));
    return (f[c * 3 + 2]! & 2) !== 0 ? text.replaceAll('""', '"') : text;
  });
  const values = texts.map((t) => (t.trim() === '' ? undefined : parseAmountCents(t, control.format)));
  const nonZero = values.find((v) => v !== undefined && v !== null && v !== 0n);
  if (nonZero !== undefined) return nonZero;
  const first = values.find((v) => v !== undefined);
  return first ?? null;
}

/** Fast path for the common `-1234.56` (plain digits, at most 2 decimals, under 10^13): its cents, else undefined. */
function plainCents(buf: Buffer, s: number, e: number): bigint | undefined {
  let i = s;
  const neg = buf[i] === 0x2d;
  if (neg) i++;
  let units = 0;
  let digits = 0;
  for (; i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++, digits++) units = units * 10 + (buf[i]! - 0x30);
  if (digits === 0 || digits > 13) return undefined;
  let cents = 0;
  if (i < e) {
    if (buf[i] !== 0x2e || e - i - 1 < 1 || e - i - 1 > 2) return undefined;
    for (let j = i + 1; j < e; j++) {
      const d = buf[j]!;
      if (d < 0x30 || d > 0x39) return undefined;
      cents = cents * 10 + (d - 0x30);
    }
    if (e - i - 1 === 1) cents *= 10;
  }
  const total = BigInt(units * 100 + cents);
  return neg ? -total : total;
}
