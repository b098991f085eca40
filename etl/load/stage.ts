/**
 * DuckDB's own CSV reader, pinned to the profile: the dialect and encoding are given, the
 * sniffer is off, every column is read as text (identifiers keep leading zeros; typing is done
 * by rule in SQL), rows are numbered in file order, and records the reader cannot parse are kept
 * in its rejects table with their record number, never dropped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Profile } from '../profiles/schema.ts';
import type { Fingerprint } from './fingerprint.ts';
import { sqlString } from './sqlText.ts';

export interface CsvReject {
  readonly recordNo: number;
}

/** Longest record DuckDB will read; a 5 MB field fits. */
const MAX_LINE_BYTES = 32 * 1024 * 1024;

/**
 * The relation of a file's records, text columns c0..cN in file order. `$path` is bound. The
 * table created from it (outside any transaction, with insertion order preserved) numbers the
 * records by its rowid: record k is rowid k - 1.
 */
export function readCsvSql(opts: { profile: Profile; headerLine: number; columnCount: number; newline: Fingerprint['newline']; encoding: 'utf-8' | 'latin-1' }): string {
  const d = opts.profile.dialect;
  const columns = Array.from({ length: opts.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const newLine = opts.newline === '\r\n' ? '\\r\\n' : opts.newline === '\r' ? '\\r' : '\\n';
  // Options are literals from the validated profile or computed numbers; the path is bound.
  return `SELECT *
     FROM read_csv($path,
       auto_detect = false, header = false, skip = ${opts.headerLine},
       delim = ${sqlString(d.delimiter)}, quote = ${sqlString(d.quote)}, escape = ${sqlString(d.escape)},
       new_line = ${sqlString(newLine)}, encoding = ${sqlString(opts.encoding)},
       columns = {${columns}},
       max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${MAX_LINE_BYTES * 2},
       store_rejects = true, rejects_table = 'pb_reject_errors', rejects_scan = 'pb_reject_scans')`;
}

export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const t of ['typed', 'pk_map', 'pb_reject_errors', 'pb_reject_scans', 'line_bp', 'line_map', 'rej_map']) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  await conn.run('DROP VIEW IF EXISTS rows_v');
}

/** The records DuckDB's reader rejected, one per record number. */
export async function readerRejects(conn: DuckDBConnection): Promise<CsvReject[]> {
  const rej = await conn.runAndReadAll('SELECT DISTINCT line::BIGINT AS line FROM pb_reject_errors ORDER BY line');
  return rej.getRows().map((r) => ({ recordNo: Number(r[0]) }));
}

/** Plain words for DuckDB's CSV error types; never the line itself. */
export function describeCsvError(errorType: string, columnCount: number): string {
  const words: Record<string, string> = {
    'MISSING COLUMNS': `has fewer fields than the header's ${columnCount}`,
    'TOO MANY COLUMNS': `has more fields than the header's ${columnCount}`,
    'UNQUOTED VALUE': 'has an unterminated or misplaced quote; the record could not be read',
    'LINE SIZE OVER MAXIMUM': 'is longer than the 32 MB record limit',
    'INVALID ENCODING': 'has bytes that are not valid in the file encoding of the profile',
    'CAST ERROR': 'could not be read',
  };
  return words[errorType] ?? `could not be read (${errorType.toLowerCase()})`;
}
