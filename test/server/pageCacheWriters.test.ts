/**
 * No stale page after any writer (server/cache/writeVersion.ts): over the real app on loopback,
 * a page served from the cache before a write is, after it, exactly what a router with an empty
 * cache builds from the warehouse (the slow path, a second app over the same warehouse), and it
 * differs from before when the write changed what it shows. Every writer path: the scheduler's
 * inbox scan, "scan now", the command line's hand-off (the loopback API), an upload, a corrected
 * file, the rollups' rebuild, a pack's approval and commentary, the settings. A sign-in (the
 * users' bookkeeping, which no cached page shows) keeps the pages.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../core/pool.ts';
import { practiceClock } from '../../core/clock.ts';
import { PracticeBoardError } from '../../core/errors.ts';
import { dashboardRoutes } from '../../server/routes/dashboards.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { internalApi } from '../../server/internalApi.ts';
import { requestContext } from '../../server/requestContext.ts';
import { rebuildWarehouse } from '../../server/commands/warehouse.ts';
import { writeVersionOf } from '../../server/cache/writeVersion.ts';
import { startDemoServer, FIXED_NOW, type DemoServer } from '../helpers/demoServer.ts';
import { listenLoopback } from '../helpers/loopback.ts';
import { csv } from '../helpers/rows.ts';

const TOKEN = 'page-cache-writers-test-token';
let s: DemoServer;
let pool: ConnectionPool;
let slow: { server: Server; base: string };
let internal: { server: Server; base: string };

beforeAll(async () => {
  s = await startDemoServer(3);
  pool = new ConnectionPool(s.ctx.warehouse, 1);
  const today = practiceClock(s.ctx.config.timezone, () => FIXED_NOW).today;
  // The slow path: every request a router with an empty cache and the version read by a statement.
  const app = express();
  app.use((_req, res, next) => {
    res.locals.auth = { userId: 'u-admin', username: 'admin1', displayName: 'Test admin', role: 'admin', sessionKey: 'k' };
    res.locals.csrfToken = 't';
    next();
  });
  app.use(requestContext);
  app.use((req, res, next) => dashboardRoutes({ pool, today, timezone: s.ctx.config.timezone })(req, res, next));
  app.use((req, res, next) => reportRoutes({ pool, today, now: () => FIXED_NOW, practiceName: s.ctx.config.practiceName, timezone: s.ctx.config.timezone })(req, res, next));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err instanceof PracticeBoardError && err.status !== undefined ? err.status : 500).send(String(err));
  });
  slow = await listenLoopback(app);
  // The command line's hand-off: the loopback API the server mounts with its token.
  const api = express();
  api.use('/internal', internalApi(s.ctx, TOKEN, { now: () => FIXED_NOW }));
  internal = await listenLoopback(api);
}, 180_000);
afterAll(async () => {
  await new Promise((r) => slow?.server.close(r));
  await new Promise((r) => internal?.server.close(r));
  pool?.close();
  await s?.close();
});

const mainOf = (page: string): string => {
  const main = /<main[\s\S]*<\/main>/.exec(page)?.[0];
  if (!main) throw new Error('no <main>');
  return main;
};
/** The page as the app serves it (the second time: from its cache when it kept it). */
async function served(path: string): Promise<string> {
  const res = await s.get(path);
  expect(res.status).toBe(200);
  return mainOf(await res.text());
}
async function slowPath(path: string): Promise<string> {
  const res = await fetch(slow.base + path);
  expect(res.status).toBe(200);
  return mainOf(await res.text());
}

