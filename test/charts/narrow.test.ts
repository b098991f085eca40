/**
 * The phone variants of the charts (NARROW_CHART_WIDTH, dashboards/charts/variants.ts): golden
 * SVGs of every builder drawn at 360 px, and what makes them readable on a 390 px screen, whose
 * column is about 364 px: drawn at 360 px the SVG is shown at about its own scale, so text keeps
 * its drawn size (11 px, the heading 13 px, both over 9 px); no two tick labels of an axis
 * overlap; the ids are renamed so the wide and narrow copies can share a page.
 */
import { describe, expect, it } from 'vitest';
import { barChart } from '../../dashboards/charts/barChart.ts';
import { planVsActual } from '../../dashboards/charts/planVsActual.ts';
import { stackedBar } from '../../dashboards/charts/stackedBar.ts';
import { trendLine } from '../../dashboards/charts/trendLine.ts';
import { NARROW_CHART_WIDTH, narrowVariant } from '../../dashboards/charts/variants.ts';
import { waterfall } from '../../dashboards/charts/waterfall.ts';
import { expectGolden } from '../golden/golden.ts';
import { AGING_BUCKETS, AR_AGING, BUDGET, BUDGET_NAMES, CHARGES_BY_PAYER, NCR, PAYMENTS_BY_SOURCE } from './fixtures.ts';
import { xmlProblems } from './wellFormed.ts';

const W = NARROW_CHART_WIDTH;
const AGING = AGING_BUCKETS.map((bucket, i) => ({ bucket: `${bucket} days`, ar_usd: i === 4 ? null : `${120_000 / 2 ** i}.00` }));
// Thirteen months of payments, as the financial page draws them.
const MONTHS_13 = Array.from({ length: 13 }, (_, i) => `${i < 12 ? 2025 : 2026}-${String((i % 12) + 1).padStart(2, '0')}-01`);
const PAYMENTS_13 = MONTHS_13.flatMap((month, i) => [
  { month, payment_source: 'insurance', payments_usd: `${900000 + i * 1000}.00` },
  { month, payment_source: 'patient', payments_usd: `${120000 + i * 500}.00` },
]);

const charts: Record<string, string> = {
  'narrow-bar-chart-charges-by-payer': barChart({ width: W, id: 'charges-by-payer', title: 'Gross charges by payer class, Jan 2025', rows: CHARGES_BY_PAYER, category: 'payer_class', value: 'charges_usd', valueLabel: 'Gross charges' }),
  'narrow-bar-chart-ar-aging': barChart({ width: W, id: 'ar-aging', title: 'A/R by age', rows: AGING, category: 'bucket', value: 'ar_usd', valueLabel: 'A/R', sort: 'given', orientation: 'vertical' }),
  'narrow-stacked-bar-payments-by-source': stackedBar({ width: W, id: 'payments-by-source', title: 'Payments by source', rows: [...PAYMENTS_BY_SOURCE].reverse(), x: 'month', series: 'payment_source', value: 'payments_usd', seriesOrder: ['insurance', 'patient'] }),
  'narrow-stacked-bar-13-months': stackedBar({ width: W, id: 'fin-by-source', title: 'Payments by source and month', rows: PAYMENTS_13, x: 'month', series: 'payment_source', value: 'payments_usd', seriesOrder: ['insurance', 'patient'] }),
  'narrow-stacked-bar-ar-aging': stackedBar({ width: W, id: 'ar-aging-by-payer', title: 'A/R aging by payer class', rows: AR_AGING, x: 'payer_class', series: 'aging_bucket', value: 'ar_usd', valueLabel: 'A/R', seriesOrder: AGING_BUCKETS }),
  'narrow-trend-line-ncr': trendLine({ width: W, id: 'ncr-trend', title: 'Net collection rate', rows: NCR, y: 'net_collection_rate_pct', comparison: { column: 'prior_year_pct', label: 'Prior year' }, target: { from: 0.95, to: 1, label: 'Target 95%+' } }),
  'narrow-plan-vs-actual-budget': planVsActual({ width: W, id: 'budget-jan', title: 'Budget vs actual, January 2025', rows: BUDGET, category: 'budget_line', plan: 'plan_usd', actual: 'actual_usd', categoryLabel: (v) => BUDGET_NAMES[v] ?? v }),
  'narrow-waterfall': waterfall({
    width: W, id: 'why-gross-charges-payerclass', title: 'Gross charges: August 2026 to September 2026, by payer class', column: 'amount_usd',
    base: { label: 'August 2026', value: 300000, text: '$300,000.00' },
    steps: [{ label: 'Commercial insurance plans', value: 240000, text: '+$240,000.00' }, { label: 'Medicare', value: 200000, text: '+$200,000.00' }, { label: 'Self pay', value: -20000, text: '-$20,000.00' }],
    current: { label: 'September 2026', value: 720000, text: '$720,000.00' }, goodDirection: 'up',
  }),
};

