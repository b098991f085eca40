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

export interface LinePlan {
  /** Fast path: ord k is on line firstDataLine + k - 1 + offset(k), offsets from breakpoints. */
  readonly kind: 'arithmetic' | 'mapped';
  readonly firstDataLine: number;
  /** (fromOrd, offset): rows with ord >= fromOrd get this offset (largest fromOrd wins). */
  readonly breakpoints: readonly (readonly [number, number])[];
  /** Mapped path: physical line of each staged row, index ord - 1. */
  readonly ordLines?: Int32Array;
  /** DuckDB record number of a rejected record to its physical line. */
  readonly rejectLine: (recordNo: number) => number;
}

export function arithmeticPlan(fp: Fingerprint, headerLine: number, stagedRows: number, rejectRecordNos: readonly number[]): LinePlan | undefined {
  const blanks = fp.blankLines.filter((l) => l > headerLine);
  const dataLines = fp.lineCount - headerLine;
  if (stagedRows + rejectRecordNos.length + blanks.length !== dataLines) return undefined;
  const gaps = [...new Set([...blanks, ...rejectRecordNos])].sort((a, b) => a - b);
  const firstDataLine = headerLine + 1;
  const bp = new Map<number, number>();
  gaps.forEach((g, j) => bp.set(g - firstDataLine - j + 1, j + 1));
  return { kind: 'arithmetic', firstDataLine, breakpoints: [...bp.entries()], rejectLine: (n) => n };
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
): Promise<LinePlan> {
  const { physical, recordNo } = await scanRecords(path, headerLine, dialect, newline);
  const rejected = new Set(rejectRecordNos);
  const byRecord = new Map<number, number>();
  const ordLines: number[] = [];
  recordNo.forEach((n, i) => {
    byRecord.set(n, physical[i]!);
    if (!rejected.has(n)) ordLines.push(physical[i]!);
  });
  return {
    kind: 'mapped',
    firstDataLine: headerLine + 1,
    breakpoints: [],
    ordLines: Int32Array.from(ordLines),
    rejectLine: (n) => byRecord.get(n) ?? n,
  };
}
