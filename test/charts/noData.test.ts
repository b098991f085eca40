import { describe, expect, it } from 'vitest';
import { barChart } from '../../dashboards/charts/barChart.ts';
import { planVsActual } from '../../dashboards/charts/planVsActual.ts';
import { sparkline } from '../../dashboards/charts/sparkline.ts';
import { stackedBar } from '../../dashboards/charts/stackedBar.ts';
import { trendLine } from '../../dashboards/charts/trendLine.ts';
import { xmlProblems } from './wellFormed.ts';

// A filter that selects nothing must still give a chart that says so, not a crash or an empty axis.
const EMPTY: Record<string, () => string> = {
  sparkline: () => sparkline({ id: 'e', title: 'Collections', rows: [{ month: '2025-01-01', collections_usd: null }], y: 'collections_usd' }),
  trendLine: () => trendLine({ id: 'e', title: 'Collections', description: 'Lead.', rows: [], y: 'collections_usd' }),
  barChart: () => barChart({ id: 'e', title: 'Collections', rows: [], category: 'payer_class', value: 'collections_usd' }),
  stackedBar: () => stackedBar({ id: 'e', title: 'Collections', rows: [], x: 'month', series: 'payment_source', value: 'collections_usd' }),
  planVsActual: () => planVsActual({ id: 'e', title: 'Collections', rows: [], category: 'budget_line', plan: 'plan_usd', actual: 'actual_usd' }),
};

describe('charts without data', () => {
  it.each(Object.keys(EMPTY))('%s says there is no data, keeping its title and description', (name) => {
    const svg = (EMPTY[name] as () => string)();
    expect(svg).toMatch(/<text [^>]*>No data( for this selection)?<\/text>/);
    expect(svg).toMatch(/^<svg [^>]*><title>Collections<\/title><desc>[^<]*No data/);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(xmlProblems(svg)).toEqual([]);
  });
  it('keeps the caller\'s lead sentence in the description', () => {
    expect((EMPTY.trendLine as () => string)()).toContain('<desc>Lead. No data for this selection.</desc>');
  });
});

describe('all values missing or zero', () => {
  it('draws no $0 bars: a bar chart or stacked bar of zeros and blanks says there is no data, at the one empty height', () => {
    const bars = barChart({ id: 'z', title: 'Denied', rows: [{ reason: 'CO-45', denial_usd: '0.00' }, { reason: 'CO-97', denial_usd: null }], category: 'reason', value: 'denial_usd' });
    const stacks = stackedBar({ id: 'z', title: 'Payments', rows: [{ month: '2026-09-01', payment_source: 'insurance', payments_usd: '0.00' }, { month: '2026-10-01', payment_source: 'patient', payments_usd: null }], x: 'month', series: 'payment_source', value: 'payments_usd' });
    for (const svg of [bars, stacks]) {
      expect(svg).toMatch(/<text [^>]*>No data for this selection<\/text>/);
      expect(svg).toMatch(/^<svg [^>]*height="120"/);
      expect(svg).not.toContain('<rect');
    }
  });
  it('still draws a chart with one value other than zero', () => {
    const svg = barChart({ id: 'z', title: 'Denied', rows: [{ reason: 'CO-45', denial_usd: '0.00' }, { reason: 'CO-97', denial_usd: '12.50' }], category: 'reason', value: 'denial_usd' });
    expect(svg).not.toContain('No data');
    expect(svg).toContain('<rect');
  });
});
