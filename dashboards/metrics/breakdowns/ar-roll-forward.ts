/**
 * The monthly A/R roll-forward (PRODUCT.md §3): for each month, A/R at the start, charges,
 * payments, adjustments and refunds posted in it, the change in credit balances (claims in
 * credit, counted as a positive amount) and A/R at the end, which tie to the cent:
 *   A/R at start + charges - payments - adjustments + refunds = A/R at end - change in credit.
 * `unexplained_usd` is what fails to tie (always 0.00 when the rollups are consistent).
 * Months outside the ledger are left out. Money as exact decimal text; sums in integer cents.
 */
import { readFileSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { centsToText, toCents } from '../money.ts';
import { monthsEnding, parseFilter } from '../period.ts';
import type { MetricFilter } from '../types.ts';

const SQL = readFileSync(new URL('./ar-roll-forward.sql', import.meta.url), 'utf8');

export interface ArRollForwardRow {
  /** First day of the month (ISO). */
  readonly month: string;
  readonly ar_start_usd: string;
  readonly charges_usd: string;
  readonly payments_usd: string;
  readonly adjustments_usd: string;
  readonly refunds_usd: string;
  /** Credit balances at the end less at the start (positive: more owed back). */
  readonly credit_change_usd: string;
  readonly ar_end_usd: string;
  /** Credit balances at the end of the month, a positive amount, and the claims in credit. */
  readonly credit_end_usd: string;
  readonly credit_claims_n: number;
  /** ar_start + flows - (ar_end - credit_change): 0.00 when A/R ties to the ledger. */
  readonly unexplained_usd: string;
}

export const AR_ROLL_FORWARD_COLUMNS = [
  'month', 'ar_start_usd', 'charges_usd', 'payments_usd', 'adjustments_usd', 'refunds_usd',
  'credit_change_usd', 'ar_end_usd', 'credit_end_usd', 'credit_claims_n', 'unexplained_usd',
] as const;

/** The roll-forward of the `months` months ending with the month of `filter.to`. */
export async function arRollForward(conn: DuckDBConnection, filter: MetricFilter, months = 13): Promise<ArRollForwardRow[]> {
  const f = parseFilter(filter);
  const periods = monthsEnding(f.to, months);
  const reader = await conn.runAndReadAll(
    SQL,
    {
      period_from: listValue(periods.map((p) => p.from)),
      period_to: listValue(periods.map((p) => p.to)),
      location_id: f.locationId ?? null,
      provider_id: f.providerId ?? null,
      payer_class: f.payerClass ?? null,
    },
    { period_from: LIST(VARCHAR), period_to: LIST(VARCHAR), location_id: VARCHAR, provider_id: VARCHAR, payer_class: VARCHAR },
  );
  return reader
    .getRowObjectsJson()
    .filter((r) => r.ar_known === true)
    .map((r) => {
      const c = (k: string) => toCents(String(r[k]));
      const creditChange = c('credit_end_usd') - c('credit_start_usd');
      const unexplained = c('ar_start_usd') + c('charges_usd') - c('payments_usd') - c('adjustments_usd') + c('refunds_usd') - (c('ar_end_usd') - creditChange);
      return {
        month: String(r.month),
        ar_start_usd: centsToText(c('ar_start_usd')),
        charges_usd: centsToText(c('charges_usd')),
        payments_usd: centsToText(c('payments_usd')),
        adjustments_usd: centsToText(c('adjustments_usd')),
        refunds_usd: centsToText(c('refunds_usd')),
        credit_change_usd: centsToText(creditChange),
        ar_end_usd: centsToText(c('ar_end_usd')),
        credit_end_usd: centsToText(c('credit_end_usd')),
        credit_claims_n: Number(r.credit_claims_n),
        unexplained_usd: centsToText(unexplained),
      };
    });
}
