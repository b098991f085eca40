/**
 * The mix of charges, payments and work RVUs by payer class, payer, provider, location or
 * procedure code, read from the rollups. The dimension picks the group-by column, the rollup
 * and the label source from a fixed allow-list; filters are bound parameters.
 */
import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../../core/errors.ts';
import { distinctLabels } from '../../charts/labels.ts';
import { centsToText, toCents } from '../money.ts';
import { parseFilter } from '../period.ts';
import { fillTemplate } from './template.ts';
import type { MetricFilter } from '../types.ts';

const NO_LABELS = 'SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS label WHERE false';

/** The allow-list: every identifier that varies comes from here. */
const DIMENSIONS = {
  payer_class: { table: 'rollup_flow_month', key: 'payer_class', labels: NO_LABELS },
  payer: { table: 'rollup_flow_month', key: 'payer_id', labels: 'SELECT payer_id AS key, payer_name AS label FROM dim_payer' },
  provider: { table: 'rollup_flow_month', key: 'provider_id', labels: 'SELECT provider_id AS key, provider_name AS label FROM dim_provider' },
  location: { table: 'rollup_flow_month', key: 'location_id', labels: 'SELECT location_id AS key, location_name AS label FROM dim_location' },
  procedure: { table: 'rollup_procedure_month', key: 'procedure_code', labels: NO_LABELS },
} as const;

export type MixDimension = keyof typeof DIMENSIONS;
export const MIX_DIMENSIONS = Object.keys(DIMENSIONS) as MixDimension[];

const TEMPLATE = readFileSync(new URL('./mix.sql', import.meta.url), 'utf8');

export interface MixRow {
  /** The id (payer id, provider id, code ...); null for rows without a procedure code. */
  readonly key: string | null;
  /** The display name from the dimension table, else the key, else '(none)'; unique among the rows (a shared name is followed by its id). */
  readonly label: string;
  /** Money as exact decimal text ('1234.50'), from the SQL DECIMAL through integer cents, never a float. */
  readonly charges_usd: string;
  readonly net_payments_usd: string;
  readonly work_rvus: number;
  /** Share of the period's charges (fraction); null when total charges are 0. */
  readonly charges_pct: number | null;
  readonly net_payments_pct: number | null;
}

const share = (part: bigint, total: bigint) => (total === 0n ? null : Number(part) / Number(total));

export async function mixBreakdown(conn: DuckDBConnection, dimension: MixDimension, filter: MetricFilter): Promise<MixRow[]> {
  const spec = DIMENSIONS[dimension];
  if (!spec) throw new PracticeBoardError('MIX_DIMENSION_UNKNOWN', `unknown mix dimension ${JSON.stringify(dimension)}; known: ${MIX_DIMENSIONS.join(', ')}`);
  const f = parseFilter(filter);
  const sql = fillTemplate(TEMPLATE, spec);
  const reader = await conn.runAndReadAll(
    sql,
    { from: f.from, to: f.to, location_id: f.locationId ?? null, provider_id: f.providerId ?? null, payer_class: f.payerClass ?? null },
    { from: VARCHAR, to: VARCHAR, location_id: VARCHAR, provider_id: VARCHAR, payer_class: VARCHAR },
  );
  const raw = reader.getRowObjectsJson().map((r) => ({
    key: r.key === null ? null : String(r.key),
    label: r.label === null ? (r.key === null ? '(none)' : String(r.key)) : String(r.label),
    charges: toCents(String(r.charges_usd)),
    payments: toCents(String(r.net_payments_usd)),
    work_rvus: Number(r.work_rvus),
  }));
  const labels = distinctLabels(raw);
  const totalCharges = raw.reduce((s, r) => s + r.charges, 0n);
  const totalPayments = raw.reduce((s, r) => s + r.payments, 0n);
  return raw.map((r, i) => ({
    key: r.key,
    label: labels[i]!,
    charges_usd: centsToText(r.charges),
    net_payments_usd: centsToText(r.payments),
    work_rvus: r.work_rvus,
    charges_pct: share(r.charges, totalCharges),
    net_payments_pct: share(r.payments, totalPayments),
  }));
}
