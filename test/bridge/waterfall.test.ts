/**
 * The waterfall chart: golden SVG, bars floating from the running total, colours by whether a
 * change is good for the measure, the bridge's own text on the bars.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waterfall } from '../../dashboards/charts/waterfall.ts';
import { waterfallOf, type Bridge } from '../../dashboards/bridge/index.ts';
import { ROLE } from '../../dashboards/charts/palette.ts';
import { expectGolden } from '../golden/golden.ts';
import { xmlProblems } from '../charts/wellFormed.ts';

const DIR = fileURLToPath(new URL('./golden/', import.meta.url));

const svg = waterfall({
  id: 'why-gross-charges-payerclass',
  title: 'Gross charges: August 2026 to the month, by payer class',
  column: 'amount_usd',
  base: { label: 'August 2026', value: 300, text: '$300' },
  steps: [{ label: 'Commercial', value: 240, text: '+$240' }, { label: 'Medicare', value: 200, text: '+$200' }, { label: 'Self pay', value: -20, text: '-$20' }],
  current: { label: 'Month (2026-09)', value: 720, text: '$720' },
  goodDirection: 'up',
});

describe('waterfall', () => {
  it('matches its golden and is well formed', () => {
    expectGolden('waterfall-gross-charges', svg, { dir: DIR });
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('floats each step from the running total and labels it with the bridge text', () => {
    for (const t of ['August 2026: $300', 'Commercial: +$240', 'Medicare: +$200', 'Self pay: -$20', 'Month (2026-09): $720']) expect(svg).toContain(`<title>${t}</title>`);
    // Two increases in the good colour, one decrease in the bad, the totals in grey and blue.
    expect(svg.match(new RegExp(`fill="${ROLE.good}"`, 'g'))?.length).toBe(2);
    expect(svg.match(new RegExp(`fill="${ROLE.bad}"`, 'g'))?.length).toBe(1);
    expect(svg).toContain(`fill="${ROLE.reference}"`);
    expect(svg).toContain('<desc>From $300 (August 2026) to $720 (Month (2026-09)): Commercial +$240; Medicare +$200; Self pay -$20.</desc>');
  });

  it('refuses two bars with the same label', () => {
    expect(() => waterfall({ id: 'w', title: 't', column: 'amount_usd', base: { label: 'A', value: 1, text: '1' }, steps: [{ label: 'A', value: 1, text: '1' }], current: { label: 'B', value: 2, text: '2' } })).toThrow(/distinct/);
  });
});

describe('waterfallOf', () => {
  const amount = (value: number, text: string) => ({ value, text });
  const bridge: Bridge = {
    metricId: 'visits', label: 'Visits', unit: 'count', month: '2026-09', comparison: 'prior', comparisonLabel: 'August 2026',
    base: amount(10, '10'), current: amount(12, '12'), change: amount(2, '+2'), changePct: 0.2,
    byDimension: [{ dimension: 'location', label: 'Location', drivers: [
      { dimension: 'location', key: 'L9', label: 'August 2026', base: amount(4, '4'), current: amount(7, '7'), change: amount(3, '+3'), share: 1.5 },
      { dimension: 'location', key: 'L1', label: 'Main', base: amount(6, '6'), current: amount(5, '5'), change: amount(-1, '-1'), share: -0.5 },
    ] }],
    top: [],
  };

  it('draws a dimension with the bridge text, telling a segment named like a period apart', () => {
    const svg = waterfallOf(bridge, 'location')!;
    expect(svg).toContain('<title>August 2026 (segment): +3</title>');
    expect(svg).toContain('<title>September 2026: 12</title>');
    expect(waterfallOf(bridge, 'effect')).toBeNull();
    expect(waterfallOf({ ...bridge, change: null }, 'location')).toBeNull();
  });
});
