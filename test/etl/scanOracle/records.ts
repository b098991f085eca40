/**
 * TEST-ONLY ORACLE: etl/load/records.ts as it was before the record scan's fast path
 * (commit df4a806), kept unchanged as the reference of test/etl/recordScan.test.ts; it uses the
 * product's record parser and scan types, which the fast path did not change.
 *
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
 * With `directIfCanonical`, a file whose records are already canonical CSV as written (UTF-8,
 * comma, double quote, LF only, header on line 1; no blank line, no reject, no quote inside an
 * unquoted field) is scanned without writing the copy (`direct`): its bytes after line 1 are
 * exactly what the copy would hold, and DuckDB reads them in place. The first record or byte
 * that is not canonical ends that attempt, and the file is scanned again writing the copy.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { controlAmount } from './amountText.ts';
import { CanonicalWriter } from './canonicalWriter.ts';
// Types and the record parser are shared with the product: the parser is unchanged by the fast
// path (it still reads every quoted record); what this oracle freezes is the scan around it.
import { CR, LF, lineEnd, parseRecord, type Dialect } from '../../../etl/load/recordParse.ts';
import type { ScanReject, ScanRequest, ScanResult as ProductScanResult } from '../../../etl/load/scanTypes.ts';

/**
 * The product's result less `plainCells` (added after this oracle; checked by test/etl/plainCells.test.ts)
 * and `shortRecords` (added after it too, for the trailer window it does not know; always empty
 * without one; test/etl/trailerShortScan.test.ts checks it).
 */
export type ScanResult = Omit<ProductScanResult, 'plainCells' | 'shortRecords'>;

export { MAX_RECORD_BYTES } from '../../../etl/load/recordParse.ts';
export type { ScanReject, ScanRequest };


const CHUNK = 4 << 20;
const TAIL = 20;

const byteOf = (s: string, what: string): number => {
  if (s.length !== 1 || s.charCodeAt(0) > 0x7f) throw new Error(`the ${what} must be one ASCII character`);
  return s.charCodeAt(0);
};

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
  const dl: Dialect = { d: byteOf(req.dialect.delimiter, 'delimiter'), q: byteOf(req.dialect.quote, 'quote'), e: byteOf(req.dialect.escape, 'escape') };
  const decode = (b: Buffer): string => (req.encoding === 'utf-8' ? b.toString('utf8') : iconv.decode(b, req.encoding === 'latin-1' ? 'latin1' : 'win1252'));
  const hash = createHash('sha256');
  const fh = await open(req.path, 'r');
  const out = write ? new CanonicalWriter(req.outPath, { q: dl.q, e: dl.e }, req.encoding === 'utf-8' ? undefined : decode) : undefined;
  await out?.open();
  /** Not canonical as written (direct attempt only): give up this pass. */
  let off = false;
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
    if (!write && got.includes(CR)) off = true;
    hash.update(got);
    buf = pos < buf.length ? Buffer.concat([buf.subarray(pos), got]) : got;
    pos = 0;
  };
  const reject = (reason: string): void => {
    if (!write) off = true;
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
      if (off) return undefined;
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
      if (blankLine) {
        blank++;
        if (!write) off = true;
      } else if (reason !== undefined) reject(reason);
      else {
        records++;
        const offset = line - records;
        if (offset !== lastOffset) {
          breakpoints.push([records, offset]);
          lastOffset = offset;
        }
        if (out) {
          out.record(buf, f);
          await out.flushIfFull();
        } else if (hasLiteralQuote(f)) off = true;
        if (control !== null) {
          const cents = controlAmount(buf, f, req.control!, decode);
          if (cents !== null) control += cents;
          tailRing[records % TAIL] = cents;
        }
      }
      line += r.lines;
      pos = r.end;
    }
    if (off) return undefined;
    await out?.close();
  } finally {
    await fh.close();
    await out?.abort();
  }
  const lastTerminated = lastByte === -1 || lastByte === LF || lastByte === CR;
  return {
    sha256: hash.digest('hex'),
    sizeBytes: filePos,
    direct: !write,
    records,
    breakpoints,
    rejects,
    blankLines: blank,
    lineCount: lastTerminated ? line - 1 : line,
    controlCents: control,
    tailCents: new Map(Array.from({ length: Math.min(TAIL, records) }, (_, j) => records - j).map((k) => [k, tailRing[k % TAIL] ?? null] as const)),
  };
}

/** A field holding a quote (or comma) the copy would quote: flags 4 or 8 (recordParse.ts). */
function hasLiteralQuote(f: readonly number[]): boolean {
  for (let k = 2; k < f.length; k += 3) if ((f[k]! & 12) !== 0) return true;
  return false;
}
