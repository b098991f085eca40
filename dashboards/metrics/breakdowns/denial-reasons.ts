/**
 * Top denial reasons (PRODUCT.md §3): CARC with its description from ref_carc, and the new
 * denials of the period (claims, adjustment rows, dollars), optionally by payer. Reversals of
 * earlier denials (a negative denial adjustment) are their own figure (`kind: 'reversals'`),
 * never netted into the reasons. Reads rollup_denial.
 */
import { readFileSync } from 'node:fs';
import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../../core/errors.ts';
import { centsToText, toCents } from '../money.ts';
import { parseFilter } from '../period.ts';
import { fillTemplate } from './template.ts';
import type { MetricFilter } from '../types.ts';

const TEMPLATE = readFileSync(new URL('./denial-reasons.sql', import.meta.url), 'utf8');
/** The allow-list of groupings. */
const GROUPS = {
  reason: 'd.carc_code, NULL::VARCHAR AS payer_id, NULL::VARCHAR AS payer_name',
  payer: 'd.carc_code, d.payer_id, coalesce(p.payer_name, d.payer_id) AS payer_name',
} as const;
/** The allow-list of kinds: the rollup's count and amount columns. */
const KINDS = {
  new: { count: 'adjustments_n', amount: 'denial_usd' },
  reversals: { count: 'reversals_n', amount: 'reversal_usd' },
} as const;

export interface DenialReasonRow {
  readonly carc_code: string;
  readonly description: string;
  /** Set when grouped by payer. */
  readonly payer_id: string | null;
  readonly payer_name: string | null;
  /** Distinct claims with a new denial (a reversal) for the reason in the period. */
  readonly claims_n: number;
  /** New denial (reversal) adjustment rows (claim lines). */
  readonly adjustments_n: number;
  /** Dollars newly denied (reversed), a positive amount, as exact decimal text ('140.00'). */
  readonly denial_usd: string;
}

export interface DenialReasonOptions {
  /** One row per payer and reason instead of per reason. */
  readonly byPayer?: boolean;
  /** At most this many rows, largest dollars first; default 10. */
  readonly limit?: number;
  /** 'new' denials (default) or 'reversals' of earlier denials. */
  readonly kind?: keyof typeof KINDS;
}

export async function topDenialReasons(
  conn: DuckDBConnection,
  filter: MetricFilter,
  options: DenialReasonOptions = {},
): Promise<DenialReasonRow[]> {
  const f = parseFilter(filter);
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new PracticeBoardError('METRIC_FILTER_INVALID', `limit must be an integer from 1 to 1000, not ${limit}`);
  }
  const sql = fillTemplate(TEMPLATE, { group: options.byPayer ? GROUPS.payer : GROUPS.reason, ...KINDS[options.kind ?? 'new'] });
  const reader = await conn.runAndReadAll(
    sql,
    { from: f.from, to: f.to, location_id: f.locationId ?? null, provider_id: f.providerId ?? null, payer_class: f.payerClass ?? null, limit },
    { from: VARCHAR, to: VARCHAR, location_id: VARCHAR, provider_id: VARCHAR, payer_class: VARCHAR, limit: INTEGER },
  );
  return reader.getRowObjectsJson().map((r) => ({
    carc_code: String(r.carc_code),
    description: String(r.description),
    payer_id: r.payer_id === null ? null : String(r.payer_id),
    payer_name: r.payer_name === null ? null : String(r.payer_name),
    claims_n: Number(r.claims_n),
    adjustments_n: Number(r.adjustments_n),
    denial_usd: centsToText(toCents(String(r.denial_usd))),
  }));
}
