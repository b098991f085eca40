/**
 * One CSV record from a byte buffer, by the rules the record scan (records.ts) guarantees: a
 * quote opens a quoted field only at the start of a field; inside one, a doubled quote (or the
 * escape character) stands for a quote and line ends are data; LF, CRLF and a lone CR end a
 * record outside quotes. A record comes back as (start, end, flags) triples per field, or as
 * malformed with the reason and where, or as needing more bytes. Pure: no I/O.
 */
export const LF = 0x0a;
export const CR = 0x0d;
const COMMA = 0x2c;
/** Longest record handed on; a 5 MB field fits. */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;
/** A quoted field open for more lines than this is taken for a stray quote. */
const MAX_RECORD_LINES = 1000;

export type Parsed =
  | { readonly kind: 'more' }
  | { readonly kind: 'record'; readonly end: number; readonly lines: number; readonly terminated: boolean; readonly fields: number[]; readonly nul: boolean }
  | { readonly kind: 'bad'; readonly reason: string; readonly at: number; readonly lines: number; readonly firstLineEnd: number };

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const ESCAPED = 3;
const CLOSED = 4;

/** Field flags: 1 quoted, 2 holds escapes to resolve, 4 holds a literal quote, 8 a literal comma. */
export interface Dialect {
  readonly d: number;
  readonly q: number;
  readonly e: number;
}

/** A profile's dialect as bytes; each character must be one ASCII character. */
export function dialectBytes(d: { readonly delimiter: string; readonly quote: string; readonly escape: string }): Dialect {
  const byteOf = (s: string, what: string): number => {
    if (s.length !== 1 || s.charCodeAt(0) > 0x7f) throw new Error(`the ${what} must be one ASCII character`);
    return s.charCodeAt(0);
  };
  return { d: byteOf(d.delimiter, 'delimiter'), q: byteOf(d.quote, 'quote'), e: byteOf(d.escape, 'escape') };
}

/** One record from `start`: its fields as (start, end, flags) triples, or why it is malformed. */
export function parseRecord(buf: Buffer, start: number, eof: boolean, dl: Dialect): Parsed {
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
export function lineEnd(buf: Buffer, from: number, eof: boolean): number | undefined {
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

/** Line ends in `buf[from, to)`, counted as the scan counts lines (CRLF is one). */
function lineEndsIn(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (b === LF) n++;
    else if (b === CR) {
      n++;
      if (buf[i + 1] === LF) i++;
    }
  }
  return n;
}

/**
 * The first field of the record at `start` (its triples `f`) in a column marked in `columns`
 * whose value holds a line end (only a quoted value can): its column, and the lines its opening
 * and closing quotes are on, counted from the record's first line (0). Undefined when none.
 */
export function valueOverLines(buf: Buffer, start: number, f: readonly number[], columns: Uint8Array): { column: number; opens: number; closes: number } | undefined {
  for (let k = 0; k < f.length; k += 3) {
    const column = k / 3;
    if (columns[column] !== 1 || (f[k + 2]! & 1) === 0) continue;
    const fs = f[k]!;
    const fe = f[k + 1]!;
    let i = fs;
    while (i < fe && buf[i] !== LF && buf[i] !== CR) i++;
    if (i === fe) continue;
    return { column, opens: lineEndsIn(buf, start, fs), closes: lineEndsIn(buf, start, fe) };
  }
  return undefined;
}

/** A field holding a quote (or comma) the copy would quote: flags 4 or 8. */
export function hasLiteralQuote(f: readonly number[]): boolean {
  for (let k = 2; k < f.length; k += 3) if ((f[k]! & 12) !== 0) return true;
  return false;
}
