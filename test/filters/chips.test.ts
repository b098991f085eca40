// Chips of what a view has applied, each with the view's address without it (written by hand).
import { describe, expect, it } from 'vitest';
import { filterChips } from '../../dashboards/filters/index.ts';

const names = { locations: [{ id: 'MAIN', name: 'Main Street' }], providers: [{ id: 'P1', name: 'Dr Lee' }] };

describe('filter chips', () => {
  it('has none for a view with only the period and comparison', () => {
    expect(filterChips({ period: 'month', from: '2026-10-01', to: '2026-10-31', compare: 'prior' }, names)).toEqual([]);
  });

  it('names each applied filter and links the view without it', () => {
    const chips = filterChips({ period: 'quarter', from: '2026-07-01', to: '2026-09-30', compare: 'yoy', location: 'MAIN', provider: 'Lee, Ana MD', payerClass: 'self_pay', asOf: '2026-09-15' }, names);
    expect(chips.map((c) => [c.label, c.value])).toEqual([
      ['Location', 'Main Street'],
      ['Provider', 'Lee, Ana MD'],
      ['Payer class', 'self pay'],
      ['A/R as of', '2026-09-15'],
    ]);
    expect(chips[0]!.removeQuery).toBe('period=quarter&month=2026-09&compare=yoy&provider=Lee%2C+Ana+MD&payerClass=self_pay&asOf=2026-09-15');
    expect(chips[3]!.removeQuery).toBe('period=quarter&month=2026-09&compare=yoy&location=MAIN&provider=Lee%2C+Ana+MD&payerClass=self_pay');
  });
});
