/**
 * Runs the remittance queries: each `.sql` file beside this module is read once; the shared
 * prelude (claims-in-period.sql) is the only text spliced in, from this module, never from a
 * request; every value is a bound parameter. Rows come back as plain objects of JSON values
 * (money as exact decimal text, counts as numbers).
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

const PRELUDE = readFileSync(new URL('./claims-in-period.sql', import.meta.url), 'utf8');

export function sqlFile(name: string): string {
  return readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8').replace('{{prelude}}', PRELUDE);
}

export interface PeriodParams {
  readonly from: string;
  readonly to: string;
  readonly payerClass?: string | undefined;
}

export const periodParams = (p: PeriodParams): Record<string, DuckDBValue> => ({ from: p.from, to: p.to, payer_class: p.payerClass ?? null });

export type Row = Record<string, string | number | boolean | null>;

export async function rows(conn: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as Row[];
}
