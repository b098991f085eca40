/**
 * Whether every cell of a file is already its own trimmed text, decided from the file's bytes by
 * the record scan (records.ts), so the typing statement may skip `trim` per cell (typing.ts,
 * `plainCells`). DuckDB's trim strips, at either end, Unicode white space: among ASCII bytes only
 * the space (0x20) (test/etl/plainCells.test.ts pins this against the DuckDB in use); every other
 * character it strips is outside ASCII. So a file is plain when all its bytes are ASCII (a UTF-8
 * byte-order mark at its very start aside) and no space byte stands at the start or end of the
 * file or next to a delimiter, a quote or a line end (LF, CR) byte: then no cell, quoted or not,
 * begins or ends with a space, and trimming changes no cell. A file that is not plain loses
 * nothing: the typing statement trims as always. Conservative by design (a space beside a comma
 * inside a quoted field, or a non-ASCII byte in the header, makes the whole file not plain).
 */
import { isAscii } from 'node:buffer';

const SP = 0x20;
const LF = 0x0a;
const CR = 0x0d;
/** No byte before the file's first one (so a space there is at an edge). */
const START = -1;
const BOM = [0xef, 0xbb, 0xbf];

export class TrimCheck {
  #plain = true;
  /** The last byte fed (START before any). */
  #prev = START;
  /** BOM bytes matched at the file's start so far; -1 once past them. */
  #bom = 0;
  readonly #d: number;
  readonly #q: number;

  constructor(delimiter: number, quote: number) {
    this.#d = delimiter;
    this.#q = quote;
  }

  #edge(b: number): boolean {
    return b === this.#d || b === this.#q || b === LF || b === CR || b === START;
  }

  /** The file's next bytes, in order. */
  feed(chunk: Buffer): void {
    if (!this.#plain || chunk.length === 0) return;
    let bytes = chunk;
    // A byte-order mark at the file's start is not a cell's text (the header line holds it); it
    // may come split over reads. A partial one is not ASCII: not plain.
    while (this.#bom >= 0 && bytes.length > 0) {
      if (bytes[0] !== BOM[this.#bom]) {
        if (this.#bom > 0) this.#plain = false;
        this.#bom = -1;
        break;
      }
      bytes = bytes.subarray(1);
      this.#bom = this.#bom === BOM.length - 1 ? -1 : this.#bom + 1;
    }
    if (!this.#plain || bytes.length === 0) return;
    if (!isAscii(bytes)) {
      this.#plain = false;
      return;
    }
    // A space that ended the previous chunk: its next byte is this chunk's first.
    if (this.#prev === SP && this.#edge(bytes[0]!)) {
      this.#plain = false;
      return;
    }
    for (let i = bytes.indexOf(SP); i >= 0; i = bytes.indexOf(SP, i + 1)) {
      const before = i > 0 ? bytes[i - 1]! : this.#prev;
      const after = i + 1 < bytes.length ? bytes[i + 1]! : undefined;
      if (this.#edge(before) || (after !== undefined && this.#edge(after))) {
        this.#plain = false;
        return;
      }
    }
    this.#prev = bytes[bytes.length - 1]!;
  }

  /** After the last chunk: true when no cell of the file begins or ends with a space and all is ASCII. */
  plain(): boolean {
    // A file ending inside a partial BOM (bytes EF or EF BB alone) is not ASCII: not plain.
    return this.#plain && this.#prev !== SP && this.#bom <= 0;
  }
}
