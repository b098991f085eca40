/**
 * Freshness: which dates each fact source covers, when it last loaded, and whether it is
 * stale — its data ends more than `staleAfterDays` before today (injected clock), or it has
 * never loaded. Payroll runs every two weeks, so it is given longer than billing and scheduling.
 * The dates are the one coverage read (etl/coverage.ts), as `etl status` and the metrics see them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sourceCoverage } from '../etl/coverage.ts';

export const STALE_AFTER_DAYS: Readonly<Record<string, number>> = { billing: 10, appointments: 10, payroll: 21 };

export interface SourceFreshness {
  readonly source: string;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly lastLoadedAt: string | null;
  readonly stale: boolean;
  /** Days between the end of the data and today; null when never loaded. */
  readonly ageDays: number | null;
}

const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

export async function freshness(conn: DuckDBConnection, today: string, staleAfter = STALE_AFTER_DAYS): Promise<SourceFreshness[]> {
  const bySource = new Map((await sourceCoverage(conn)).map((r) => [r.source, r]));
  return Object.keys(staleAfter).map((source) => {
    const r = bySource.get(source);
    const age = r?.last_date ? daysBetween(r.last_date, today) : null;
    return {
      source,
      firstDate: r?.first_date ?? null,
      lastDate: r?.last_date ?? null,
      // Minutes are enough on a page.
      lastLoadedAt: r?.last_loaded_at?.slice(0, 16) ?? null,
      ageDays: age,
      stale: age === null || age > staleAfter[source]!,
    };
  });
}
