import { describe, expect, it } from 'vitest';
import { sparkline } from '../../dashboards/charts/sparkline.ts';
import { expectGolden } from '../golden/golden.ts';
import { COLLECTIONS } from './fixtures.ts';
import { xmlProblems } from './wellFormed.ts';

const svg = sparkline({ id: 'tile-collections', title: 'Collections, last 13 months', rows: COLLECTIONS, y: 'collections_usd' });

describe('sparkline', () => {
  it('matches its golden', () => expectGolden('sparkline-collections', svg));

  it('is tiny, with no axes and no visible heading', () => {
    expect(svg).toMatch(/^<svg [^>]*width="160" height="40"/);
    expect(svg).not.toMatch(/aria-label="[xy]-axis/);
    expect(svg).not.toContain('font-weight="bold"');
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('marks the last point and gives every month a tooltip with the exact amount', () => {
    // Jan 2025: 10,000,000 + 12 x 150,025 cents = $118,003.00
    const last = svg.match(/<circle [^>]*r="3"[^>]*><title>([^<]*)<\/title>/g);
    expect(last).toEqual([expect.stringContaining('<title>Jan 2025: $118,003.00</title>')]);
    expect(svg.match(/<title>\w{3} \d{4}: \$[\d,]+\.\d\d<\/title>/g)).toHaveLength(13 + 1);
    expect(svg).toContain('<title>Feb 2024: $101,500.25</title>');
  });

  it('describes the latest value and the range in words', () => {
    expect(svg).toContain('<desc>Collections: Jan 2025 $118,003.00; lowest $95,000.00 (Jul 2024), highest $118,003.00 (Jan 2025).</desc>');
  });

  it('sorts months and refuses a month given twice', () => {
    expect(sparkline({ id: 'tile-collections', title: 'Collections, last 13 months', rows: [...COLLECTIONS].reverse(), y: 'collections_usd' })).toBe(svg);
    expect(() => sparkline({ id: 'x', title: 't', rows: [COLLECTIONS[0], COLLECTIONS[0]] as never, y: 'collections_usd' })).toThrow(/Jan 2024 appears twice/);
  });
});
