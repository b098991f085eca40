/**
 * Pages served from their caches over the real app (server/app.ts): the Server-Timing header
 * says where the server's time went (server/timing.ts); a page built now shows its DuckDB and
 * chart phases, the same page asked again is served from the cache (no chart phase: nothing
 * drawn, no connection, no statement: the data's version is known in the process) with the same content; /metrics and /reports are cached too, and a board member's
 * /reports is the board's landing view, never the manager's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';
import { TEST_PARAMS, type Client } from '../auth/authApp.ts';

let s: AppServer;
let manager: Client;
beforeAll(async () => {
  s = await startAppServer({ passwordParams: TEST_PARAMS });
  manager = await s.as('manager');
}, 180_000);
afterAll(() => s.close());

async function page(client: Client, path: string): Promise<{ main: string; phases: Record<string, number> }> {
  const res = await client.get(path);
  const text = await res.text();
  expect(res.status).toBe(200);
  const phases: Record<string, number> = {};
  for (const m of (res.headers.get('server-timing') ?? '').matchAll(/(\w+);dur=([\d.]+)/g)) phases[m[1]!] = Number(m[2]);
  const main = /<main[\s\S]*<\/main>/.exec(text)?.[0];
  if (!main) throw new Error(`${path}: no <main>`);
  return { main, phases };
}

describe('Server-Timing and the page caches', () => {
  it('builds a dashboard page once (DuckDB, charts, HTML), then serves it without drawing', async () => {
    const built = await page(manager, '/financial?month=2026-09');
    expect(Object.keys(built.phases)).toEqual(expect.arrayContaining(['auth', 'pool', 'db', 'chart', 'html', 'app']));
    expect(built.main).toContain('<svg');
    const again = await page(manager, '/financial?month=2026-09');
    expect(again.phases.chart).toBeUndefined();
    // The data's version is known in the process: a kept page needs no connection and no statement.
    expect(again.phases.db).toBeUndefined();
    expect(again.phases.pool).toBeUndefined();
    expect(again.main).toBe(built.main);
  }, 120_000);

  it('serves /metrics and /reports from their caches with the same content', async () => {
    const metrics = await page(manager, '/metrics');
    expect(metrics.main).toContain('Net collection rate');
    expect((await page(manager, '/metrics')).main).toBe(metrics.main);
    const list = await page(manager, '/reports');
    expect(list.phases.chart).toBeDefined();
    expect(list.main).toMatch(/October 2026<\/a><\/th><td>draft<\/td>/);
    const again = await page(manager, '/reports');
    expect(again.phases.chart).toBeUndefined();
    expect(again.phases.db).toBeUndefined();
    expect(again.phases.pool).toBeUndefined();
    expect(again.main).toBe(list.main);
  }, 120_000);

  it("gives a board member the board's landing view, never the manager's list", async () => {
    await page(manager, '/reports'); // the manager's list is cached
    const board = await page(await s.as('board'), '/reports');
    expect(board.main).toContain('No board pack has been approved yet');
    expect(board.main).not.toContain('October 2026</a>');
  }, 120_000);
});
