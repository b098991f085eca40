import { describe, expect, it } from 'vitest';
import { CATEGORICAL } from '../../dashboards/charts/palette.ts';
import { stackedBar } from '../../dashboards/charts/stackedBar.ts';
import { expectGolden } from '../golden/golden.ts';
import { AGING_BUCKETS, AR_AGING, PAYMENTS_BY_SOURCE, PAYMENTS_JAN_TOTAL } from './fixtures.ts';
import { xmlProblems } from './wellFormed.ts';

const payments = stackedBar({
  id: 'payments-by-source', title: 'Payments by source', rows: [...PAYMENTS_BY_SOURCE].reverse(),
  x: 'month', series: 'payment_source', value: 'payments_usd', seriesOrder: ['insurance', 'patient'],
});
const aging = stackedBar({
  id: 'ar-aging-by-payer', title: 'A/R aging by payer class', rows: AR_AGING, x: 'payer_class', series: 'aging_bucket',
  value: 'ar_usd', valueLabel: 'A/R', seriesOrder: AGING_BUCKETS,
  href: (r) => `/collections/ar?payer_class=${String(r.payer_class)}&bucket=${encodeURIComponent(String(r.aging_bucket))}`,
});

describe('stackedBar', () => {
  it('matches its goldens', () => {
    expectGolden('stacked-bar-payments-by-source', payments);
    expectGolden('stacked-bar-ar-aging', aging);
  });

  it('runs months in order with month ticks, and totals each bar exactly', () => {
    const ticks = [...payments.matchAll(/aria-label="x-axis tick label".*?<\/g>/gs)][0]?.[0] ?? '';
    expect(ticks).toMatch(/<tspan[^>]*>Jan<\/tspan><tspan[^>]*>2024<\/tspan>.*>Feb<\/text>.*>Jun<\/text>/s);
    expect(payments).toContain(`Totals: Jan 2024 ${PAYMENTS_JAN_TOTAL};`);
    expect(payments).toMatch(/>\$102K<\/text>/);
    expect(payments).toContain('<title>Jan 2024, Insurance: $90,000.50</title>');
    expect(xmlProblems(payments)).toEqual([]);
  });

  it('stacks, colours and lists the series in the given order', () => {
    expect(payments).toMatch(new RegExp(`<g aria-label="legend".*fill="${CATEGORICAL[0]}".*>Insurance<.*fill="${CATEGORICAL[1]}".*>Patient<`, 's'));
    const legend = [...aging.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).slice(1, 6);
    expect(legend).toEqual(['0-30', '31-60', '61-90', '91-120', '&gt;120']);
  });

  it('links every segment to its drill-down', () => {
    expect(aging.match(/<a [^>]*href="\/collections\/ar\?payer_class=\w+&amp;bucket=[^"]+"/g)).toHaveLength(15);
    expect(aging).toContain('href="/collections/ar?payer_class=medicare&amp;bucket=%3E120"');
    expect(aging).toContain('Each segment links to the view filtered by it.');
  });
});
