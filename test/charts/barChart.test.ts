import { describe, expect, it } from 'vitest';
import { barChart } from '../../dashboards/charts/barChart.ts';
import { expectGolden } from '../golden/golden.ts';
import { AGING_BUCKETS, CHARGES_BY_PAYER } from './fixtures.ts';
import { xmlProblems } from './wellFormed.ts';

const href = (row: Readonly<Record<string, unknown>>) => `?payer_class=${encodeURIComponent(String(row.payer_class))}&month=2025-01`;
const byPayer = barChart({ id: 'charges-by-payer', title: 'Gross charges by payer class, Jan 2025', rows: CHARGES_BY_PAYER, category: 'payer_class', value: 'charges_usd', valueLabel: 'Gross charges', href });
const AGING = AGING_BUCKETS.map((bucket, i) => ({ bucket: `${bucket} days`, ar_usd: i === 4 ? null : `${120_000 / 2 ** i}.00` }));
const aging = barChart({ id: 'ar-aging', title: 'A/R by age', rows: AGING, category: 'bucket', value: 'ar_usd', valueLabel: 'A/R', sort: 'given', orientation: 'vertical' });

describe('barChart', () => {
  it('matches its goldens', () => {
    expectGolden('bar-chart-charges-by-payer', byPayer);
    expectGolden('bar-chart-ar-aging', aging);
  });

  it('wraps every bar in a drill-down link built from its row', () => {
    const links = [...byPayer.matchAll(/<a [^>]*href="([^"]*)"[^>]*><rect /g)].map((m) => m[1]);
    expect(links).toEqual(['commercial', 'medicare', 'medicaid', 'self_pay', 'workers_comp'].map((p) => `?payer_class=${p}&amp;month=2025-01`));
    expect(xmlProblems(byPayer)).toEqual([]);
    expect(aging).not.toContain('<a ');
  });

  it('lays long labels out horizontally, largest first, labelled with units and values', () => {
    const ticks = [...byPayer.matchAll(/aria-label="y-axis tick label".*?<\/g>/gs)][0]?.[0] ?? '';
    // Coded payer classes read as words (the links keep the codes).
    expect([...ticks.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['Commercial', 'Medicare', 'Medicaid', 'Self-pay', "Workers' compensation"]);
    expect(byPayer).toContain('>Gross charges (USD)</text>');
    expect(byPayer).toMatch(/>\$412K<\/text>/);
    expect(byPayer).toMatch(/>-\$2\.5K<\/text>/);
    expect(byPayer).toContain('<title>Commercial: $412,345.67</title>');
  });

  it('wraps a long label at word boundaries and never cuts it', () => {
    const reason = 'Precertification, notification, authorization or pre-treatment absent';
    const svg = barChart({ id: 'reasons', title: 'Denied dollars by reason', rows: [{ reason: `197 ${reason}`, denial_usd: '5849.00' }, { reason: '96 Non-covered charge', denial_usd: '4113.00' }], category: 'reason', value: 'denial_usd' });
    expect(svg).not.toContain('\u2026');
    const label = [...svg.matchAll(/aria-label="y-axis tick label".*?<\/g>/gs)][0]![0];
    const lines = [...label.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toContain(`197 ${reason}`);
  });

  it('keeps the given order when asked, shows a missing value as a dash, and draws no bar for it', () => {
    expect(aging).toMatch(/aria-label="x-axis tick label"/);
    expect(aging.match(/<rect [^>]*><title>/g)).toHaveLength(4);
    expect(aging).toContain('>\u2014</text>');
    expect(aging).toContain('<desc>A/R by bucket: 0-30 days: $120,000.00; 31-60 days: $60,000.00; 61-90 days: $30,000.00; 91-120 days: $15,000.00; >120 days: \u2014.</desc>'.replace('>120 days', '&gt;120 days'));
  });

  it('refuses a script link and repeated categories', () => {
    expect(() => barChart({ ...base(), href: () => 'javascript:alert(1)' })).toThrow(/scheme javascript/);
    expect(() => barChart({ ...base(), href: () => ' java\tscript:alert(1)' })).toThrow(/scheme javascript/);
    expect(() => barChart({ ...base(), rows: [...CHARGES_BY_PAYER, CHARGES_BY_PAYER[0] as never] })).toThrow(/repeated/);
  });
});

function base() {
  return { id: 'x', title: 't', rows: CHARGES_BY_PAYER, category: 'payer_class', value: 'charges_usd' };
}
