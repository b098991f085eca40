/**
 * A page reads one consistent snapshot: a load committed while the page is being built (here
 * between its headline tiles and its sections, through the page's own `between` hook, on another
 * connection) is seen by none of its numbers, so the tile and the monthly table agree. March
 * 2024 gross charges of the fixture are read from the ledger by SQL before the load.
 */
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { buildPage, type PageContext } from '../../dashboards/pages/index.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { openFixture } from '../metrics/fixture.ts';

const LATE_CHARGE = `INSERT INTO fact_billing_txn VALUES
  ('TLATE1', 'CLATE1', 1, 'pk-late', 'P1', 'L1', 'PY1', 'commercial', '99213', 1, DATE '2024-03-14', DATE '2024-03-15', 'charge', 1000.00, NULL, NULL, NULL, 'late', 1)`;
const MARCH_CHARGES_SQL = "SELECT sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn WHERE txn_type = 'charge' AND post_date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31'";

describe('one snapshot per page', () => {
  it('does not mix numbers from before and after a load committed mid-page', async () => {
    const wh = await openFixture();
    try {
      const before = await wh.use(async (c) => String((await c.runAndReadAll(MARCH_CHARGES_SQL)).getRowObjectsJS()[0]!.usd));
      const parsed = parseFilters({ period: 'month', month: '2024-03' }, { today: '2024-04-15' });
      if (!parsed.ok) throw new Error(parsed.errors.join());
      let loads = 0;
      const page = await wh.use((conn) => {
        const ctx: PageContext = { conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' };
        return buildPage('overview', ctx, {
          // The first call comes after the tiles: a load commits on another connection.
          between: async () => {
            if (loads++ > 0) return;
            await wh.use(async (other) => {
              await other.run(LATE_CHARGE);
              await rebuildRollups(other);
            });
          },
        });
      });
      const after = await wh.use(async (c) => String((await c.runAndReadAll(MARCH_CHARGES_SQL)).getRowObjectsJS()[0]!.usd));
      // The load did commit (1,000.00 more), yet the page saw none of it.
      expect(Number(after) - Number(before)).toBe(1000);
      const tile = page.tiles.find((t) => t.metric.id === 'gross_charges')!;
      const trend = page.sections.find((s) => s.id === 'charges-and-collections')!.table;
      const march = trend.rows.find((r) => r[0] === '2024-03-01')!;
      expect(tile.value.exact).toBe(before);
      expect(march[trend.columns.indexOf('gross_charges_usd')]).toBe(before);
    } finally {
      wh.close();
    }
  }, 60_000);
});
