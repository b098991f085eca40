/**
 * The record scan's fast path (records.ts): one physical line that holds no quote byte, split
 * at the delimiter by a table-driven loop over its bytes, with no allocation. Such a line is
 * exactly one record of unquoted fields, the record parseRecord (recordParse.ts) returns for it:
 * same fields, same end, one line, terminated. Whatever else (a quote byte anywhere on the line,
 * a line not complete in the buffer, a CR as the buffer's last byte, a line past the record-size
 * cap) is declined, and parseRecord reads that record as before.
 */
import { MAX_RECORD_BYTES, type Dialect } from './recordParse.ts';

/** Line bits: a byte >= 0x80, a NUL byte, a comma inside a field (the delimiter is not a comma). */
export const HIGH = 1;
export const NUL = 2;
export const COMMA_IN_FIELD = 4;

const PLAIN = 0;
const DELIM = 1;
const LF_ = 2;
const CR_ = 3;
const QUOTE = 4;
const ZERO = 5;
const COMMA = 6;
const HIGH_BYTE = 7;

export class PlainLines {
  readonly #cls = new Uint8Array(256);
  /** Delimiter positions of the last line read (its first `columnCount` delimiters). */
  readonly delims: Int32Array;
  /** Fields of the last line read. */
  count = 0;
  /** Where its content ends (its line end starts) and where the next line starts. */
  contentEnd = 0;
  end = 0;
  /** HIGH | NUL | COMMA_IN_FIELD. */
  bits = 0;

  constructor(dl: Dialect, columnCount: number) {
    const c = this.#cls;
    for (let b = 0x80; b < 0x100; b++) c[b] = HIGH_BYTE;
    c[0x2c] = COMMA;
    c[0] = ZERO;
    c[dl.d] = DELIM;
    c[0x0a] = LF_;
    c[0x0d] = CR_;
    c[dl.q] = QUOTE;
    this.delims = new Int32Array(Math.max(1, columnCount));
  }

  /** Read the line at `pos` into this object; false when parseRecord must read the record there. */
  read(buf: Buffer, pos: number, eof: boolean): boolean {
    const cls = this.#cls;
    const delims = this.delims;
    const cap = delims.length;
    const stop = Math.min(buf.length, pos + MAX_RECORD_BYTES + 1);
    let n = 0;
    let bits = 0;
    for (let i = pos; i < stop; i++) {
      const c = cls[buf[i]!]!;
      if (c === PLAIN) continue;
      if (c === DELIM) {
        if (n < cap) delims[n] = i;
        n++;
      } else if (c === LF_ || c === CR_) {
        let end = i + 1;
        if (c === CR_) {
          if (end >= buf.length && !eof) return false;
          if (buf[end] === 0x0a) end++;
        }
        this.count = n + 1;
        this.contentEnd = i;
        this.end = end;
        this.bits = bits;
        return true;
      } else if (c === QUOTE) return false;
      else if (c === HIGH_BYTE) bits |= HIGH;
      else if (c === ZERO) bits |= NUL;
      else bits |= COMMA_IN_FIELD;
    }
    return false;
  }

  /** Start and end of field `k` of the last line (k < count and k < columnCount). */
  fieldStart(pos: number, k: number): number {
    return k === 0 ? pos : this.delims[k - 1]! + 1;
  }

  fieldEnd(k: number): number {
    return k === this.count - 1 ? this.contentEnd : this.delims[k]!;
  }

  /** The last line's fields as parseRecord's (start, end, flags) triples (flag 8: holds a comma); count <= columnCount. */
  triples(buf: Buffer, pos: number): number[] {
    const f: number[] = [];
    for (let k = 0; k < this.count; k++) {
      const s = this.fieldStart(pos, k);
      const e = this.fieldEnd(k);
      let flags = 0;
      if ((this.bits & COMMA_IN_FIELD) !== 0) for (let i = s; i < e; i++) if (buf[i] === 0x2c) flags = 8;
      f.push(s, e, flags);
    }
    return f;
  }
}
