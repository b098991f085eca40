/**
 * The record scan's fast path (records.ts): one physical line that holds no quote byte, split
 * at the delimiter by a table-driven loop over its bytes, with no allocation. Such a line is
 * exactly one record of unquoted fields, the record parseRecord (recordParse.ts) returns for it:
 * same fields, same end, one line, terminated. Whatever else (a quote byte anywhere on the line,
 * a line not complete in the buffer, a CR as the buffer's last byte, a line past the record-size
 * cap) is declined, and parseRecord reads that record as before.
 * Within a clean stretch of the buffer (no quote, NUL or, when the delimiter is not a comma,
 * comma byte; valid UTF-8, or ASCII in a single-byte encoding; found by native searches and
 * checks, each byte looked at once) a line is found by a native search for its LF and its
 * delimiters (and CRs) are counted four bytes at a time; a line whose only CR is the LF's partner
 * is taken, any other goes to the byte loop. Either way a line gives the same count, bits and ends.
 */
import { isAscii, isUtf8 } from 'node:buffer';
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
  /** End of the field `field` last located. */
  fe = 0;

  readonly #d: number;
  readonly #dx4: number;
  /** Specials searched for the clean stretch: quote, NUL (and comma when it is not the delimiter); CRs are counted per line. */
  readonly #specials: number[];
  readonly #utf8: boolean;
  /** Per buffer: next position of each special byte (cached), the clean stretch [.., cleanEnd). */
  #buf: Buffer | undefined;
  #next: number[] = [];
  #stretchEnd = 0;
  #stretchClean = false;
  #i32 = new Int32Array(0);
  /** The buffer holds a CR; CRs counted on the last line so counted. */
  #crIn = false;
  #crs = 0;
  /** The last line was read in a clean stretch (its delimiters were counted, not recorded). */
  #clean = false;

  constructor(dl: Dialect, columnCount: number, utf8: boolean) {
    this.#d = dl.d;
    this.#dx4 = Math.imul(dl.d, 0x01010101);
    this.#specials = [dl.q, 0, ...(dl.d === 0x2c ? [] : [0x2c])];
    this.#utf8 = utf8;
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
    if (buf !== this.#buf) this.#newBuffer(buf);
    if (pos >= this.#stretchEnd) this.#stretch(buf, pos);
    if (this.#stretchClean && buf[pos] !== 0xef) {
      const e = buf.indexOf(0x0a, pos);
      if (e - pos <= MAX_RECORD_BYTES) {
        const n = this.#crIn ? this.#countWithCr(buf, pos, e) : this.#countDelims(buf, pos, e);
        // A CR only as the LF's partner (CRLF); any other CR ends a line: the byte loop reads that one.
        if (this.#crs === 0 || (this.#crs === 1 && buf[e - 1] === 0x0d)) {
          this.count = n + 1;
          this.contentEnd = this.#crs === 0 ? e : e - 1;
          this.end = e + 1;
          this.bits = 0;
          this.#clean = true;
          return true;
        }
      }
    }
    this.#clean = false;
    return this.#loop(buf, pos, eof);
  }

  #newBuffer(buf: Buffer): void {
    this.#buf = buf;
    this.#crIn = buf.includes(0x0d);
    this.#crs = 0;
    this.#next = this.#specials.map(() => -1);
    this.#stretchEnd = 0;
    this.#stretchClean = false;
    this.#i32 = new Int32Array(buf.buffer as ArrayBuffer, 0, buf.buffer.byteLength >> 2);
  }

  /** The stretch from `pos` (a line start) up to the last LF before the next special byte; clean if valid text. */
  #stretch(buf: Buffer, pos: number): void {
    let special = buf.length;
    for (let j = 0; j < this.#specials.length; j++) {
      if (this.#next[j]! < pos) {
        const at = buf.indexOf(this.#specials[j]!, pos);
        this.#next[j] = at < 0 ? buf.length : at;
      }
      special = Math.min(special, this.#next[j]!);
    }
    const lf = special > pos ? buf.lastIndexOf(0x0a, special - 1) : -1;
    if (lf < pos) {
      // A special byte on this very line (or no whole line): the byte loop reads it; look again from the next.
      this.#stretchEnd = pos + 1;
      this.#stretchClean = false;
      return;
    }
    this.#stretchEnd = lf + 1;
    // Not valid text: the byte loop reads the whole stretch (and says which lines hold the bad bytes).
    const text = buf.subarray(pos, lf + 1);
    this.#stretchClean = this.#utf8 ? isUtf8(text) : isAscii(text);
  }

  /** Delimiter bytes in buf[s, e), four at a time through an aligned 32-bit view (exact per-byte zero test). */
  #countDelims(buf: Buffer, s: number, e: number): number {
    const d = this.#d;
    const base = buf.byteOffset;
    let n = 0;
    let i = s;
    while (i < e && ((base + i) & 3) !== 0) if (buf[i++] === d) n++;
    const i32 = this.#i32;
    const dx4 = this.#dx4;
    const wend = (base + e) >> 2;
    let w = (base + i) >> 2;
    for (; w < wend; w++) {
      const v = i32[w]! ^ dx4;
      const m = ~(((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v | 0x7f7f7f7f);
      n += Math.imul((m >>> 7) & 0x01010101, 0x01010101) >>> 24;
    }
    for (i = Math.max(i, (w << 2) - base); i < e; i++) if (buf[i] === d) n++;
    return n;
  }

  /** As #countDelims, also counting CR bytes (into #crs). */
  #countWithCr(buf: Buffer, s: number, e: number): number {
    const d = this.#d;
    const base = buf.byteOffset;
    let n = 0;
    let cr = 0;
    let i = s;
    for (; i < e && ((base + i) & 3) !== 0; i++) {
      if (buf[i] === d) n++;
      else if (buf[i] === 0x0d) cr++;
    }
    const i32 = this.#i32;
    const dx4 = this.#dx4;
    const wend = (base + e) >> 2;
    let w = (base + i) >> 2;
    for (; w < wend; w++) {
      const x = i32[w]!;
      const v = x ^ dx4;
      const m = ~(((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v | 0x7f7f7f7f);
      n += Math.imul((m >>> 7) & 0x01010101, 0x01010101) >>> 24;
      const c = x ^ 0x0d0d0d0d;
      const k = ~(((c & 0x7f7f7f7f) + 0x7f7f7f7f) | c | 0x7f7f7f7f);
      cr += Math.imul((k >>> 7) & 0x01010101, 0x01010101) >>> 24;
    }
    for (i = Math.max(i, (w << 2) - base); i < e; i++) {
      if (buf[i] === d) n++;
      else if (buf[i] === 0x0d) cr++;
    }
    this.#crs = cr;
    return n;
  }

  #loop(buf: Buffer, pos: number, eof: boolean): boolean {
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

  /** Start of field `k` of the last line (k < count); its end is then `fe`. */
  field(buf: Buffer, pos: number, k: number): number {
    if (!this.#clean) {
      this.fe = k === this.count - 1 ? this.contentEnd : this.delims[k]!;
      return k === 0 ? pos : this.delims[k - 1]! + 1;
    }
    // Counted, not recorded: walk to the field from the nearer end of the line.
    const d = this.#d;
    if (2 * k < this.count) {
      let i = pos;
      for (let n = 0; n < k; i++) if (buf[i] === d) n++;
      let e = i;
      while (e < this.contentEnd && buf[e] !== d) e++;
      this.fe = e;
      return i;
    }
    let e = this.contentEnd;
    for (let n = this.count - 1; n > k; e--) if (buf[e - 1] === d) n--;
    let i = e;
    while (i > pos && buf[i - 1] !== d) i--;
    this.fe = e;
    return i;
  }

  /** The last line's fields as parseRecord's (start, end, flags) triples (flag 8: holds a comma); count <= columnCount. */
  triples(buf: Buffer, pos: number): number[] {
    const f: number[] = [];
    for (let k = 0; k < this.count; k++) {
      const s = this.field(buf, pos, k);
      const e = this.fe;
      let flags = 0;
      if ((this.bits & COMMA_IN_FIELD) !== 0) for (let i = s; i < e; i++) if (buf[i] === 0x2c) flags = 8;
      f.push(s, e, flags);
    }
    return f;
  }
}
