/**
 * parseFilters: a dashboard request's query parameters, validated once at the edge, to
 * Filters or to every problem found, each message naming the parameter, what is wrong with the
 * value and what would be valid. No parameters at all means the last full month, compared with
 * the prior month. The clock and the data's coverage are injected.
 */
import { PracticeBoardError } from '../../core/errors.ts';
import { isIsoDate } from './calendar.ts';
import { readParams } from './params.ts';
import { asOfErrors, resolveRange } from './resolve.ts';
import { FILTER_PARAMS, type FilterContext, type Filters, type ParseResult } from './types.ts';

/** The context comes from the server, not the request: a bad one is a bug, so it throws. */
function checkContext(ctx: FilterContext): void {
  for (const key of ['today', 'dataStart', 'dataEnd'] as const) {
    const value = ctx[key];
    if ((key === 'today' || value !== undefined) && !isIsoDate(String(value))) {
      throw new PracticeBoardError('FILTER_CONTEXT_INVALID', `filter context: ${key} must be an ISO date (YYYY-MM-DD), not ${JSON.stringify(value)}`);
    }
  }
  if (ctx.dataStart && ctx.dataEnd && ctx.dataStart > ctx.dataEnd) {
    throw new PracticeBoardError('FILTER_CONTEXT_INVALID', `filter context: dataStart ${ctx.dataStart} is after dataEnd ${ctx.dataEnd}`);
  }
}

const order = (message: string) => {
  const i = FILTER_PARAMS.findIndex((p) => message.startsWith(`${p}:`));
  return i < 0 ? FILTER_PARAMS.length : i;
};

/**
 * Example: `parseFilters({ period: 'quarter', month: '2025-03', location: 'MAIN' }, { today: '2025-05-10' })`
 * -> `{ ok: true, value: { period: 'quarter', from: '2025-01-01', to: '2025-03-31', compare: 'prior', location: 'MAIN' } }`.
 */
export function parseFilters(query: Record<string, unknown>, opts: FilterContext): ParseResult {
  checkContext(opts);
  const { params, errors: paramErrors } = readParams(query);
  const failed = new Set(paramErrors.keys());
  const { range, errors: rangeErrors } = resolveRange(params, failed, opts);
  const errors = [...paramErrors.values(), ...rangeErrors, ...(params.asOf ? asOfErrors(params.asOf, opts) : [])];
  if (errors.length > 0 || !range) {
    // Sorted by parameter (unknown ones last), so a message list reads like the form.
    return { ok: false, errors: errors.map((e, i) => [order(e), i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]) };
  }
  const value: Filters = {
    period: params.period ?? 'month',
    from: range.from,
    to: range.to,
    compare: params.compare ?? 'prior',
    ...(params.location !== undefined && { location: params.location }),
    ...(params.provider !== undefined && { provider: params.provider }),
    ...(params.payerClass !== undefined && { payerClass: params.payerClass }),
    ...(params.asOf !== undefined && { asOf: params.asOf }),
  };
  return { ok: true, value };
}
