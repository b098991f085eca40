/**
 * The span of dates the warehouse has data for, from whichever fact sources hold any: a
 * practice with appointments but no billing still opens on its own newest full month, not on
 * the calendar's. Sources without data are ignored; with none at all there is no span.
 *
 * Example: dataSpan([{ firstDate: null, lastDate: null }, { firstDate: '2025-01-02', lastDate: '2025-06-20' }], '2025-07-01')
 *   -> { dataStart: '2025-01-02', dataEnd: '2025-06-20' }.
 */
import type { FilterContext } from './types.ts';

export interface SourceSpan {
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

export function dataSpan(sources: readonly SourceSpan[], today: string): Pick<FilterContext, 'dataStart' | 'dataEnd'> {
  const firsts = sources.map((s) => s.firstDate).filter((d): d is string => d !== null);
  const lasts = sources.map((s) => s.lastDate).filter((d): d is string => d !== null);
  if (firsts.length === 0 || lasts.length === 0) return {};
  const dataStart = firsts.reduce((a, b) => (b < a ? b : a));
  const dataEnd = lasts.reduce((a, b) => (b > a ? b : a));
  // Data dated after today (a future appointment) does not move the end past today.
  return { dataStart: dataStart > today ? today : dataStart, ...(dataEnd < today ? { dataEnd } : {}) };
}
