/**
 * The default month follows whichever sources hold data: a practice with appointments but no
 * billing opens on its appointments' newest full month, not on an empty calendar month.
 */
import { describe, expect, it } from 'vitest';
import { dataSpan, defaultAnchor } from '../../dashboards/filters/index.ts';

const NONE = { firstDate: null, lastDate: null };

describe('dataSpan', () => {
  it('spans every source with data and ignores the empty ones', () => {
    const span = dataSpan([NONE, { firstDate: '2025-01-02', lastDate: '2025-06-20' }, { firstDate: '2024-12-30', lastDate: '2025-06-13' }], '2025-09-10');
    expect(span).toEqual({ dataStart: '2024-12-30', dataEnd: '2025-06-20' });
    // Appointments to 2025-06-20 only: the default month is May 2025, not August (the calendar's).
    expect(defaultAnchor({ today: '2025-09-10', ...span })).toBe('2025-05');
  });

  it('has no span without data, and never ends after today', () => {
    expect(dataSpan([NONE, NONE], '2025-09-10')).toEqual({});
    expect(dataSpan([{ firstDate: '2025-01-01', lastDate: '2025-12-31' }], '2025-09-10')).toEqual({ dataStart: '2025-01-01' });
  });
});
