/**
 * The physical record scan: the one authority on where each record of a file begins and ends.
 * It reads the file's bytes once (memory stays flat) with the profile's dialect and guarantees:
 * - every physical line after the header is a blank line, part of exactly one record handed on
 *   (written, in canonical CSV, to the copy DuckDB reads) or part of exactly one reject with its
 *   true line and reason; nothing is skipped silently;
 * - line ends are LF, CRLF or a lone CR, mixed freely; lines are counted as an editor shows them;
 * - a quote opens a quoted field only at the start of a field (a quote inside an unquoted field,
 *   `12" brace`, is a literal); a quoted field may span lines, but not in a column of
 *   `singleLineColumns` (those a canonical field reads: no canonical value holds a line end);
 * - a malformed record that spans lines (an unclosed or misplaced quote, a joined record of the
 *   wrong width, or a value spanning lines in a column of `singleLineColumns`, which two stray
 *   quotes make: `"PT-OPEN` on line 5 closed by `PT-8"` on line 8) rejects only its first line,
 *   and the scan resumes on the next line, so one stray quote never swallows the rows after it;
 * - a record with the wrong number of fields, a NUL byte, bytes invalid in the encoding, more
 *   than 32 MB, or no line end at the end of the file (a cut-off file) is a reject, not a row;
 *   but with `trailerRows` a record with only too few fields, among the last `trailerRows`
 *   records, is handed on padded with empty cells (`shortRecords`, also in a copy of their own;
 *   never read in place, never in the control total) for the trailer rule to decide
 *   (tailHold.ts, shortRecords.ts);
 * - the control total (the source's money column, parsed per the profile's number format) is
 *   summed here, from the bytes, independently of DuckDB.
 * Records handed on are numbered 1..n in file order; `breakpoints` gives each one's line.
 * With `directIfCanonical`, a file whose records are already canonical CSV as written (UTF-8,
 * comma, double quote, LF only, header on line 1; no blank line, no reject, no quote inside an
 * unquoted field) is scanned without writing the copy (`direct`): its bytes after line 1 are
 * exactly what the copy would hold, and DuckDB reads them in place. The first record or byte
 * that is not canonical ends that attempt, and the file is scanned again writing the copy.
 * `plainCells`: no cell begins or ends with a space and every byte is ASCII (trimCheck.ts), so
 * the typing may take each cell as its own trimmed text.
 * Speed: a line without a quote byte (most lines of most files) is read by the fast path
 * (plainLine.ts: native searches and a four-bytes-at-a-time delimiter count over clean
 * stretches, else one table-driven loop; no allocation per record; amounts summed as integer
 * cents in a safe-integer accumulator, folded into the BigInt total before 2^50); parseRecord
 * reads every other record. Both give the same record, so the result does not depend on which
 * path read a line (test/etl/recordScan.test.ts checks it against the previous implementation).
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { controlAmount, plainCents, plainTextIsOwn } from './amountText.ts';
import { CanonicalWriter } from './canonicalWriter.ts';
import { COMMA_IN_FIELD, HIGH, NUL, PlainLines } from './plainLine.ts';
import { CR, dialectBytes, hasLiteralQuote, LF, lineEnd, parseRecord, valueOverLines } from './recordParse.ts';
import { TrimCheck } from './trimCheck.ts';
import { TailHold } from './tailHold.ts';
import { fieldCountReason, recordFlaw } from './scanReasons.ts';
import { shortCopyPath, type ScanReject, type ScanRequest, type ScanResult } from './scanTypes.ts';

export { fieldCountReason, NOT_UTF8 } from './scanReasons.ts';
export { MAX_RECORD_BYTES } from './recordParse.ts';
export type { ScanReject, ScanRequest, ScanResult } from './scanTypes.ts';

const CHUNK = 4 << 20;
const TAIL = 20;
/** The safe-integer cents accumulator moves into the BigInt total past this (plain amounts are below 10^15 < 2^50). */
const FOLD = 2 ** 50;

export async function scanRecords(req: ScanRequest): Promise<ScanResult> {
  const d = req.dialect;
  const canonical = req.encoding === 'utf-8' && d.delimiter === ',' && d.quote === '"' && d.escape === '"' && req.headerLine === 1;
  if (req.directIfCanonical && canonical) {
    const direct = await scan(req, false);
    if (direct) return direct;
  }
  return (await scan(req, true))!;
}

