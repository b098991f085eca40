/**
 * Finds a file's header line and maps its columns to a profile's canonical fields by name
 * (case- and space-insensitive). Only the head of the file is read and only header lines are
 * parsed here; data rows are read by DuckDB.
 */
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Profile } from '../profiles/schema.ts';
import { SOURCES } from '../sources/catalog.ts';

const HEAD_BYTES = 256 * 1024;
const MAX_HEADER_SEARCH = 50;

export interface HeaderMatch {
  /** 1-based physical line of the header. */
  readonly headerLine: number;
  /** Header cells as written in the file. */
  readonly columns: readonly string[];
  /** Canonical field -> column indexes it reads from (several for firstOf); absent when unmapped. */
  readonly fieldColumns: ReadonlyMap<string, readonly number[]>;
  /** Required canonical fields whose columns are not in the header. */
  readonly missing: readonly string[];
  /** Mapped fields found, for choosing between profiles. */
  readonly score: number;
}

export const normalizeHeader = (s: string): string => s.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** The file's first HEAD_BYTES bytes: all the header search (and, on a refusal, its diagnosis) reads. */
export async function readHeadBytes(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function decodeHead(bytes: Buffer, encoding: Profile['dialect']['encoding']): string {
  return iconv.decode(bytes, encoding === 'latin-1' ? 'latin1' : encoding);
}

/** The head's lines as the header search sees them: physical lines, a byte-order mark dropped. */
export function headLines(head: string, limit = MAX_HEADER_SEARCH): string[] {
  return head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, limit);
}

/** One line's cells under the profile's delimiter and quote. */
export function parseLine(profile: Profile, line: string): string[] {
  return (Papa.parse<string[]>(line, { delimiter: profile.dialect.delimiter, quoteChar: profile.dialect.quote }).data[0] ?? []).map(String);
}

/** The header cells a column mapping reads, in order (none for a constant). */
export function mappingColumns(m: Profile['columns'][string]): string[] {
  if (typeof m === 'string') return [m];
  if (m.column !== undefined) return [m.column];
  if (m.firstOf !== undefined) return m.firstOf;
  return [];
}

function isConst(m: Profile['columns'][string]): boolean {
  return typeof m !== 'string' && m.const !== undefined;
}

/** Match one header line's cells against a profile. */
export function matchColumns(profile: Profile, cells: readonly string[], headerLine: number): HeaderMatch {
  const index = new Map<string, number>();
  cells.forEach((c, i) => {
    const k = normalizeHeader(c);
    if (k !== '' && !index.has(k)) index.set(k, i);
  });
  const fieldColumns = new Map<string, number[]>();
  const missing: string[] = [];
  let score = 0;
  for (const f of SOURCES[profile.source].fields) {
    const m = profile.columns[f.name];
    if (m === undefined) continue;
    if (isConst(m)) {
      fieldColumns.set(f.name, []);
      continue;
    }
    const found = mappingColumns(m)
      .map((c) => index.get(normalizeHeader(c)))
      .filter((i): i is number => i !== undefined);
    if (found.length > 0) {
      fieldColumns.set(f.name, found);
      score += 1;
    } else if (f.required) missing.push(f.name);
  }
  return { headerLine, columns: cells, fieldColumns, missing, score };
}

/**
 * The canonical field that reads each mapped column (the first, when two read one): the columns
 * whose values may not span lines (records.ts `singleLineColumns`) and the fields their rejects name.
 */
export function fieldOfColumn(header: Pick<HeaderMatch, 'fieldColumns'>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [field, idx] of header.fieldColumns) for (const i of idx) if (!out.has(i)) out.set(i, field);
  return out;
}

/** Locate the header per the profile's skipRows ("auto": the first line that maps every required field). */
export function findHeader(profile: Profile, head: string): HeaderMatch | undefined {
  const lines = headLines(head);
  const parse = (line: string): string[] => parseLine(profile, line);
  const skip = profile.dialect.skipRows;
  if (skip !== 'auto') {
    const line = lines[skip];
    return line === undefined ? undefined : matchColumns(profile, parse(line), skip + 1);
  }
  let best: HeaderMatch | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = matchColumns(profile, parse(lines[i]!), i + 1);
    if (m.missing.length === 0) return m;
    if (!best || m.score > best.score) best = m;
  }
  return best;
}
