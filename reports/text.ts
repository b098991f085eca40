/**
 * How the pack writes things, shared by the PDF and the HTML so both read alike: month names,
 * stamps, the draft/approved line of the cover and restatement lines. Numbers, headings,
 * status words and times come from the presenter (dashboards/present), never formatted here:
 * a stamp is in the pack's time zone, labelled ('15 Nov 2026, 09:00 CST').
 */
import { cellText, columnLabel, isNumericColumn, presentInstant, STATUS_WORD, timesLabel, type PresentedTable, type PresentedTile } from '../dashboards/present/index.ts';
import type { PackModel, PackStatus } from './model.ts';

export { cellText, columnLabel, isNumericColumn, isShownColumn, STATUS_WORD } from '../dashboards/present/index.ts';

const MONTH_LONG = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2026-10' -> 'October 2026'. */
export const monthLabel = (month: string): string => MONTH_LONG.format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));

/** The zone a pack's times are shown in: the practice's when it was built; a pack stored before packs carried one said UTC. */
export const packZone = (model: Pick<PackModel, 'timezone'>): string => model.timezone ?? 'UTC';

/**
 * The completeness tables' load times (UTC in the warehouse) in the pack's zone, and the label
 * their caption carries once: `loadTime(model).at('2026-11-02 03:30')` is '1 Nov 2026, 21:30'
 * with label 'Times in America/Chicago'.
 */
export const loadTime = (model: Pick<PackModel, 'timezone'>): { at: (utc: string) => string; label: string } => ({
  at: (utc) => presentInstant(utc, packZone(model), { zone: false }),
  label: timesLabel(packZone(model)),
});

/** An ISO timestamp in `zone`, labelled: '15 Nov 2026, 09:00 CST'. */
export const stampLabel = (iso: string, zone: string): string => presentInstant(iso, zone);

/** A presented table's cells as shown (a pack stored before version 2 has no text: presented now, the same way). */
export const tableText = (t: PresentedTable): readonly (readonly string[])[] => t.text ?? t.rows.map((r) => r.map((v, i) => cellText(t.columns[i]!, v ?? null)));
export const tableHeadings = (t: PresentedTable): readonly string[] => t.headings ?? t.columns.map(columnLabel);
export const tableAlign = (t: PresentedTable): readonly ('left' | 'right')[] => t.align ?? t.columns.map((c) => (isNumericColumn(c) ? 'right' : 'left'));
export const statusText = (t: Pick<PresentedTile, 'status' | 'statusText'>): string => t.statusText ?? (t.status ? STATUS_WORD[t.status] : '');

const SOURCE_WORD: Readonly<Record<string, string>> = { billing: 'billing', payroll: 'payroll', appointments: 'appointment' };

/**
 * The cover's "prepared from" line: the fact sources that hold data in the pack's month, and
 * those that do not, so a pack built without a payroll export never claims to rest on one.
 * `preparedLine(model)` is 'Prepared 1 Nov 2026, 09:00 CST from the practice's billing and
 * appointment data; no payroll data covers October 2026.'
 */
export function preparedLine(model: Pick<PackModel, 'generatedAt' | 'timezone' | 'completeness' | 'period'>): string {
  const words = (list: readonly string[]) => (list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);
  // In the cover's usual order (billing, payroll, appointments), whatever order the sources come in.
  const facts = Object.keys(SOURCE_WORD).flatMap((name) => model.completeness.sources.filter((s) => s.source === name));
  const present = facts.filter((s) => s.coverage !== 'none').map((s) => SOURCE_WORD[s.source]!);
  const absent = facts.filter((s) => s.coverage === 'none').map((s) => SOURCE_WORD[s.source]!);
  const stamp = `Prepared ${stampLabel(model.generatedAt, packZone(model))}`;
  const month = monthLabel(model.period.from);
  if (present.length === 0) return `${stamp}; no billing, payroll or appointment data covers ${month}.`;
  return `${stamp} from the practice's ${words(present)} data${absent.length > 0 ? `; no ${words(absent)} data covers ${month}` : ''}.`;
}

/** The draft/approved line; the approval time in `zone`, labelled. */
export function statusLine(status: PackStatus, zone: string): string {
  return status.state === 'approved'
    ? `Approved by ${status.approvedBy} on ${stampLabel(status.approvedAt, zone)}${status.version > 1 ? ` (version ${status.version})` : ''}`
    : 'DRAFT: not approved';
}

/** 'Restatement: Gross charges for October 2026 was $1.00, now $2.00 (detected 20 Nov 2026, 09:00 CST)'. */
export function restatementLine(r: { month: string; label: string; old: string; new: string; detectedAt: string }, zone: string): string {
  return `Restatement: ${r.label} for ${monthLabel(r.month)} was ${r.old}, now ${r.new} (detected ${stampLabel(r.detectedAt, zone)})`;
}

/** The dates of the month a source has data for: '2026-10-01 to 2026-10-30 (whole month)'. */
export function monthCoverage(s: PackModel['completeness']['sources'][number], period: PackModel['period']): string {
  if (s.coverage === 'none' || !s.firstDate || !s.lastDate) return 'no data';
  const from = s.firstDate > period.from ? s.firstDate : period.from;
  const to = s.lastDate < period.to ? s.lastDate : period.to;
  return `${from} to ${to}${s.coverage === 'complete' ? ' (whole month)' : ''}`;
}
