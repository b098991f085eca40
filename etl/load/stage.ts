/**
 * DuckDB's own CSV reader, over the canonical copy the record scan wrote (records.ts): comma,
 * double quote, LF, UTF-8, no header, one record per record; or over the file itself, past its
 * header line, when the scan found its records canonical as written (`skip` 1, no copy). The sniffer is off and every
 * column is read as text (identifiers keep leading zeros; typing is done by rule in SQL).
 * Records are numbered in file order: record k of the copy is rowid k - 1 of the table
 * created from it (outside any transaction, insertion order preserved). Anything the reader
 * still rejects lands in its rejects table, where the load counts it: never dropped.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MAX_RECORD_BYTES } from './records.ts';

/**
 * The relation of the copy's records, text columns c0..cN in file order. `$path` is bound; `skip`
 * lines (0 or 1) are not records. Without `storeRejects` a record the reader cannot take fails
 * the statement (for a second, small copy: the rejects tables belong to the main one).
 */
export function readCsvSql(columnCount: number, skip: 0 | 1 = 0, storeRejects = true): string {
  const columns = Array.from({ length: columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // Every option is a literal or a computed number; the path is bound.
  return `SELECT *
     FROM read_csv($path,
       auto_detect = false, header = false, skip = ${skip},
       delim = ',', quote = '"', escape = '"', new_line = '\\n', encoding = 'utf-8',
       columns = {${columns}},
       max_line_size = ${MAX_RECORD_BYTES * 2}, buffer_size = ${MAX_RECORD_BYTES * 4}${storeRejects ? `,
       store_rejects = true, rejects_table = 'pb_reject_errors', rejects_scan = 'pb_reject_scans'` : ''})`;
}

/**
 * Drops the load's staging, all of it temporary (the reader's rejects tables too): named as
 * temp's, so no table of the database could be dropped in its place, and the write tracking
 * (server/cache/writeVersion.ts) need not look the names up in the catalog (a statement for each
 * name, 3 to 5 ms apiece: about 40 ms of a 200-row file's one-second load).
 */
export async function dropStaging(conn: DuckDBConnection): Promise<void> {
  for (const t of ['typed', 'pk_map', 'pb_reject_errors', 'pb_reject_scans', 'line_bp', 'scan_reject', 'short_rec']) await conn.run(`DROP TABLE IF EXISTS temp.${t}`);
  await conn.run('DROP VIEW IF EXISTS temp.rows_v');
}

/** How many records DuckDB's reader rejected (none, when the scan did its work). */
export async function readerRejectCount(conn: DuckDBConnection): Promise<number> {
  const rej = await conn.runAndReadAll('SELECT count(DISTINCT line)::BIGINT FROM pb_reject_errors');
  return Number(rej.getRows()[0]![0]);
}
