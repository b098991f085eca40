/**
 * The dashboard page cache (server/cache/pageCache.ts): a body is built once per page, role,
 * day and filters at one data version; another role, day or filters, a load (its run record)
 * or any write to the tables pages read builds it again. Over HTTP: a page served from the
 * cache shows a load's rows as soon as the load has committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Warehouse } from '../../core/warehouse/open.ts';
import { PageCache, type PageKey } from '../../server/cache/pageCache.ts';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';
import { TEST_PARAMS, type Client } from '../auth/authApp.ts';
import { csv } from '../helpers/rows.ts';

describe('PageCache', () => {
  let wh: Warehouse;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [] });
    conn = await wh.connect();
  });
  afterAll(() => {
    conn.closeSync();
    wh.close();
  });

  const key = (over: Partial<PageKey> = {}): PageKey => ({ page: 'financial', role: 'manager', today: '2026-11-15', filters: { from: '2026-10-01', to: '2026-10-31' }, ...over });

  /** A build that counts its calls and returns a body naming the call. */
  function counter(): { build: () => Promise<string>; calls: () => number } {
    let n = 0;
    return { build: async () => `body ${++n}`, calls: () => n };
  }

  it('builds a page once per page, role, day and filters while the data stays the same', async () => {
    const cache = new PageCache();
    const c = counter();
    expect(await cache.get(conn, key(), c.build)).toBe('body 1');
    expect(await cache.get(conn, key(), c.build)).toBe('body 1');
    expect(c.calls()).toBe(1);
    // Never served across roles (board members see suppressed cells, only admins pay by person).
    expect(await cache.get(conn, key({ role: 'board' }), c.build)).toBe('body 2');
    expect(await cache.get(conn, key({ role: 'admin' }), c.build)).toBe('body 3');
    expect(await cache.get(conn, key({ page: 'overview' }), c.build)).toBe('body 4');
    expect(await cache.get(conn, key({ today: '2026-11-16' }), c.build)).toBe('body 5');
    expect(await cache.get(conn, key({ filters: { from: '2026-09-01', to: '2026-09-30' } }), c.build)).toBe('body 6');
    expect(await cache.get(conn, key({ role: 'board' }), c.build)).toBe('body 2');
    expect(cache.stats).toEqual({ entries: 6, chars: 36, hits: 2, misses: 6 });
  });

  it('does not keep a body its builder marks as not to keep (a section that could not be computed)', async () => {
    const cache = new PageCache();
    let n = 0;
    const failing = async (dontKeep: () => void) => {
      dontKeep();
      return `failed ${++n}`;
    };
    expect(await cache.get(conn, key(), failing)).toBe('failed 1');
    expect(await cache.get(conn, key(), failing)).toBe('failed 2');
    expect(cache.stats.entries).toBe(0);
  });

  it('builds again after a load records its run', async () => {
    const cache = new PageCache();
    const c = counter();
    await cache.get(conn, key(), c.build);
    await conn.run(
      `INSERT INTO etl_run (run_id, source, file_name, status, started_at, ended_at, rows_read, rows_loaded, rows_rejected, rows_replaced, trailer_rows)
       VALUES ('r-test-1', 'billing', 'x.csv', 'loaded', TIMESTAMP '2026-11-15 10:00:00', TIMESTAMP '2026-11-15 10:00:01', 1, 1, 0, 0, 0)`,
    );
    expect(await cache.get(conn, key(), c.build)).toBe('body 2');
    expect(await cache.get(conn, key(), c.build)).toBe('body 2');
    expect(c.calls()).toBe(2);
  });

  it('builds again after a write to a table pages read, made outside a load', async () => {
    const cache = new PageCache();
    const c = counter();
    await cache.get(conn, key(), c.build);
    await conn.run(`INSERT INTO dim_location VALUES ('L-T', 'Test location', 'f-test', 2)`);
    expect(await cache.get(conn, key(), c.build)).toBe('body 2');
  });

  it('keeps at most its bound of characters, the oldest bodies dropped first', async () => {
    const cache = new PageCache({ maxEntries: 100, maxChars: 20 });
    const c = counter(); // bodies of 6 characters: three fit in 20
    for (const page of ['a', 'b', 'c', 'd']) await cache.get(conn, key({ page }), c.build);
    expect(cache.stats).toMatchObject({ entries: 3, chars: 18 });
    expect(await cache.get(conn, key({ page: 'b' }), c.build)).toBe('body 2');
    expect(await cache.get(conn, key({ page: 'a' }), c.build)).toBe('body 5');
  });

  it('keeps at most its bound of bodies, the oldest dropped first', async () => {
    const cache = new PageCache({ maxEntries: 2 });
    const c = counter();
    await cache.get(conn, key({ page: 'a' }), c.build);
    await cache.get(conn, key({ page: 'b' }), c.build);
    await cache.get(conn, key({ page: 'c' }), c.build);
    expect(cache.stats.entries).toBe(2);
    expect(await cache.get(conn, key({ page: 'a' }), c.build)).toBe('body 4');
    expect(await cache.get(conn, key({ page: 'c' }), c.build)).toBe('body 3');
  });
});

describe('dashboard pages served from the cache', () => {
  let s: AppServer;
  let admin: Client;
  beforeAll(async () => {
    s = await startAppServer({ passwordParams: TEST_PARAMS });
    admin = await s.as('admin');
  }, 180_000);
  afterAll(() => s.close());

  const grossCharges = async (): Promise<number> => {
    const res = await admin.get('/financial?month=2026-10');
    const page = await res.text();
    expect(res.status).toBe(200);
    // The tile shows readable units ($1.14M); the exact amount is its title.
    const m = /id="t-gross_charges"[\s\S]*?<p class="value"><span(?: title="([^"]+)")?>([^<]+)/.exec(page);
    if (!m) throw new Error('no gross charges tile');
    return Number((m[1] ?? m[2]!).trim().replace(/[$,]/g, ''));
  };

  it('shows a load as soon as it has committed', async () => {
    const before = await grossCharges();
    expect(await grossCharges()).toBe(before); // the second request is a cache hit: the same figure
    const inbox = join(s.ctx.config.paths.inbox, 'billing');
    mkdirSync(inbox, { recursive: true });
    // One charge of $1,000.00 posted in October 2026: gross charges of October grow by exactly that.
    writeFileSync(join(inbox, 'extra-charge.csv'), csv('billing', [{ transaction_id: 'CACHE-T1', claim_id: 'CACHE-C1', service_date: '2026-10-15', post_date: '2026-10-15', txn_type: 'charge', amount_usd: '1000.00' }]));
    const reports = await s.ctx.etl.scan({ settleMs: 0 });
    expect(reports.map((r) => r.status)).toEqual(['loaded']);
    expect(await grossCharges()).toBe(before + 1000);
  }, 120_000);
});
