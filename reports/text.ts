/**
 * How the pack writes things, shared by the PDF and the HTML so both read alike: month names,
 * stamps, the draft/approved line of the cover and restatement lines. Numbers, headings and
 * status words come from the presented page (dashboards/present), never formatted here.
 */
import { cellText, columnLabel, isNumericColumn, STATUS_WORD, type PresentedTable, type PresentedTile } from '../dashboards/present/index.ts';
import type { PackModel, PackStatus } from './model.ts';

export { cellText, columnLabel, isNumericColumn, isShownColumn, STATUS_WORD } from '../dashboards/present/index.ts';

const MONTH_LONG = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** '2026-10' -> 'October 2026'. */
export const monthLabel = (month: string): string => MONTH_LONG.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));

/** An ISO timestamp as 'November 15, 2026 at 3:00 PM UTC'. */
export const stampLabel = (iso: string): string => `${STAMP.format(new Date(iso))} UTC`;

/** A presented table's cells as shown (a pack stored before version 2 has no text: presented now, the same way). */
export const tableText = (t: PresentedTable): readonly (readonly string[])[] => t.text ?? t.rows.map((r) => r.map((v, i) => cellText(t.columns[i]!, v ?? null)));
export const tableHeadings = (t: PresentedTable): readonly string[] => t.headings ?? t.columns.map(columnLabel);
export const tableAlign = (t: PresentedTable): readonly ('left' | 'right')[] => t.align ?? t.columns.map((c) => (isNumericColumn(c) ? 'right' : 'left'));
export const statusText = (t: Pick<PresentedTile, 'status' | 'statusText'>): string => t.statusText ?? (t.status ? STATUS_WORD[t.status] : '');

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
