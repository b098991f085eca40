/**
 * The message of a file refused for too many rejected rows. It names the most frequent reason
 * (column and rule, never a value: reasons never quote one), with its count of rows, so a
 * manager sees at once why the file was refused; when that reason is the encoding, it says what
 * to do (a Windows-1252 or Latin-1 export read by a UTF-8 profile is rejected row by row for
 * every line with an accent or a curly quote).
 * Example: "144 of 677 rows rejected (over the 5.0% limit), all for: record has bytes that are
 * not valid UTF-8 (the encoding of the profile). If the export is ...; nothing from the file was loaded"
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { NOT_UTF8 } from './records.ts';

export async function tooManyRejectsMessage(conn: DuckDBConnection, runId: string, rejected: number, read: number, threshold: number): Promise<string> {
  const top = (
    await conn.runAndReadAll(
      `SELECT column_name, reason, count(DISTINCT line_n)::BIGINT AS rows_n
       FROM etl_reject WHERE run_id = $run
       GROUP BY ALL ORDER BY rows_n DESC, reason, column_name NULLS FIRST LIMIT 1`,
      { run: runId },
    )
  ).getRows()[0];
  let most = '';
  if (top) {
    const [column, reason, n] = [top[0] as string | null, String(top[1]), Number(top[2])];
    const why = `${column ? `${column}: ` : ''}${reason}`;
    most = n === rejected ? `, ${n === 1 ? 'for' : 'all for'}: ${why}` : `, most often for: ${why} (${n} rows)`;
    if (reason.endsWith(NOT_UTF8)) {
      most += '. If the export is Windows-1252 or Latin-1 text, load it with a profile whose dialect.encoding says so (docs/profiles.md)';
    }
  }
  return `${rejected} of ${read} rows rejected (over the ${(threshold * 100).toFixed(1)}% limit)${most}; nothing from the file was loaded`;
}