/** The texts of one axis's tick labels, with their x positions (from the group's transforms). */
function xTicks(svg: string): { x: number; text: string }[] {
  const group = /aria-label="x-axis tick label"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<text[^>]*?transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*?(?:\/>|>(.*?)<\/text>)/gs)].map((m) => ({ x: Number(m[1]), text: (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() }));
}

describe('narrow (phone) variants', () => {
  it('match their goldens and are well formed', () => {
    for (const [name, svg] of Object.entries(charts)) {
      expectGolden(name, svg);
      expect(xmlProblems(svg), name).toEqual([]);
      expect(svg, name).toContain(`viewBox="0 0 ${W} `);
    }
  });

  it('draw no text under 9 px at the size they are shown on a 390 px screen (about 364 px wide)', () => {
    const scale = 364 / W;
    for (const [name, svg] of Object.entries(charts)) {
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(sizes.length, name).toBeGreaterThan(0);
      for (const size of sizes) expect(size * scale, name).toBeGreaterThanOrEqual(9);
      // Plot's own stylesheet sets no smaller font on the chart.
      expect(svg, name).not.toMatch(/font-size:\s*[0-8](?:\.\d+)?px/);
    }
  });

  it('tick fewer months than the wide chart, and no two month labels of 13 bars overlap', () => {
    const wide = stackedBar({ width: 1200, id: 'fin-by-source', title: 'Payments by source and month', rows: PAYMENTS_13, x: 'month', series: 'payment_source', value: 'payments_usd', seriesOrder: ['insurance', 'patient'] });
    const shown = (svg: string) => xTicks(svg).filter((t) => t.text !== '');
    expect(shown(wide)).toHaveLength(13);
    const narrow = shown(charts['narrow-stacked-bar-13-months']!);
    expect(narrow.map((t) => t.text)).toEqual(['Jan 2025', 'Mar', 'May', 'Jul', 'Sep', 'Nov', 'Jan 2026']);
    // 'Jan 2025' is two lines of at most 4 characters: at 11 px about 25 px wide; labels sit at least 40 px apart.
    for (let i = 1; i < narrow.length; i++) expect(narrow[i]!.x - narrow[i - 1]!.x).toBeGreaterThan(40);
    // The totals above 13 narrow bars would overlap: they stay in the tooltips (and the table).
    expect(wide).toMatch(/>\$1\.02M<\/text>/);
    expect(charts['narrow-stacked-bar-13-months']).not.toMatch(/>\$1\.0\dM<\/text>/);
  });

  it('wrap the labels of vertical bars to their column', () => {
    const ticks = xTicks(charts['narrow-bar-chart-ar-aging']!);
    expect(ticks.map((t) => t.text)).toEqual(['0-30 days', '31-60 days', '61-90 days', '91-120 days', '&gt;120 days']);
    expect(charts['narrow-bar-chart-ar-aging']).toMatch(/<tspan[^>]*>91-120<\/tspan><tspan[^>]*>days<\/tspan>/);
  });

  it('rename their ids and references so that the wide and narrow copies can share a page', () => {
    const svg = '<svg><defs><clipPath id="ncr-trend-1"/><clipPath id="ncr-trend-12"/></defs><g clip-path="url(#ncr-trend-1)"/><use href="#ncr-trend-12"/><a href="/x#ncr-trend-1b"/><g id="other-1"/></svg>';
    expect(narrowVariant(svg, 'ncr-trend')).toBe(
      '<svg><defs><clipPath id="ncr-trend-narrow-1"/><clipPath id="ncr-trend-narrow-12"/></defs><g clip-path="url(#ncr-trend-narrow-1)"/><use href="#ncr-trend-narrow-12"/><a href="/x#ncr-trend-1b"/><g id="other-1"/></svg>',
    );
    // A chart without ids is unchanged.
    expect(narrowVariant(charts['narrow-trend-line-ncr']!, 'ncr-trend')).toBe(charts['narrow-trend-line-ncr']);
  });
});
