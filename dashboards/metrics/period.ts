/**
 * Filters and periods: validation of a MetricFilter at the edge (zod), and calendar-month
 * arithmetic on ISO date strings (no Date objects, so no time zone can shift a day).
 */
import { z } from 'zod';
import { PracticeBoardError } from '../../core/errors.ts';
import { PAYER_CLASSES } from '../../etl/sources/contract.ts';
import type { MetricFilter } from './types.ts';

/** A span of whole months: `from` is a first of month, `to` a last of month. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new PracticeBoardError('DATE_INVALID', `not an ISO date: ${JSON.stringify(date)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day of the month `offset` months after the month of `date`. */
export function monthStart(date: string, offset = 0): string {
  const [y, m] = parts(date);
  const index = y * 12 + (m - 1) + offset;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-01`;
}

export function monthEnd(date: string, offset = 0): string {
  const start = monthStart(date, offset);
  const [y, m] = parts(start);
  return `${start.slice(0, 8)}${pad(daysInMonth(y, m))}`;
}

/** The `months` calendar months ending with the month of `to`, oldest first. */
export function monthsEnding(to: string, months: number): Period[] {
  return Array.from({ length: months }, (_, i) => ({
    from: monthStart(to, i - months + 1),
    to: monthEnd(to, i - months + 1),
  }));
}

/** The `months` months ending with the month of `period.to` (a trailing window). */
export function trailing(period: Period, months: number): Period {
  return { from: monthStart(period.to, 1 - months), to: monthEnd(period.to) };
}

const isoDate = z.string().refine((s) => {
  const m = ISO_DATE.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}, 'must be an ISO date (YYYY-MM-DD)');

const filterSchema = z
  .object({
    from: isoDate.refine((s) => s.endsWith('-01'), 'must be the first day of a month'),
    to: isoDate.refine((s) => ISO_DATE.test(s) && s === monthEnd(s), 'must be the last day of a month'),
    locationId: z.string().min(1).optional(),
    providerId: z.string().min(1).optional(),
    payerClass: z.enum(PAYER_CLASSES).optional(),
  })
  .refine((f) => f.from <= f.to, { message: 'from must not be after to', path: ['from'] });

/** The filter, validated; throws METRIC_FILTER_INVALID listing every bad field. */
export function parseFilter(filter: MetricFilter): MetricFilter {
  const r = filterSchema.safeParse(filter);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || 'filter'}: ${i.message}`);
  throw new PracticeBoardError('METRIC_FILTER_INVALID', `invalid metric filter: ${problems.join('; ')}`);
}

export function assertMonths(months: number): void {
  if (!Number.isInteger(months) || months < 1 || months > 240) {
    throw new PracticeBoardError('METRIC_FILTER_INVALID', `months must be an integer from 1 to 240, not ${months}`);
  }
}