let txn = 0;
/** A billing file with one charge of `amount` posted in October 2026 (the pages' default month). */
const charge = (amount: string) => csv('billing', [{ transaction_id: `CACHE-T${++txn}`, claim_id: `CACHE-C${txn}`, service_date: '2026-10-20', post_date: '2026-10-20', txn_type: 'charge', amount_usd: amount }]);
/** A file delivered to the billing inbox a minute ago (settled: a scan loads it). */
function inboxFile(name: string, text: string): void {
  const path = join(s.ctx.config.paths.inbox, 'billing', name);
  writeFileSync(path, text);
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
}
/** A form POSTed as the admin (urlencoded, as the browser sends it). */
const posted = (path: string, fields: Record<string, string>) => s.post(path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
function form(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set('file', new Blob([file.text], { type: 'text/csv' }), file.name);
  return f;
}

/**
 * Serves `path` twice (kept), runs `write`, then checks the page served is the slow path's and
 * (when `changes`) not the one before; and that the version moved.
 */
async function afterWrite(path: string, write: () => Promise<unknown>, changes = true): Promise<void> {
  await served(path);
  const before = await served(path);
  const v0 = s.ctx.writes.current();
  await write();
  expect(s.ctx.writes.current()).not.toBe(v0);
  const after = await served(path);
  expect(after).toBe(await slowPath(path));
  if (changes) expect(after).not.toBe(before);
}

describe('a page after each writer', () => {
  it("is the server's warehouse's version, tracked from the start", () => {
    expect(writeVersionOf(s.ctx.warehouse)).toBe(s.ctx.writes);
  });

  it('the scheduler’s inbox scan', async () => {
    await afterWrite('/financial', async () => {
      inboxFile('scheduled.csv', charge('1234.56'));
      await s.scheduling.scheduler.runNow('inbox-scan').done;
    });
  }, 120_000);

  it('"scan now"', async () => {
    await afterWrite('/', async () => {
      inboxFile('scan-now.csv', charge('2345.67'));
      expect((await posted('/etl/scan', {})).status).toBeLessThan(400);
    });
  }, 120_000);

  it("the command line's hand-off to the running server", async () => {
    await afterWrite('/collections', async () => {
      inboxFile('cli.csv', charge('3456.78'));
      const res = await fetch(`${internal.base}/internal/etl/run`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ files: [{ source: 'billing', name: 'cli.csv' }] }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { reports: { status: string }[] }).reports.map((r) => r.status)).toEqual(['loaded']);
    });
  }, 120_000);

  it('an upload, and the correction of its rejected row', async () => {
    let runId = '';
    await afterWrite('/financial', async () => {
      // 39 charges of 45.67 and one with an impossible post date (under the reject threshold).
      const rows = Array.from({ length: 40 }, (_, i) => ({ transaction_id: `CACHE-U${i}`, claim_id: `CACHE-CU${i}`, service_date: '2026-10-21', post_date: i === 7 ? '2026-02-30' : '2026-10-21', txn_type: 'charge', amount_usd: '45.67' }));
      const res = await s.post('/upload', form({ source: 'billing' }, { name: 'upload.csv', text: csv('billing', rows) }), { accept: 'application/json' });
      const body = (await res.json()) as { runId: string; rowsLoaded: number; rowsRejected: number };
      expect(body).toMatchObject({ rowsLoaded: 39, rowsRejected: 1 });
      runId = body.runId;
    });
    await afterWrite('/financial', async () => {
      const fixed = csv('billing', [{ transaction_id: 'CACHE-U7', claim_id: 'CACHE-CU7', service_date: '2026-10-21', post_date: '2026-10-21', txn_type: 'charge', amount_usd: '45.67' }]);
      expect((await s.post(`/etl/runs/${runId}/correct`, form({}, { name: 'fixed.csv', text: fixed }))).status).toBe(303);
    });
  }, 120_000);

  it('the rollups’ rebuild (the same numbers, a new version)', async () => {
    await afterWrite('/staffing', () => rebuildWarehouse(s.ctx), false);
  }, 120_000);

  it("a pack's commentary and approval (/reports)", async () => {
    await afterWrite('/reports', () => posted('/reports/2026-10/commentary', { section: 'overview', text: 'A note for the board.' }), false);
    await afterWrite('/reports', async () => {
      expect((await posted('/reports/2026-10/approve', { confirm: '1' })).status).toBe(303);
    });
  }, 120_000);

  it('the settings', async () => {
    await afterWrite('/', async () => {
      expect((await posted('/admin/settings', { practiceName: 'Cache Test Practice' })).status).toBe(303);
    }, false);
  }, 120_000);

  it('keeps the pages over a sign-in (which writes only what no cached page reads)', async () => {
    await served('/financial');
    const v0 = s.ctx.writes.current();
    await s.as('manager');
    expect(s.ctx.writes.current()).toBe(v0);
  }, 120_000);
});
