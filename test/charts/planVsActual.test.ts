import { describe, expect, it } from 'vitest';
import { ROLE } from '../../dashboards/charts/palette.ts';
import { planVsActual } from '../../dashboards/charts/planVsActual.ts';
import { expectGolden } from '../golden/golden.ts';
import { BUDGET, BUDGET_NAMES } from './fixtures.ts';
import { xmlProblems } from './wellFormed.ts';

const costLines = new Set(['payroll_cost_usd', 'supplies_usd']);
const svg = planVsActual({
  id: 'budget-jan', title: 'Budget vs actual, January 2025', rows: BUDGET, category: 'budget_line', plan: 'plan_usd', actual: 'actual_usd',
  categoryLabel: (v) => BUDGET_NAMES[v] ?? v, goodDirection: (r) => (costLines.has(String(r.budget_line)) ? 'down' : 'up'),
  href: (r) => `/financial/plan?line=${String(r.budget_line)}`,
});

describe('planVsActual', () => {
  it('matches its golden', () => expectGolden('plan-vs-actual-budget', svg));

  it('writes each variance with its sign, exact in the tooltip, coloured by the good direction', () => {
    // 471,234.56 - 450,000.00 = +21,234.56, which is 4.72 % of plan.
    expect(svg).toContain('<title>Gross charges: actual $471,234.56, plan $450,000.00, variance +$21,234.56 (+4.7%), favourable</title>');
    // 287,650.10 - 300,000.00 = -12,349.90 (-4.12 %).
    expect(svg).toContain('variance -$12,349.90 (-4.1%), unfavourable');
    // Payroll 186,400 over a plan of 180,000: +6,400.00 (+3.6 %) is unfavourable for a cost.
    expect(svg).toContain('variance +$6,400.00 (+3.6%), unfavourable');
    expect(svg).toMatch(new RegExp(`<text [^>]*fill="${ROLE.goodText}"[^>]*>\\+\\$21\\.2K \\(\\+4\\.7%\\)</text>`));
    expect(svg).toMatch(new RegExp(`<text [^>]*fill="${ROLE.badText}"[^>]*>-\\$12\\.3K \\(-4\\.1%\\)</text>`));
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('shows a line with no actual as a plan bar only', () => {
    expect(svg).toMatch(/>no actual<\/text>/);
    expect(svg.match(/<title>Supplies: /g)).toHaveLength(1);
    expect(svg).toMatch(/<a [^>]*href="\/financial\/plan\?line=supplies_usd"/);
  });

  it('has a legend for actual and plan and a value axis with its unit', () => {
    expect(svg).toMatch(/<g aria-label="legend".*>Actual<\/text>.*>Plan<\/text>/s);
    expect(svg).toContain('>Plan and actual (USD)</text>');
  });

  it('refuses plan and actual in different units', () => {
    expect(() => planVsActual({ id: 'x', title: 't', rows: BUDGET, category: 'budget_line', plan: 'plan_usd', actual: 'budget_line' })).toThrow(/not in one unit/);
  });
});
