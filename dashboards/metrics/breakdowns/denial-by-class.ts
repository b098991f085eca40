/**
 * Denial rates per payer class in one query. The rates are computed by the catalog's own
 * `denial_rate` and `denial_rate_usd` metrics from the grouped inputs, so they cannot drift
 * from the headline definition.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { getMetric } from '../catalog/index.ts';
import type { FlowsRow, InputRows } from '../inputs/index.ts';
import type { MetricFilter, MetricValue } from '../types.ts';

const SQL = readFileSync(new URL('./denial-by-class.sql', import.meta.url), 'utf8');

export interface DenialByClassRow {
  readonly payer_class: string;
  readonly claims_adjudicated_n: number;
  readonly denial_rate: MetricValue;
  readonly denial_rate_usd: MetricValue;
}

export async function denialRateByPayerClass(conn: DuckDBConnection, filter: MetricFilter): Promise<DenialByClassRow[]> {
  const rows = (
    await conn.runAndReadAll(SQL, {
      from: filter.from,
      to: filter.to,
      location_id: filter.locationId ?? null,
      provider_id: filter.providerId ?? null,
      payer_class: filter.payerClass ?? null,
    })
  ).getRowObjects();
  const byCount = getMetric('denial_rate');
  const byCharges = getMetric('denial_rate_usd');
  return rows.map((r) => {
    const flows = {
      claims_adjudicated_n: Number(r.claims_adjudicated_n),
      claims_denied_n: Number(r.claims_denied_n),
      adjudicated_charges_usd: BigInt(String(r.adjudicated_charges_cents)),
      denied_charges_usd: BigInt(String(r.denied_charges_cents)),
    } as FlowsRow;
    const inputs = { flows } as InputRows;
    return { payer_class: String(r.payer_class), claims_adjudicated_n: flows.claims_adjudicated_n, denial_rate: byCount.compute(inputs), denial_rate_usd: byCharges.compute(inputs) };
  });
}
