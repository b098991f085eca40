/**
 * Which months have a board pack to offer: every month from the first month of billing data
 * to the last full month before today (capped), plus every approved month, newest first.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { monthStart } from '../dashboards/metrics/period.ts';

const BILLING_SPAN_SQL = "SELECT min(first_date)::VARCHAR AS first_date FROM etl_file WHERE source = 'billing'";

/** Months offered at most, counting back from the last full month. */
export const MAX_MONTHS = 36;

export async function packMonths(conn: DuckDBConnection, today: string, approved: readonly string[]): Promise<string[]> {
  const first = (await conn.runAndReadAll(BILLING_SPAN_SQL)).getRowObjectsJS()[0]?.first_date as string | null | undefined;
  const months = new Set(approved);
  if (first) {
    const last = monthStart(today, -1).slice(0, 7);
    for (let i = 0; i < MAX_MONTHS; i++) {
      const m = monthStart(today, -1 - i).slice(0, 7);
      if (m < first.slice(0, 7) || m > last) break;
      months.add(m);
    }
  }
  return [...months].sort().reverse();
}
