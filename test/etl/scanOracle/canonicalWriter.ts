/**
 * TEST-ONLY ORACLE: etl/load/canonicalWriter.ts as it was before the record scan's fast path
 * (commit df4a806), kept unchanged as the independent reference of test/etl/recordScan.test.ts.
 *
 * Writes the records the scan accepts as canonical CSV (comma, double quote, LF, UTF-8, one
 * record per record, no header), the only dialect DuckDB is ever asked to read. Fields are
 * re-quoted from their parsed content, so DuckDB splits every record exactly as the scan did.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';

const FLUSH = 4 << 20;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const LF = 0x0a;

export class CanonicalWriter {
  #fh: FileHandle | undefined;
  #out = Buffer.allocUnsafe(FLUSH * 2);
  #n = 0;
  #done = false;

  /**
   * `quote`/`escape` are the file's dialect bytes (to resolve escapes in quoted fields);
   * `decode` turns a field's bytes into text when the file is not UTF-8.
   */
  constructor(
    readonly path: string,
    private readonly dialect: { readonly q: number; readonly e: number },
    private readonly decode?: (b: Buffer) => string,
  ) {}

  async open(): Promise<void> {
    this.#fh = await open(this.path, 'w', 0o600);
  }

  /**
   * One record: `fields` are (start, end, flags) triples over `buf` (flags: 1 quoted, 2 escapes
   * to resolve, 4 a literal quote, 8 a literal comma). Synchronous; call `flushIfFull` after.
   */
  record(buf: Buffer, fields: readonly number[]): void {
    for (let k = 0; k < fields.length; k += 3) {
      if (k > 0) this.#byte(COMMA);
      const flags = fields[k + 2]!;
      let content = buf;
      let s = fields[k]!;
      let e = fields[k + 1]!;
      if ((flags & 2) !== 0 || this.decode) {
        content = (flags & 2) !== 0 ? this.#unescape(buf.subarray(s, e)) : buf.subarray(s, e);
        if (this.decode) content = Buffer.from(this.decode(content), 'utf8');
        s = 0;
        e = content.length;
      }
      this.#reserve((e - s) * 2 + 3);
      if ((flags & 13) === 0) {
        if (e - s > 64) this.#n += content.copy(this.#out, this.#n, s, e);
        else for (let i = s; i < e; i++) this.#out[this.#n++] = content[i]!; // short fields: a loop beats Buffer.copy's call cost
        continue;
      }
      // Quoted in the file, or holding a quote or a comma: quoted here, quotes doubled.
      const out = this.#out;
      let n = this.#n;
      out[n++] = DQUOTE;
      for (let i = s; i < e; i++) {
        const b = content[i]!;
        if (b === DQUOTE) out[n++] = DQUOTE;
        out[n++] = b;
      }
      out[n++] = DQUOTE;
      this.#n = n;
    }
    this.#byte(LF);
  }

  /** Write out the buffered records once they pass the flush size. */
  async flushIfFull(): Promise<void> {
    if (this.#n >= FLUSH) await this.#flush();
  }

  async close(): Promise<void> {
    await this.#flush();
    this.#done = true;
    await this.#fh?.close();
  }

  /** After a failure: close and remove a half-written copy (nothing to do after close). */
  async abort(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    try {
      await this.#fh?.close();
    } finally {
      await rm(this.path, { force: true });
    }
  }

  #byte(b: number): void {
    this.#reserve(1);
    this.#out[this.#n++] = b;
  }

  /** Room for `bytes` more; a record longer than the buffer grows it (records are capped at 32 MB). */
  #reserve(bytes: number): void {
    if (this.#n + bytes <= this.#out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#out.length * 2, this.#n + bytes));
    this.#out.copy(grown, 0, 0, this.#n);
    this.#out = grown;
  }

  async #flush(): Promise<void> {
    if (this.#n === 0) return;
    await this.#fh!.write(this.#out, 0, this.#n);
    this.#n = 0;
  }

  /** A quoted field's content with its escapes resolved: a doubled quote or <escape>x is one character. */
  #unescape(content: Buffer): Buffer {
    const { q, e } = this.dialect;
    const out = Buffer.allocUnsafe(content.length);
    let n = 0;
    for (let i = 0; i < content.length; i++) {
      if (e === q ? content[i] === q && content[i + 1] === q : content[i] === e) i++;
      if (i < content.length) out[n++] = content[i]!;
    }
    return out.subarray(0, n);
  }
}
