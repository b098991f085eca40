/**
 * Line numbers for staged rows. DuckDB emits good records in file order but says nothing of
 * where each began; it reports rejected records by record number. Reported line numbers are
 * physical lines of the file (what an editor shows), found one of two ways:
 * - fast path, when every physical line after the header is one record, a blank line or a
 *   rejected record (no quoted newlines): gaps are known, so row k's line is arithmetic;
 * - otherwise a quote-aware scan of the file's bytes lists where each record starts.
 */
import { createReadStream } from 'node:fs';
import type { Fingerprint } from './fingerprint.ts';

/** (fromOrd, offset): rows with ord >= fromOrd are `offset` lines further down (largest fromOrd wins). */
export type Breakpoints = readonly (readonly [number, number])[];

/** The records' physical lines by a quote-aware scan, for files the fast path cannot number. */
export interface MappedLines {
  /** Physical line of each staged row, index ord - 1. */
  readonly ordLines: Int32Array;
  /** DuckDB record number of a rejected record to its physical line. */
  readonly rejectLine: (recordNo: number) => number;
}

/**
 * Fast path: row k is on line headerLine + k + offset(k), the offsets from the gaps (blank lines
 * and rejected records). Undefined when some record spans lines (a quoted newline).
 */
export function arithmeticPlan(fp: Fingerprint, headerLine: number, stagedRows: number, rejectRecordNos: readonly number[]): Breakpoints | undefined {
  const blanks = fp.blankLines.filter((l) => l > headerLine);
  const dataLines = fp.lineCount - headerLine;
  if (stagedRows + rejectRecordNos.length + blanks.length !== dataLines) return undefined;
  const gaps = [...new Set([...blanks, ...rejectRecordNos])].sort((a, b) => a - b);
  const firstDataLine = headerLine + 1;
  const bp = new Map<number, number>();
  gaps.forEach((g, j) => bp.set(g - firstDataLine - j + 1, j + 1));
  return [...bp.entries()];
}

const LF = 0x0a;
const CR = 0x0d;

/** Quote-aware scan: physical start line and DuckDB record number of every record after the header. */
export async function scanRecords(
  path: string,
  headerLine: number,
  dialect: { quote: string; escape: string },
  newline: Fingerprint['newline'],
): Promise<{ physical: number[]; recordNo: number[] }> {
  const term = newline === '\r' ? CR : LF;
  const quote = dialect.quote.charCodeAt(0);
  const escape = dialect.escape.charCodeAt(0);
  const physical: number[] = [];
  const recordNo: number[] = [];
  let line = 1;
  let entity = 1; // DuckDB's record number: every unquoted line end starts a new one
  let inQuote = false;
  let atLineStart = true;
  let skipNext = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      const isNewline = b === term;
      if (atLineStart && !inQuote && line > headerLine && !isNewline && b !== CR) {
        physical.push(line);
        recordNo.push(entity);
      }
      atLineStart = false;
      if (skipNext) skipNext = false;
      else if (inQuote && escape !== quote && b === escape) skipNext = true;
      else if (b === quote) inQuote = !inQuote;
      if (isNewline) {
        line += 1;
        if (!inQuote) entity += 1;
        atLineStart = true;
      }
    }
  }
  return { physical, recordNo };
}

export async function mappedPlan(
  path: string,
  headerLine: number,
  dialect: { quote: string; escape: string },
  newline: Fingerprint['newline'],
  rejectRecordNos: readonly number[],
): Promise<MappedLines> {
  const { physical, recordNo } = await scanRecords(path, headerLine, dialect, newline);
  const rejected = new Set(rejectRecordNos);
  const byRecord = new Map<number, number>();
  const ordLines: number[] = [];
  recordNo.forEach((n, i) => {
    byRecord.set(n, physical[i]!);
    if (!rejected.has(n)) ordLines.push(physical[i]!);
  });
  return { ordLines: Int32Array.from(ordLines), rejectLine: (n) => byRecord.get(n) ?? n };
}
