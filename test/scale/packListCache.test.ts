/**
 * /reports served from its cache (server/cache/packList.ts) over the 3-month demo: a manager's
 * list and a board member's landing view are kept apart (never served to the other role); an
 * approval shows on the very next view of either, without a load; a load that widens what
 * billing covers shows a new month on the next view. The router is mounted on a bare app whose
 * signed-in role comes from a test header.
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../core/pool.ts';
import { PracticeBoardError } from '../../core/errors.ts';
import { requestContext } from '../../server/requestContext.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { isRole } from '../../server/auth/index.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from '../reports/demo.ts';
import { csv } from '../helpers/rows.ts';
import { listenLoopback } from '../helpers/loopback.ts';

let demo: Demo;
let server: Server;
let pool: ConnectionPool;
let base: string;

beforeAll(async () => {
  demo = await openDemo();
  pool = new ConnectionPool(demo.ctx.warehouse, 2);
  const app = express();
  app.use((req, res, next) => {
    const role = String(req.headers['x-test-role'] ?? 'manager');
    if (!isRole(role)) throw new Error(`no role ${role}`);
    res.locals.auth = { userId: `u-${role}`, username: role, displayName: role === 'manager' ? 'Dana Reyes' : 'Board Member', role, sessionKey: `test-${role}` };
    res.locals.csrfToken = 'test-csrf-token';
    next();
  });
  app.use(requestContext);
  app.use(reportRoutes({ pool, today: () => TODAY, now: () => NOW, practiceName: PRACTICE }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const http = err instanceof PracticeBoardError && err.status !== undefined ? err : undefined;
    res.status(http?.status ?? 500).json({ error: http?.message ?? String(err) });
  });
  ({ server, base } = await listenLoopback(app));
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  pool?.close();
  demo?.close();
});

async function view(role: 'manager' | 'board'): Promise<string> {
  const res = await fetch(`${base}/reports`, { headers: { 'x-test-role': role } });
  expect(res.status).toBe(200);
  return res.text();
}

const octoberRow = (page: string) => /October 2026<\/a><\/th><td>(\w+)<\/td><td>([^<]*)<\/td>/.exec(page)?.slice(1);

describe('/reports from its cache', () => {
  it('keeps the manager list and the board landing view apart, and shows an approval on the next view', async () => {
    // Twice each: the second view of each role is served from the cache.
    for (let i = 0; i < 2; i++) {
      expect(octoberRow(await view('manager'))).toEqual(['draft', 'Draft']);
      const board = await view('board');
      expect(board).toContain('No board pack has been approved yet');
      expect(board).not.toContain('October 2026</a>'); // never the manager's list
    }
    const approved = await fetch(`${base}/reports/2026-10/approve`, { method: 'POST', body: new URLSearchParams({ confirm: '1' }), redirect: 'manual' });
    expect(approved.status).toBe(303);
    const [state, approval] = octoberRow(await view('manager')) ?? [];
    expect(state).toBe('approved');
    expect(approval).toMatch(/^Approved by Dana Reyes, /);
    const board = await view('board');
    expect(board).toContain('<title>Board pack, October 2026');
    expect(board).not.toContain('No board pack has been approved yet');
  }, 180_000);

  it('shows a month that a load adds on the next view', async () => {
    expect(await view('manager')).not.toContain('July 2026');
    // One charge posted in July 2026: billing now starts in July, so July has a pack to offer.
    await demo.loadBilling('july-charge.csv', csv('billing', [{ transaction_id: 'LIST-T1', claim_id: 'LIST-C1', service_date: '2026-07-20', post_date: '2026-07-20', txn_type: 'charge', amount_usd: '100.00' }]));
    const page = await view('manager');
    expect(page).toMatch(/July 2026<\/a><\/th><td>draft<\/td>/);
    expect(octoberRow(page)?.[0]).toBe('approved');
  }, 180_000);
});
