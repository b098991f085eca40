/**
 * A tile's change against the comparison chosen in the filter bar, from hand values: the arrow,
 * the percent and absolute change in readable units, the tone by the metric's good direction,
 * money subtracted exactly, a rate's change in points, and no change where either side is hidden.
 * Every expected text below was worked out by hand from the values in the test.
 */
import { describe, expect, it } from 'vitest';
import { getMetric, type MetricValue } from '../../dashboards/metrics/index.ts';
import type { PageModel, Tile } from '../../dashboards/pages/model.ts';
import { compactNumber, presentPage } from '../../dashboards/present/index.ts';

type Key = 'prior' | 'yoy' | 'budget';

function tile(id: string, column: string, value: MetricValue, against: MetricValue | null, compare: Key = 'prior'): Tile {
  const metric = getMetric(id);
  const at = (k: Key) => (k === compare ? against : null);
  return {
    metric, column, value,
    comparisons: [
      { label: 'Prior period', value: at('prior'), selected: compare === 'prior' },
      { label: 'Same period last year', value: at('yoy'), selected: compare === 'yoy' },
      { label: 'Budget', value: at('budget'), selected: compare === 'budget' },
    ],
    status: null, sparkline: '<svg></svg>', href: '/x',
  };
}

const page = (tiles: Tile[]): PageModel => ({ id: 'overview', title: 'Overview', subtitle: '', tiles, sections: [], freshness: [] });
const one = (t: Tile, audience: 'manager' | 'board' = 'manager', monthly = false) => presentPage(page([t]), audience, { monthly }).tiles[0]!;

describe('tile change against the chosen comparison', () => {
  it('gives charges up $61,234.00 on $1,074,340.00 as +5.7%, +$61.2k, good', () => {
    // 1,135,574.00 - 1,074,340.00 = 61,234.00; 61,234 / 1,074,340 = 0.05699... -> +5.7%
    const t = one(tile('gross_charges', 'gross_charges_usd', { value: 1135574, exact: '1135574.00' }, { value: 1074340, exact: '1074340.00' }), 'manager', true);
    expect(t.value.text).toBe('$1,135,574.00');
    expect(t.value.compactText).toBe('$1.14M');
    expect(t.change).toMatchObject({ against: 'prior', direction: 'up', tone: 'good', arrow: '\u25B2', percentText: '+5.7%', absoluteText: '+$61.2k', text: '+5.7% (+$61.2k) vs prior month' });
    expect(t.change!.spoken).toBe('up +5.7% (+$61.2k) vs prior month, a good direction');
    expect(t.change!.arrowLabel).toBe('up, a good direction');
    expect(t.change!.amountText).toBe('+5.7% (+$61.2k)');
  });

  it('subtracts money in cents: $0.30 - $0.10 is $0.20, not 0.19999', () => {
    const t = one(tile('gross_charges', 'gross_charges_usd', { value: 0.3, exact: '0.30' }, { value: 0.1, exact: '0.10' }));
    // 0.20 / 0.10 = 2 -> +200.0%
    expect(t.change).toMatchObject({ percentText: '+200.0%', absoluteText: '+$0.2' });
  });

  it('colours a fall of days in A/R good (its good direction is down)', () => {
    // 34.2 - 38.0 = -3.8 days; -3.8 / 38 = -10.0%
    const t = one(tile('days_in_ar', 'days_in_ar', { value: 34.2, numerator: 1, denominator: 1 }, { value: 38, numerator: 1, denominator: 1 }, 'yoy'));
    expect(t.change).toMatchObject({ against: 'yoy', direction: 'down', tone: 'good', arrow: '\u25BC', percentText: '-10.0%', absoluteText: '-3.8 days', text: '-10.0% (-3.8 days) vs same period last year' });
    expect(t.value.compactText).toBe('34.2 days');
  });

  it('gives a rate its change in percentage points, a rise of no-shows bad', () => {
    // 7.1% - 5.6% = 1.5 points
    const t = one(tile('no_show_rate', 'no_show_rate_pct', { value: 0.071, numerator: 71, denominator: 1000 }, { value: 0.056, numerator: 56, denominator: 1000 }));
    expect(t.change).toMatchObject({ direction: 'up', tone: 'bad', percentText: null, absoluteText: '+1.5 pts', text: '+1.5 pts vs prior period' });
  });

  it('writes counts of ten thousand and more compactly: 12,345 visits against 11,000', () => {
    // 1,345 / 11,000 = 0.12227 -> +12.2%
    const t = one(tile('visits', 'visits_n', { value: 12345 }, { value: 11000 }, 'budget'));
    expect(t.value.compactText).toBe('12.3k');
    expect(t.value.text).toBe('12,345');
    expect(t.change).toMatchObject({ against: 'budget', tone: 'good', percentText: '+12.2%', absoluteText: '+1,345', text: '+12.2% (+1,345) vs budget' });
  });

  it('says unchanged with a neutral tone, and gives no percent over a base of zero', () => {
    const same = one(tile('visits', 'visits_n', { value: 400 }, { value: 400 }));
    expect(same.change).toMatchObject({ direction: 'flat', tone: 'neutral', percentText: null, absoluteText: '0' });
    const fromZero = one(tile('gross_charges', 'gross_charges_usd', { value: 950.4, exact: '950.40' }, { value: 0, exact: '0.00' }));
    expect(fromZero.change).toMatchObject({ direction: 'up', percentText: null, absoluteText: '+$950' });
  });

  it('shows no change where either side is missing, or hidden from the board', () => {
    expect(one(tile('visits', 'visits_n', { value: 40 }, null)).change).toBeUndefined();
    expect(one(tile('visits', 'visits_n', { value: null, note: 'no data' }, { value: 40 })).change).toBeUndefined();
    // 5 visits is a small count: suppressed for the board, so is the change that would reveal it.
    const board = one(tile('visits', 'visits_n', { value: 5 }, { value: 40 }), 'board');
    expect(board.value.text).toBe('suppressed');
    expect(board.change).toBeUndefined();
    expect(board.value.compactText).toBeUndefined();
  });
});

