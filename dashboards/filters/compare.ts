/**
 * The range a view is compared with: `prior`, the span of the same number of whole months just
 * before; `yoy`, the same months a year before (February 2024's 29 days compare with February
 * 2023's 28); `budget`, the plan for the same months. Pure month arithmetic on ISO text.
 */
import { monthEnd, monthStart, monthsSpanned } from './calendar.ts';
import type { Range } from './resolve.ts';
import type { Filters } from './types.ts';

/** The range `months` months before `range`, whole months. */
export function shiftRange(range: Range, months: number): Range {
  return { from: monthStart(range.from, -months), to: monthEnd(range.to, -months) };
}

/**
 * Example: `{ from: '2025-01-01', to: '2025-03-31', compare: 'prior' }` -> 2024-10-01 to 2024-12-31;
 * with 'yoy' -> 2024-01-01 to 2024-03-31; with 'budget' -> the same range.
 */
export function comparisonRange(f: Pick<Filters, 'from' | 'to' | 'compare'>): Range {
  switch (f.compare) {
    case 'prior':
      return shiftRange(f, monthsSpanned(f.from, f.to));
    case 'yoy':
      return shiftRange(f, 12);
    case 'budget':
      return { from: f.from, to: f.to };
  }
}