/** One pass; without `write`, undefined as soon as something is not canonical CSV. */
async function scan(req: ScanRequest, write: boolean): Promise<ScanResult | undefined> {
  const dl = dialectBytes(req.dialect);
  const utf8 = req.encoding === 'utf-8';
  const decode = (b: Buffer): string => (utf8 ? b.toString('utf8') : iconv.decode(b, req.encoding === 'latin-1' ? 'latin1' : 'win1252'));
  const hash = createHash('sha256');
  const fh = await open(req.path, 'r');
  const writer = (path: string): CanonicalWriter => new CanonicalWriter(path, { q: dl.q, e: dl.e }, utf8 ? undefined : decode);
  const out = write ? writer(req.outPath) : undefined;
  // The short records handed on, also alone in their own copy (shortRecords.ts reads them there).
  const shortOut = write && req.trailerRows ? writer(shortCopyPath(req)) : undefined;
  await out?.open();
  await shortOut?.open();
  const plain = new PlainLines(dl, req.columnCount, utf8);
  const trims = new TrimCheck(dl.d, dl.q);
  const columns = req.columnCount;
  const ctrl = req.control && req.control.columns.length > 0 ? req.control : undefined;
  // plainCents reads an amount column only under a format that reads plain text as plainCents does.
  const oneColumn = ctrl?.columns.length === 1 && plainTextIsOwn(ctrl.format) ? ctrl.columns[0]! : -1;
  /** 1 for a column whose values may not span lines (`singleLineColumns`). */
  const singleLine = new Uint8Array(columns);
  for (const i of req.singleLineColumns ?? []) if (i >= 0 && i < columns) singleLine[i] = 1;
  const checkSpans = singleLine.includes(1);
  /** Not canonical as written (direct attempt only): give up this pass. */
  let off = false;
  const rejects: ScanReject[] = [];
  const breakpoints: [number, number][] = [];
  const tailRing: (bigint | number | null)[] = new Array<bigint | number | null>(TAIL).fill(null);
  let buf = Buffer.alloc(0);
  let pos = 0;
  let filePos = 0;
  let lastByte = -1;
  let eof = false;
  let line = 1;
  let records = 0;
  let blank = 0;
  let control = 0n;
  /** Plain amounts' cents not yet in `control` (|acc| <= FOLD: exact). */
  let acc = 0;
  let lastOffset = Number.NaN;
  /** The read buffer, reused: `buf` is its filled part. */
  const chunk = req.readBytes ?? CHUNK;
  let store = Buffer.allocUnsafe(chunk * 2);
  const more = async (): Promise<void> => {
    // The unread rest moves to the front of the store (nothing holds a view of the old bytes
    // across a read), and the next chunk is read in right after it.
    const rest = buf.length - pos;
    if (rest + chunk > store.length) {
      const grown = Buffer.allocUnsafe(Math.max(rest + chunk, store.length * 2));
      buf.copy(grown, 0, pos);
      store = grown;
    } else if (rest > 0) store.copyWithin(0, pos, buf.length);
    const { bytesRead } = await fh.read(store, rest, chunk, filePos);
    filePos += bytesRead;
    if (bytesRead === 0) eof = true;
    else lastByte = store[rest + bytesRead - 1]!;
    const got = store.subarray(rest, rest + bytesRead);
    if (!write && got.includes(CR)) off = true;
    hash.update(got);
    trims.feed(got);
    buf = store.subarray(0, rest + bytesRead);
    pos = 0;
  };
  const reject = (reason: string, column?: number): void => {
    if (!write) off = true;
    rejects.push(column === undefined ? { line, reason } : { line, reason, column });
  };
  /** A record handed on: numbered, its line's offset noted, its control amount summed. */
  const numbered = (cents: bigint | number | null, at = line): void => {
    records++;
    const offset = at - records;
    if (offset !== lastOffset) {
      breakpoints.push([records, offset]);
      lastOffset = offset;
    }
    if (ctrl) {
      if (typeof cents === 'number') {
        acc += cents;
        if (acc > FOLD || acc < -FOLD) {
          control += BigInt(acc);
          acc = 0;
        }
      } else if (cents !== null) control += cents;
      tailRing[records % TAIL] = cents;
    }
  };
  // Short records near the end wait here (copy pass only: a short record ends the in-place attempt).
  const shortRecords: number[] = [];
  const hold = new TailHold(write ? (req.trailerRows ?? 0) : 0, columns, {
    hand: async (h) => {
      numbered(h.cents, h.line);
      if (h.short) {
        shortRecords.push(records);
        shortOut!.record(h.bytes, h.fields);
      }
      out!.record(h.bytes, h.fields);
      await out!.flushIfFull();
    },
    reject: (at) => void rejects.push({ line: at, reason: fieldCountReason(0, columns) }),
  });
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
      if (off) return undefined;
      if (pos >= buf.length) {
        if (eof) break;
        await more();
        continue;
      }
      if (plain.read(buf, pos, eof)) {
        // Fast path: one line, unquoted fields (what parseRecord returns for it, read without allocating).
        const n = plain.count;
        const bits = plain.bits;
        const contentEnd = plain.contentEnd;
        const flaw = bits === 0 ? undefined : recordFlaw(buf, pos, plain.end, (bits & NUL) !== 0, (bits & HIGH) !== 0, req.encoding);
        if (n === 1 && contentEnd === pos) {
          blank++;
          if (!write) off = true;
        } else if (n < columns && hold.maxRows > 0 && flaw === undefined) await hold.hold(buf, pos, contentEnd, plain.triples(buf, pos), line, true, null);
        else if (n !== columns) reject(fieldCountReason(n, columns));
        else if (flaw !== undefined) reject(flaw);
        else {
          let cents: bigint | number | null = null;
          if (ctrl) {
            cents = oneColumn >= 0 ? plainCents(buf, plain.field(buf, pos, oneColumn), plain.fe) : Number.NaN;
            if (cents !== cents) cents = controlAmount(buf, plain.triples(buf, pos), ctrl, decode);
          }
          if (hold.holding) await hold.hold(buf, pos, contentEnd, plain.triples(buf, pos), line, false, cents);
          else {
            numbered(cents);
            if (out) {
              if ((bits & COMMA_IN_FIELD) !== 0) out.record(buf, plain.triples(buf, pos));
              else out.plain(buf, pos, contentEnd, dl.d, (bits & HIGH) !== 0);
              if (out.full) await out.flushIfFull();
            }
            // Without `out` (direct: the delimiter is a comma) a plain line has no quote or comma inside a field.
          }
        }
        line++;
        pos = plain.end;
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
      if (!blankLine && r.terminated && spansLines && count !== columns) {
        // A quoted line end joined lines into a record of the wrong width: most likely a stray
        // quote. Reject the first line only and read on from the next.
        reject(`has a quote that joins it to the lines below into a record of ${count} fields (the header has ${columns})`);
        pos = lineEnd(buf, pos, true)!;
        line++;
        continue;
      }
      const over = !blankLine && r.terminated && spansLines && checkSpans ? valueOverLines(buf, pos, f, singleLine) : undefined;
      if (over !== undefined) {
        // A value of a canonical field never holds a line end: most likely a stray quote that a
        // later one closed, the lines between them swallowed. Reject the first line only (naming
        // the column, never the value) and read on from the next, so those lines are read again.
        const [from, to] = [line + over.opens, line + over.closes];
        reject(`has a value that spans lines ${from} to ${to}: a quote opened in this field is closed only on line ${to} (a stray quote?)`, over.column);
        pos = lineEnd(buf, pos, true)!;
        line++;
        continue;
      }
      const flaw = recordFlaw(buf, pos, r.end, r.nul, true, req.encoding);
      const reason = blankLine
        ? undefined
        : !r.terminated
          ? 'ends the file without a line end: the file may have been cut off while it was written'
          : count !== columns
            ? fieldCountReason(count, columns)
            : flaw;
      if (blankLine) {
        blank++;
        if (!write) off = true;
      } else if (r.terminated && count < columns && hold.maxRows > 0 && flaw === undefined) await hold.hold(buf, pos, r.end, f, line, true, null);
      else if (reason !== undefined) reject(reason);
      else if (hold.holding) await hold.hold(buf, pos, r.end, f, line, false, ctrl ? controlAmount(buf, f, ctrl, decode) : null);
      else {
        numbered(ctrl ? controlAmount(buf, f, ctrl, decode) : null);
        if (out) {
          out.record(buf, f);
          await out.flushIfFull();
        } else if (hasLiteralQuote(f)) off = true;
      }
      line += r.lines;
      pos = r.end;
    }
    if (off) return undefined;
    // The end of the file: every record still held is among the last ones.
    await hold.drain();
    await out?.close();
    await shortOut?.close();
  } finally {
    await fh.close();
    await out?.abort();
    await shortOut?.abort();
  }
  const lastTerminated = lastByte === -1 || lastByte === LF || lastByte === CR;
  const tail = (c: bigint | number | null | undefined): bigint | null => (c === null || c === undefined ? null : BigInt(c));
  return {
    sha256: hash.digest('hex'),
    sizeBytes: filePos,
    direct: !write,
    plainCells: trims.plain(),
    records,
    breakpoints,
    // A short record rejected once enough records followed it is noted after them (sorting sorted rejects is one pass).
    rejects: hold.maxRows > 0 ? rejects.sort((a, b) => a.line - b.line) : rejects,
    shortRecords,
    blankLines: blank,
    lineCount: lastTerminated ? line - 1 : line,
    controlCents: ctrl ? control + BigInt(acc) : null,
    tailCents: new Map(Array.from({ length: Math.min(TAIL, records) }, (_, j) => records - j).map((k) => [k, tail(tailRing[k % TAIL])] as const)),
  };
}