describe('compact numbers', () => {
  it('writes money to three significant digits from exact text, and other units with their word', () => {
    expect(compactNumber('usd', '1135574.00')).toBe('$1.14M');
    expect(compactNumber('usd', '-61234.50')).toBe('-$61.2k');
    expect(compactNumber('usd', '950.40')).toBe('$950');
    expect(compactNumber('count', 9999)).toBe('9,999');
    expect(compactNumber('fte', 3.2)).toBe('3.20 FTE');
    expect(compactNumber('pct', 0.0712)).toBe('7.1%');
  });
});

describe('freshness said once', () => {
  it('gives one line with the load time in the practice zone, labelled, and names the stale sources', async () => {
    const { presentFreshness } = await import('../../dashboards/present/index.ts');
    const f = presentFreshness(
      [
        { source: 'billing', firstDate: '2026-01-01', lastDate: '2026-10-31', lastLoadedAt: '2026-10-31 14:30', stale: false, ageDays: 15 },
        { source: 'payroll', firstDate: '2026-01-01', lastDate: '2026-10-02', lastLoadedAt: '2026-10-03 19:05', stale: true, ageDays: 44 },
        { source: 'appointments', firstDate: null, lastDate: null, lastLoadedAt: null, stale: true, ageDays: null },
      ],
      'America/New_York',
    );
    // 14:30 UTC on 31 October 2026 is 10:30 EDT (UTC-4 until 1 November).
    expect(f.summary).toBe('Data through 2 Oct 2026; last loaded 31 Oct 2026, 10:30 EDT');
    expect(f.stale).toEqual(['Payroll: data ends 44 days ago', 'Appointments: no data loaded']);
    expect(f.sources[1]!.text).toBe('Payroll: 1 Jan 2026 to 2 Oct 2026, last loaded 3 Oct 2026, 15:05 EDT');
  });
});
