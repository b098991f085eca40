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
