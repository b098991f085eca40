/**
 * From parameters to a date range: a period and its anchor month (or a custom from/to) resolve
 * to whole months, checked against the injected clock and the data's coverage. Every period
 * but custom ends with its anchor month; the default anchor is the last full month.
 */
import { monthEnd, monthOf, monthStart, monthsSpanned } from './calendar.ts';
import type { Params } from './params.ts';
import { MAX_CUSTOM_MONTHS, type FilterContext, type Period } from './types.ts';

export interface Range {
  readonly from: string;
  readonly to: string;
}

/**
 * The default anchor month ('YYYY-MM'): the last full month before `today`, or of the data when
 * `dataEnd` is given (its month when dataEnd is that month's last day), whichever is earlier;
 * but never a month before the data starts (a warehouse holding only part of a month shows it).
 */
export function defaultAnchor(ctx: FilterContext): string {
  let anchor = monthOf(monthStart(ctx.today, -1));
  if (ctx.dataEnd) {
    const dataAnchor = monthOf(ctx.dataEnd === monthEnd(ctx.dataEnd) ? ctx.dataEnd : monthStart(ctx.dataEnd, -1));
    if (dataAnchor < anchor) anchor = dataAnchor;
  }
  if (ctx.dataStart && monthOf(ctx.dataStart) > anchor) anchor = monthOf(ctx.dataStart);
  return anchor;
}

/** The whole months of a non-custom period ending with the anchor month ('YYYY-MM'). */
export function periodRange(period: Exclude<Period, 'custom'>, anchor: string): Range {
  const first = `${anchor}-01`;
  const to = monthEnd(first);
  const monthNumber = Number(anchor.slice(5, 7));
  switch (period) {
    case 'month':
      return { from: first, to };
    case 'quarter':
      return { from: monthStart(first, -((monthNumber - 1) % 3)), to };
    case 'ytd':
      return { from: `${anchor.slice(0, 4)}-01-01`, to };
    case 't12m':
      return { from: monthStart(first, -11), to };
  }
}

/** The range the parameters ask for, or messages saying why there is none. */
export function resolveRange(p: Params, failed: ReadonlySet<string>, ctx: FilterContext): { range?: Range; errors: string[] } {
  const errors: string[] = [];
  if (failed.has('period') || failed.has('month') || failed.has('from') || failed.has('to')) return { errors };
  const period = p.period ?? 'month';
  let range: Range;
  if (period === 'custom') {
    // The filter bar without JavaScript sends only its Month when "Custom range" is chosen:
    // that month alone is the range, and the page then shows its From and To.
    const alone = p.month !== undefined && p.from === undefined && p.to === undefined;
    const from = alone ? `${p.month}-01` : p.from;
    const to = alone ? monthEnd(`${p.month}-01`) : p.to;
    if (p.month !== undefined && !alone) errors.push(`month: not used with period=custom and from/to; give from and to only`);
    if (from === undefined) errors.push('from: missing; period=custom needs from and to, e.g. from=2025-01&to=2025-03');
    if (to === undefined) errors.push('to: missing; period=custom needs from and to, e.g. from=2025-01&to=2025-03');
    if (from === undefined || to === undefined) return { errors };
    if (to < from) errors.push(`to: ${monthOf(to)} is before from ${monthOf(from)}; give a to on or after from`);
    else if (monthsSpanned(from, to) > MAX_CUSTOM_MONTHS)
      errors.push(`to: the range ${monthOf(from)} to ${monthOf(to)} is ${monthsSpanned(from, to)} months; use at most ${MAX_CUSTOM_MONTHS}`);
    range = { from, to };
  } else {
    for (const key of ['from', 'to'] as const) {
      if (p[key] !== undefined) errors.push(`${key}: only used with period=custom; add period=custom, or use month=YYYY-MM to choose the last month of the ${period} period`);
    }
    range = periodRange(period, p.month ?? defaultAnchor(ctx));
  }
  errors.push(...coverageErrors(period === 'custom' ? 'to' : 'month', range, ctx));
  return errors.length > 0 ? { errors } : { range, errors };
}

/** The period must end by the current month and within the data, and not before the data starts. */
function coverageErrors(param: 'month' | 'to', range: Range, ctx: FilterContext): string[] {
  const last = monthOf(range.to);
  if (last > monthOf(ctx.today)) return [`${param}: ${last} is in the future (today is ${ctx.today}); use ${monthOf(ctx.today)} or earlier`];
  if (ctx.dataEnd && last > monthOf(ctx.dataEnd)) return [`${param}: ${last} is after the data ends (${ctx.dataEnd}); use ${monthOf(ctx.dataEnd)} or earlier`];
  if (ctx.dataStart && last < monthOf(ctx.dataStart)) return [`${param}: the period ends in ${last}, before the data starts (${ctx.dataStart}); use ${monthOf(ctx.dataStart)} or later`];
  return [];
}

/** asOf (a date for A/R) must be no later than today and within the data. */
export function asOfErrors(asOf: string, ctx: FilterContext): string[] {
  if (asOf > ctx.today) return [`asOf: ${asOf} is after today (${ctx.today}); use ${ctx.today} or earlier`];
  if (ctx.dataEnd && asOf > ctx.dataEnd) return [`asOf: ${asOf} is after the data ends (${ctx.dataEnd}); use ${ctx.dataEnd} or earlier`];
  if (ctx.dataStart && asOf < ctx.dataStart) return [`asOf: ${asOf} is before the data starts (${ctx.dataStart}); use ${ctx.dataStart} or later`];
  return [];
}
