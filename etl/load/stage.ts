/**
 * Stages a file with DuckDB's own CSV reader: dialect pinned from the profile, every column
 * read as text (identifiers keep leading zeros; typing happens later, in SQL, by rule), rows
 * numbered in file order, and records DuckDB cannot parse kept in its rejects table.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Profile } from '../profiles/schema.ts';
import type { Fingerprint } from './fingerprint.ts';
import { sqlString } from './sqlText.ts';

export interface CsvReject {
  readonly recordNo: number;
  readonly columnName: string | null;
  readonly errorType: string;
  readonly csvLine: string;
}

/** Longest record DuckDB will read; a 5 MB field fits. */
const MAX_LINE_BYTES = 32 * 1024 * 1024;

export async function stageCsv(
  conn: DuckDBConnection,
  opts: { path: string; profile: Profile; headerLine: number; columnCount: number; newline: Fingerprint['newline']; encoding: 'utf-8' | 'latin-1' },
): Promise<{ stagedRows: number; rejects: CsvReject[] }> {
  const d = opts.profile.dialect;
  const columns = Array.from({ length: opts.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const newLine = opts.newline === '\r\n' ? '\\r\\n' : opts.newline === '\r' ? '\\r' : '\\n';
  await conn.run('DROP TABLE IF EXISTS stg');
  await conn.run('DROP TABLE IF EXISTS pb_reject_errors');
  await conn.run('DROP TABLE IF EXISTS pb_reject_scans');
  // Options are literals from the profile (validated single characters) or computed numbers;
  // the path is bound. The sniffer is off: nothing about the file is guessed.
  await conn.run(
    `CREATE TEMP TABLE stg AS
     SELECT row_number() OVER () AS ord, *
     FROM read_csv($path,
       auto_detect = false, header = false, skip = ${opts.headerLine},
       delim = ${sqlString(d.delimiter)}, quote = ${sqlString(d.quote)}, escape = ${sqlString(d.escape)},
       new_line = ${sqlString(newLine)}, encoding = ${sqlString(opts.encoding)},
       columns = {${columns}},
       max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${MAX_LINE_BYTES * 2},
       store_rejects = true, rejects_table = 'pb_reject_errors', rejects_scan = 'pb_reject_scans')`,
    { path: opts.path },
  );
  const staged = Number((await conn.runAndReadAll('SELECT count(*) FROM stg')).getRows()[0]![0]);
  const rej = await conn.runAndReadAll(
    `SELECT min(line)::BIGINT AS line, any_value(column_name) AS column_name, string_agg(DISTINCT error_type, ', ') AS error_type, any_value(csv_line) AS csv_line
     FROM pb_reject_errors GROUP BY line ORDER BY line`,
  );
  const rejects = rej.getRowObjects().map((r) => ({
    recordNo: Number(r.line),
    columnName: (r.column_name as string | null) ?? null,
    errorType: String(r.error_type),
    csvLine: String(r.csv_line ?? ''),
  }));
  return { stagedRows: staged, rejects };
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
  return errorType
    .split(', ')
    .map((t) => words[t] ?? `could not be read (${t.toLowerCase()})`)
    .join('; ');
}
