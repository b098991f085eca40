/**
 * The record scan's hold on a short record that may be a trailer (records.ts). A record with
 * fewer fields than the header is a trailer only when it is among the last `maxRows` records of
 * the file (docs/profiles.md, "Trailer rows"), which the scan cannot know when it reads it. So
 * such a record is held, with every record after it, until either `maxRows` records follow it
 * (then it is rejected as any short record is) or the file ends (then it is handed on, padded
 * with empty cells, for the one trailer rule in SQL to decide). Guarantees: records come out in
 * file order, each exactly once, with their own line; at most `maxRows` + 1 records are held
 * (each a copy of its bytes, so the scan may reuse its read buffer).
 */

/** One held record: a copy of its bytes and its fields as (start, end, flags) triples over them. */
export interface HeldRecord {
  readonly line: number;
  readonly short: boolean;
  readonly bytes: Buffer;
  /** A short record's fields are padded with empty ones to the header's width. */
  readonly fields: number[];
  /** Its control amount (regular records only; a short record is never in the control total). */
  readonly cents: bigint | number | null;
}

export interface HoldOutlet {
  /** Hand on a record, in file order. */
  hand(record: HeldRecord): Promise<void>;
  /** Reject the short record at `line`: maxRows records follow it. */
  reject(line: number): void;
}

export class TailHold {
  readonly #held: HeldRecord[] = [];

  /** `maxRows`: the profile's trailer window (0: no trailer rule, nothing is ever held). */
  constructor(
    readonly maxRows: number,
    private readonly columns: number,
    private readonly outlet: HoldOutlet,
  ) {}

  /** A record is held: every record read now must go through `hold` to keep the file's order. */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  /** Hold the record `buf[start, end)` whose fields are `fields` (triples over `buf`), a copy; then hand on or reject what is settled. */
  async hold(buf: Buffer, start: number, end: number, fields: readonly number[], line: number, short: boolean, cents: bigint | number | null): Promise<void> {
    const rebased = fields.map((v, k) => (k % 3 === 2 ? v : v - start));
    // An empty field writes nothing between commas: (0, 0, 0).
    if (short) while (rebased.length < this.columns * 3) rebased.push(0, 0, 0);
    this.#held.push({ line, short, bytes: Buffer.from(buf.subarray(start, end)), fields: rebased, cents: short ? null : cents });
    while (this.#held.length > 0) {
      const head = this.#held[0]!;
      // A short record with fewer than maxRows records after it may still be among the last ones.
      if (head.short && this.#held.length - 1 < this.maxRows) break;
      this.#held.shift();
      if (head.short) this.outlet.reject(head.line);
      else await this.outlet.hand(head);
    }
  }

  /** At the end of the file: every held record is among the last ones, and is handed on. */
  async drain(): Promise<void> {
    for (const h of this.#held.splice(0)) await this.outlet.hand(h);
  }
}
