/**
 * A budget is compared only at the grain it is defined (practice or location): under a provider
 * or payer-class filter the tiles and plan-versus-actual say that no budget exists, instead of
 * setting a filtered actual beside the whole practice's plan. The chosen "Compare with" is
 * flagged on every tile. Fixture: test/metrics/fixture.ts (March 2024 budget: gross charges ALL 600, L1 400).
 */
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { FINANCIAL_SECTIONS } from '../../dashboards/pages/financial.ts';
import type { Section } from '../../dashboards/pages/index.ts';

/** Every section of the financial page, group by group (one connection runs one statement at a time). */
async function financialSections(ctx: PageContext): Promise<Section[]> {
  const out: Section[] = [];
  for (const g of FINANCIAL_SECTIONS) out.push(...(await g.build(ctx)));
  return out;
}
import type { PageContext } from '../../dashboards/pages/model.ts';
import { buildTiles } from '../../dashboards/pages/tiles.ts';
import { noBudgetReason, planVsActual } from '../../dashboards/metrics/index.ts';
import { MARCH, withFixture } from '../metrics/fixture.ts';

function context(conn: PageContext['conn'], query: Record<string, string>): PageContext {
  const parsed = parseFilters({ period: 'month', month: '2024-03', ...query }, { today: '2024-04-15' });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return { conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' };
}

const REASON_CLASS = 'No budget exists by payer class: budgets are set for the practice and for each location.';

describe('budget at its grain', () => {
  it('compares the practice and a location with their own budget', async () => {
    await withFixture(async (conn) => {
      const [all] = await buildTiles(context(conn, { compare: 'budget' }), ['gross_charges'], () => '/');
      expect(all!.comparisons[2]).toEqual({ label: 'Budget', value: { value: 600, exact: '600.00' }, selected: true });
      const [l1] = await buildTiles(context(conn, { location: 'L1' }), ['gross_charges'], () => '/');
      expect(l1!.comparisons[2]!.value).toEqual({ value: 400, exact: '400.00' });
    });
  });

  it('says no budget exists under a payer-class or provider filter, in tiles and plan versus actual', async () => {
    await withFixture(async (conn) => {
      const [tile] = await buildTiles(context(conn, { payerClass: 'medicare', compare: 'budget' }), ['gross_charges'], () => '/');
      // Medicare charges in March: C1 200 + C3 300 = 500, never beside the practice's 600.
      expect(tile!.value.exact).toBe('500.00');
      expect(tile!.comparisons[2]).toEqual({ label: 'Budget', value: { value: null, note: REASON_CLASS }, selected: true });
      expect(await planVsActual(conn, { ...MARCH, payerClass: 'medicare' })).toEqual([]);
      expect(await planVsActual(conn, { ...MARCH, providerId: 'P1' })).toEqual([]);
      expect(noBudgetReason({ providerId: 'P1', payerClass: 'medicare' })).toBe('No budget exists by provider or payer class: budgets are set for the practice and for each location.');
      const sections = await financialSections(context(conn, { provider: 'P1' }));
      const money = sections.find((s) => s.id === 'budget-money')!;
      expect(money.intro).toBe('No budget exists by provider: budgets are set for the practice and for each location.');
      expect(money.table.rows).toEqual([]);
    });
  });

  it('flags the comparison chosen in the filter bar', async () => {
    await withFixture(async (conn) => {
      for (const [compare, index] of [['prior', 0], ['yoy', 1], ['budget', 2]] as const) {
        const [tile] = await buildTiles(context(conn, { compare }), ['gross_charges'], () => '/');
        expect(tile!.comparisons.map((c) => c.selected)).toEqual([0, 1, 2].map((i) => i === index));
      }
    });
  });
});
