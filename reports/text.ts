/**
 * How the pack writes things, shared by the PDF and the HTML so both read alike: month names,
 * a table cell's text (the dashboards' unit-driven formatValue, so a number in the pack is
 * written exactly as on the dashboard), column headings, status words and the draft/approved
 * line of the cover.
 */
import { alignOf, formatValue, humanize } from '../dashboards/charts/format.ts';
import { METRICS } from '../dashboards/metrics/index.ts';
import { valueColumn } from '../dashboards/pages/model.ts';
import type { Cell, PackModel, PackStatus } from './model.ts';
import { isSuppressed, SUPPRESSED_TEXT } from '../dashboards/privacy/suppress.ts';

const MONTH_LONG = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** '2026-10' -> 'October 2026'. */
export const monthLabel = (month: string): string => MONTH_LONG.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));

/** An ISO timestamp as 'November 15, 2026 at 3:00 PM UTC'. */
export const stampLabel = (iso: string): string => `${STAMP.format(new Date(iso))} UTC`;

const ISO_MONTH_START = /^\d{4}-\d{2}-01$/;

/** A table cell as the reader sees it. A `month` column's first-of-month dates read 'Oct 2026'. */
export function cellText(column: string, v: Cell): string {
  if (isSuppressed(v)) return SUPPRESSED_TEXT;
  if (column === 'month' && typeof v === 'string' && ISO_MONTH_START.test(v)) return MONTH_SHORT.format(new Date(`${v}T00:00:00Z`));
  return formatValue(column, v);
}

/** A metric's value column is headed by the metric's label ('days_in_ar_days' -> 'Days in A/R'). */
const METRIC_LABELS = new Map(METRICS.map((m) => [valueColumn(m), m.label]));

/** Column heading: 'days_in_ar_days' -> 'Days in A/R'; 'charges_usd' -> 'Charges'. */
export const columnLabel = (column: string): string => METRIC_LABELS.get(column) ?? humanize(column);
export const isNumericColumn = (column: string): boolean => alignOf(column) === 'right';

/** Columns only there to link (drill-down keys) are not shown in the pack. */
export const isShownColumn = (column: string): boolean => !column.endsWith('_key');

export const STATUS_WORD = { good: 'On target', warn: 'Watch', bad: 'Off target' } as const;

export function statusLine(status: PackStatus): string {
  return status.state === 'approved'
    ? `Approved by ${status.approvedBy} on ${stampLabel(status.approvedAt)}${status.version > 1 ? ` (version ${status.version})` : ''}`
    : 'DRAFT: not approved';
}

/** 'Restatement: Gross charges for October 2026 was $1.00, now $2.00 (detected November 20, 2026 at ...)'. */
export function restatementLine(r: { month: string; label: string; old: string; new: string; detectedAt: string }): string {
  return `Restatement: ${r.label} for ${monthLabel(r.month)} was ${r.old}, now ${r.new} (detected ${stampLabel(r.detectedAt)})`;
}

/** The dates of the month a source has data for: '2026-10-01 to 2026-10-30 (whole month)'. */
export function monthCoverage(s: PackModel['completeness']['sources'][number], period: PackModel['period']): string {
  if (s.coverage === 'none' || !s.firstDate || !s.lastDate) return 'no data';
  const from = s.firstDate > period.from ? s.firstDate : period.from;
  const to = s.lastDate < period.to ? s.lastDate : period.to;
  return `${from} to ${to}${s.coverage === 'complete' ? ' (whole month)' : ''}`;
}
