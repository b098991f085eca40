/**
 * A data download builds its one section: only the queries of its group run (counted on the
 * connection), no chart is drawn and no tile is computed; the table is the one the full page shows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../dashboards/filters/index.ts';
import { buildPage, type PageContext } from '../../dashboards/pages/index.ts';
import { withFixture } from '../metrics/fixture.ts';

/** The connection, counting the statements run on it. */
function counting(conn: DuckDBConnection): { conn: DuckDBConnection; count: () => number } {
  let n = 0;
  const proxy = new Proxy(conn, {
    get(target, prop) {
      const v = Reflect.get(target, prop) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (prop === 'run' || prop === 'runAndReadAll') n += 1;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { conn: proxy, count: () => n };
}

describe('a data download', () => {
  it('runs its one section, draws nothing and computes no tile', async () => {
    await withFixture(async (raw) => {
      const parsed = parseFilters({ period: 'month', month: '2024-03' }, { today: '2024-04-15' });
      if (!parsed.ok) throw new Error(parsed.errors.join());
      const ctx = (conn: DuckDBConnection): PageContext => ({ conn, filters: parsed.value, today: '2024-04-15', query: '', drill: () => '' });
      const full = counting(raw);
      const page = await buildPage('financial', ctx(full.conn));
      const one = counting(raw);
      const only = await buildPage('financial', ctx(one.conn), { section: 'collection-rates' });
      expect(only.tiles).toEqual([]);
      expect(only.sections.map((s) => s.id)).toEqual(['collection-rates']);
      expect(only.sections[0]!.svg).toBeUndefined();
      expect(page.sections.find((s) => s.id === 'collection-rates')!.svg).toMatch(/^<svg/);
      expect(only.sections[0]!.table).toEqual(page.sections.find((s) => s.id === 'collection-rates')!.table);
      // The full page runs every section's and every tile's statements (13 here, each metric
      // input once: test/metrics/inputMemo.test.ts); the download a handful.
      expect(one.count()).toBeLessThan(full.count() / 2);
      expect(one.count()).toBeLessThanOrEqual(6);
    });
  }, 60_000);
});
