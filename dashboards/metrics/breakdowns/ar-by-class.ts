/**
 * A/R by payer class and aging bucket at the month end `filter.to`, in one query over the A/R
 * snapshot rollup (the same snapshot the catalog's A/R metrics read). Money as exact text.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { centsToText } from '../money.ts';
import type { MetricFilter } from '../types.ts';

const SQL = readFileSync(new URL('./ar-by-class.sql', import.meta.url), 'utf8');

export const AR_BUCKETS = ['ar_0_30', 'ar_31_60', 'ar_61_90', 'ar_91_120', 'ar_over_120'] as const;

export interface ArByClassRow {
  readonly payer_class: string;
  /** Exact money text per bucket, keyed by AR_BUCKETS. */
  readonly buckets: Readonly<Record<(typeof AR_BUCKETS)[number], string>>;
}

export async function arByPayerClass(conn: DuckDBConnection, filter: MetricFilter): Promise<ArByClassRow[]> {
  const rows = (
    await conn.runAndReadAll(SQL, {
      as_of: filter.to,
      location_id: filter.locationId ?? null,
      provider_id: filter.providerId ?? null,
      payer_class: filter.payerClass ?? null,
    })
  ).getRowObjects();
  return rows.map((r) => ({
    payer_class: String(r.payer_class),
    buckets: Object.fromEntries(AR_BUCKETS.map((b) => [b, centsToText(BigInt(String(r[`${b}_cents`] ?? 0)))])) as ArByClassRow['buckets'],
  }));
}
