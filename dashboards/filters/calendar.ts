/**
 * Calendar checks and month spans on ISO text (no Date objects, so no time zone can move a
 * day). Month arithmetic itself is the metric catalog's (`monthStart`, `monthEnd`).
 */
import { daysInMonth, monthEnd, monthStart } from '../metrics/period.ts';

export { monthEnd, monthStart };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** '2024-02-29' is a date, '2023-02-29' and '2024-2-1' are not. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** '2025-03' is a month; '2025-13' and '2025-3' are not. */
export function isIsoMonth(text: string): boolean {
  const m = ISO_MONTH.exec(text);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** '2025-03-17' or '2025-03' -> '2025-03'. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The number of calendar months from the month of `from` to the month of `to`, both included. */
export function monthsSpanned(from: string, to: string): number {
  const index = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return index(to) - index(from) + 1;
}
