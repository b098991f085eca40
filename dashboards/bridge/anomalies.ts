/**
 * Anomalies worth a look before a board sees the month, each said in one plain sentence with
 * its figures, and marked where a missing or partial export is the likelier cause:
 * - payments-collapsed: a payer that paid in each of the three months before and whose
 *   payments this month are under a tenth of that monthly average (a remittance or export
 *   that did not arrive is likelier than a payer that stopped paying: export problem);
 * - no-charges: a provider with charges in each of the three months before and none this
 *   month (with visits this month: the charges did not come through, an export problem; with
 *   no visits either: leave or departure, a business change);
 * - source-stopped: a source that has loaded before but whose data ends before the month does
 *   (freshness) by more than the source's staleness allowance: the export has stopped arriving.
 * Deterministic: ordered by kind and id.
 */
import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { STALE_AFTER_DAYS, type SourceFreshness } from '../freshness.ts';
import { toCents } from '../metrics/money.ts';
import { changeAmount, levelAmount } from './text.ts';
import type { Anomaly } from './types.ts';

const SQL = readFileSync(new URL('./anomalies.sql', import.meta.url), 'utf8');

export interface AnomalyOptions {
  /** A payer whose month is under this share of its trailing monthly average has collapsed. Default 0.1. */
  readonly nearZeroShare?: number;
  /** Trailing monthly average below which a payer is too small to judge, in cents. Default 50000 ($500). */
  readonly minTrailingCents?: bigint;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** '2026-09' -> 'September 2026'. */
export const fullMonth = (month: string): string => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const named = (name: unknown, id: string) => (name === null || name === undefined || String(name) === id ? id : `${String(name)} (${id})`);
const SOURCE_NAME: Readonly<Record<string, string>> = { billing: 'Billing', appointments: 'Appointments', payroll: 'Payroll' };

export async function findAnomalies(conn: DuckDBConnection, month: string, fresh: readonly SourceFreshness[], opts: AnomalyOptions = {}): Promise<Anomaly[]> {
  const share = opts.nearZeroShare ?? 0.1;
  const minCents = opts.minTrailingCents ?? 50_000n;
  const rows = (await conn.runAndReadAll(SQL, { month_start: `${month}-01` }, { month_start: VARCHAR })).getRowObjectsJson();
  const out: Anomaly[] = [];
  const when = fullMonth(month);
  for (const r of rows) {
    const key = String(r.key);
    const now = toCents(String(r.now_usd));
    const trailing = toCents(String(r.trailing_usd));
    const full = Number(r.trailing_months_n) === 3;
    const average = trailing / 3n;
    if (r.kind === 'payer' && full && average >= minCents && Number(now) < share * Number(average)) {
      const subject = `Payer ${named(r.label, key)}`;
      out.push({
        kind: 'payments-collapsed', subject, likelyExportProblem: true,
        message: `${subject} paid ${levelAmount('usd', now).text} in ${when}, against ${levelAmount('usd', average).text} a month over the three months before: probably a remittance or export that did not arrive rather than a payer that stopped paying.`,
      });
    }
    if (r.kind === 'provider' && full && now <= 0n) {
      const visits = Number(r.visits_now_n);
      const subject = `Provider ${named(r.label, key)}`;
      out.push({
        kind: 'no-charges', subject, likelyExportProblem: visits > 0,
        message: visits > 0
          ? `${subject} has no charges in ${when} after charges in each of the three months before, yet had visits: probably charges missing from the export.`
          : `${subject} has no charges and no visits in ${when} after charges in each of the three months before (${changeAmount('usd', -average).text} a month): a leave or a departure rather than an export problem, unless the schedule export is missing too.`,
      });
    }
  }
  const end = lastDayOf(month);
  for (const f of fresh) {
    if (!f.firstDate || !f.lastDate) continue;
    if (f.firstDate > end) continue;
    // Data ending a little before the month's end is ordinary (no posting on the last days);
    // past the source's staleness allowance it has stopped arriving.
    if (f.lastDate < end && daysBetween(f.lastDate, end) > (STALE_AFTER_DAYS[f.source] ?? 10)) {
      const name = SOURCE_NAME[f.source] ?? f.source;
      out.push({
        kind: 'source-stopped', subject: name, likelyExportProblem: true,
        message: `${name} data ends on ${f.lastDate}, ${daysBetween(f.lastDate, end)} days before the end of ${when}: the export has probably stopped arriving, so the month is incomplete.`,
      });
    }
  }
  return out;
}
