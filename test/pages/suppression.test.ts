/**
 * Board-facing tiles follow the CMS cell-size rule: a count of visits from 1 to 10, and a rate
 * computed over such a count, is suppressed; the same tiles are shown in full to managers.
 * The fixture (test/metrics/fixture.ts) has 5 visits in March 2024.
 */
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { buildTiles } from '../../dashboards/pages/tiles.ts';
import type { PageContext } from '../../dashboards/pages/model.ts';
import { withFixture } from '../metrics/fixture.ts';

function context(conn: PageContext['conn'], suppressSmall: boolean): PageContext {
  const parsed = parseFilters({ period: 'month', month: '2024-03' }, { today: '2024-04-15' });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return { conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '', suppressSmall };
}

describe('small-cell suppression on board tiles', () => {
  it('hides 5 visits and the no-show rate over them from the board, not from a manager', async () => {
    await withFixture(async (conn) => {
      const ids = ['visits', 'no_show_rate', 'gross_charges'];
      const manager = await buildTiles(context(conn, false), ids, () => '/');
      const board = await buildTiles(context(conn, true), ids, () => '/');
      expect(manager[0]!.value.value).toBe(5);
      expect(board[0]!.value).toEqual({ value: null, note: 'suppressed: a count of 1 to 10 (CMS cell-size rule)' });
      expect(manager[1]!.value.value).not.toBeNull();
      expect(board[1]!.value.value).toBeNull();
      // Money is not a count: shown to both.
      expect(board[2]!.value).toEqual(manager[2]!.value);
      expect(board[0]!.sparkline).not.toContain('>5<');
    });
  });
});
