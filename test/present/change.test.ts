/**
 * The change of a tile against a comparison, worked out by hand: relative for amounts, in
 * points for percentages, good or bad by the measure's direction, and never from a hidden,
 * flagged or missing number or over a zero base.
 */
import { describe, expect, it } from 'vitest';
import { presentChange } from '../../dashboards/present/change.ts';
import type { PresentedTile } from '../../dashboards/present/index.ts';

type T = Pick<PresentedTile, 'unit' | 'value' | 'comparisons' | 'target'>;
const tile = (unit: string, value: number | null, prior: number | null, direction: 'up' | 'down' | 'neutral', extra: Partial<T['value']> = {}): T => ({
  unit,
  value: { value, text: `now ${value}`, ...extra },
  comparisons: [
    { key: 'prior', label: 'Prior month', value: { value: prior, text: `was ${prior}` } },
    { key: 'yoy', label: 'Same month last year', value: { value: null, text: '—' } },
  ],
  target: { text: 'No target', direction },
});

describe('presentChange', () => {
  it('gives the relative change of an amount: 1,100 over 1,000 is +10.0%, good when higher is better', () => {
    expect(presentChange(tile('usd', 1100, 1000, 'up'), 'prior')).toEqual({ key: 'prior', label: 'Prior month', base: 'was 1000', arrow: 'up', text: '+10.0%', good: true });
  });

  it('says a fall of days in A/R from 40 to 35 is -12.5% and good (lower is better)', () => {
    expect(presentChange(tile('days', 35, 40, 'down'), 'prior')).toMatchObject({ arrow: 'down', text: '-12.5%', good: true });
  });

  it('gives a percentage change in points: 0.071 against 0.052 is +1.9 pts, bad for a no-show rate', () => {
    expect(presentChange(tile('pct', 0.071, 0.052, 'down'), 'prior')).toMatchObject({ arrow: 'up', text: '+1.9 pts', good: false });
  });

  it('calls an unchanged value flat and neither good nor bad; a neutral measure is never good or bad', () => {
    expect(presentChange(tile('count', 500, 500, 'up'), 'prior')).toMatchObject({ arrow: 'flat', text: 'no change', good: null });
    expect(presentChange(tile('count', 520, 500, 'neutral'), 'prior')).toMatchObject({ arrow: 'up', text: '+4.0%', good: null });
  });

  it('gives no change from a suppressed, flagged or missing value, a missing comparison or a zero base', () => {
    expect(presentChange(tile('count', 8, 20, 'up', { suppressed: true }), 'prior')).toBeNull();
    expect(presentChange(tile('pct', 1.4, 0.9, 'up', { flagged: true }), 'prior')).toBeNull();
    expect(presentChange(tile('usd', null, 1000, 'up'), 'prior')).toBeNull();
    expect(presentChange(tile('usd', 1000, 900, 'up'), 'yoy')).toBeNull();
    expect(presentChange(tile('usd', 1000, 900, 'up'), 'budget')).toBeNull();
    expect(presentChange(tile('usd', 1000, 0, 'up'), 'prior')).toBeNull();
  });
});
