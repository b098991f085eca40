import { describe, expect, it } from 'vitest';
import { ROLE } from '../../dashboards/charts/palette.ts';
import { trendLine } from '../../dashboards/charts/trendLine.ts';
import { expectGolden } from '../golden/golden.ts';
import { COLLECTIONS, NCR } from './fixtures.ts';
import { xmlProblems } from './wellFormed.ts';

const ncr = trendLine({
  id: 'ncr-trend',
  title: 'Net collection rate',
  description: 'Payments over charges net of contractual adjustments.',
  rows: NCR,
  y: 'net_collection_rate_pct',
  comparison: { column: 'prior_year_pct', label: 'Prior year' },
  target: { from: 0.95, to: 1, label: 'Target 95%+' },
});

describe('trendLine', () => {
  it('matches its goldens', () => {
    expectGolden('trend-line-ncr', ncr);
    expectGolden('trend-line-collections', trendLine({ id: 'collections-trend', title: 'Collections by month', rows: COLLECTIONS, y: 'collections_usd', label: 'Collections' }));
  });

  it('labels the value axis with its unit and ticks it in percent', () => {
    expect(ncr).toMatch(/aria-label="y-axis label"[^>]*><text[^>]*>Net collection rate \(%\)<\/text>/);
    expect(ncr).toMatch(/>96%<\/text>/);
    expect(xmlProblems(ncr)).toEqual([]);
  });

  it('draws the comparison dashed, the target as a band, and says both in the legend', () => {
    expect(ncr).toMatch(new RegExp(`stroke="${ROLE.comparison}"[^>]*stroke-dasharray="5,3"|stroke-dasharray="5,3"[^>]*stroke="${ROLE.comparison}"`));
    expect(ncr).toContain('<title>Target 95%+: 95.0% to 100.0%</title>');
    expect(ncr).toMatch(/<g aria-label="legend".*>Net collection rate<\/text>.*>Target 95%\+<\/text>.*>Prior year<\/text>/s);
  });

  it('gives each month a tooltip and leaves a missing month out', () => {
    expect(ncr).toContain('<title>Net collection rate, Jan 2024: 93.0%</title>');
    expect(ncr).toContain('<title>Prior year, Apr 2024: 93.0%</title>');
    expect(ncr).not.toContain('Net collection rate, Apr 2024');
    expect(ncr.match(/<title>Net collection rate, /g)).toHaveLength(12);
  });

  it('describes the series, the gap, the comparison and the target', () => {
    expect(ncr).toContain(
      '<desc>Payments over charges net of contractual adjustments. Monthly, Jan 2024 to Jan 2025. ' +
        'Net collection rate: Jan 2025 97.0%; lowest 93.0% (Jan 2024), highest 97.0% (Jan 2025); 1 month without data. ' +
        'Prior year: Jan 2025 93.0%; lowest 91.0% (Jan 2024), highest 95.0% (Aug 2024). Target band 95.0% to 100.0%.</desc>',
    );
  });

  it('refuses a comparison in another unit', () => {
    expect(() => trendLine({ id: 'x', title: 't', rows: NCR, y: 'net_collection_rate_pct', comparison: { column: 'month', label: 'm' } })).toThrow(/not in the unit/);
  });
});
