/**
 * A data download builds its one section: only the queries of its group run (counted on the
 * connection), no chart is drawn and no tile is computed; the table is the one the full page shows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { buildPage, type PageContext } from '../../dashboards/pages/index.ts';
import { recording } from '../helpers/countingConnection.ts';
import { withFixture } from '../metrics/fixture.ts';

describe('a data download', () => {
  it('runs its one section, draws nothing and computes no tile', async () => {
    await withFixture(async (raw) => {
      const parsed = parseFilters({ period: 'month', month: '2024-03' }, { today: '2024-04-15' });
      if (!parsed.ok) throw new Error(parsed.errors.join());
      const ctx = (conn: DuckDBConnection): PageContext => ({ conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' });
      const full = recording(raw);
      const page = await buildPage('financial', ctx(full.conn));
      const one = recording(raw);
      const only = await buildPage('financial', ctx(one.conn), { section: 'collection-rates' });
      expect(only.tiles).toEqual([]);
      expect(only.sections.map((s) => s.id)).toEqual(['collection-rates']);
      expect(only.sections[0]!.svg).toBeUndefined();
      expect(page.sections.find((s) => s.id === 'collection-rates')!.svg).toMatch(/^<svg/);
      expect(only.sections[0]!.table).toEqual(page.sections.find((s) => s.id === 'collection-rates')!.table);
      // The full page runs every section's and every tile's statements (13 here, each metric
      // input once: test/metrics/inputMemo.test.ts); the download a handful.
      expect(one.statements.length).toBeLessThan(full.statements.length / 2);
      expect(one.statements.length).toBeLessThanOrEqual(6);
    });
  }, 60_000);
});
