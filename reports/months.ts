/**
 * Which months have a board pack to offer: every month from the first month of billing data
 * to the last full month before today (capped), plus every approved month, newest first.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { freshness } from '../dashboards/freshness.ts';
import { monthStart } from '../dashboards/metrics/period.ts';

/** Months offered at most, counting back from the last full month. */
export const MAX_MONTHS = 36;

export async function packMonths(conn: DuckDBConnection, today: string, approved: readonly string[]): Promise<string[]> {
  // What billing covers, from the one coverage read every page and the pack use.
  const first = (await freshness(conn, today)).find((f) => f.source === 'billing')?.firstDate;
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
