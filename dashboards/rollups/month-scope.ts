/**
 * Narrows a month-grain rollup's query to a set of months, on the scan of its facts. Each such
 * query marks where its rows are read with `/*months:COL*\/ TRUE` (a row dated by COL) or
 * `/*months:START..END*\/ TRUE` (a row spanning START to END, a pay period), true as written:
 * a full rebuild runs the file as it is. A partial rebuild replaces every marker with bound
 * ranges on that column, one per run of consecutive months (`COL >= first day AND COL < the
 * day after the run`; a span: `END >= first day AND START < the day after`), so the filter sits
 * on the fact's own date column, which DuckDB pushes into the scan (row groups skipped by their
 * min/max, one column read for the rest), where a filter on the computed month would make it
 * read and aggregate every row. The rows a marker lets through are a superset of those the
 * months need (every row dated in them, plus spans reaching outside); the caller still keeps
 * only the months' rows of the result (runStep's `where`), so the partial rows equal the full
 * query's rows for those months.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';

const MARKER = /\/\*months:([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)(?:\.\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?))?\*\/ TRUE/g;

/** Whether a query marks where its month filter goes. */
export const hasMonthScope = (query: string): boolean => new RegExp(MARKER.source).test(query);

const MONTH = /^(\d{4})-(\d{2})-01$/;

function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new PracticeBoardError('ROLLUP_FAILED', `not a first day of a month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

const firstDay = (index: number): string => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;

/** Runs of consecutive months, each as [first day, first day after the run), from months given as 'YYYY-MM-01'. */
export function monthRuns(months: readonly string[]): Array<readonly [string, string]> {
  const sorted = [...new Set(months.map(monthIndex))].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs.map(([a, b]) => [firstDay(a), firstDay(b)] as const);
}

/** The query with every month marker replaced by bound ranges covering `months`, and the values to bind. */
export function scopeMonths(query: string, months: readonly string[]): { readonly sql: string; readonly values: Record<string, DuckDBValue> } {
  if (!hasMonthScope(query)) throw new PracticeBoardError('ROLLUP_FAILED', 'a month-grain rollup query has no /*months:...*/ marker');
  const runs = monthRuns(months);
  if (runs.length === 0) throw new PracticeBoardError('ROLLUP_FAILED', 'a month scope needs at least one month');
  const values: Record<string, DuckDBValue> = {};
  runs.forEach(([from, to], k) => {
    values[`month_from_${k}`] = from;
    values[`month_to_${k}`] = to;
  });
  const sql = query.replace(MARKER, (_, start: string, end: string | undefined) =>
    `(${runs.map((_r, k) => `(${end ?? start} >= $month_from_${k}::DATE AND ${start} < $month_to_${k}::DATE)`).join(' OR ')})`,
  );
  return { sql, values };
}
