/**
 * The draft pack is built once per data version, month and audience, over the 3-month demo
 * (August to October 2026), through the real pack and upload routes wired as server/app.ts
 * wires them (draftPacks: the cache, and its warm-up after the load's detection step). Builds
 * are counted through buildPackModel's hook (onPackBuild), so a rebuild anywhere shows:
 * - a second view of a draft month, and its PDF and offline HTML, build nothing more;
 * - an upload of one charge changes the version: the model is built again (by the warm-up after
 *   the load, which the view joins or finds) and the page shows the new figure;
 * - an approved month's restatement, recorded by the load's detection step, shows on its page,
 *   and reading it builds nothing, even after a load that ran no detection step (a duplicate;
 *   its run moves the data version, so the latest draft is warmed again after it);
 * - a board build and a staff build are never shared.
 * Expected figures: October's and September's gross charges read from the ledger by SQL,
 * formatted by hand.
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PracticeBoardError } from '../../core/errors.ts';
import { ConnectionPool } from '../../core/pool.ts';
import { onPackBuild, type PackOptions } from '../../reports/build.ts';
import type { Role } from '../../server/auth/index.ts';
import { draftPacks } from '../../server/cache/packWarm.ts';
import type { PackWarmer } from '../../server/cache/packWarm.ts';
import { requestContext } from '../../server/requestContext.ts';
import { reportRoutes } from '../../server/routes/reports.ts';
import { uploadRoutes } from '../../server/routes/upload.ts';
import { NOW, openDemo, PRACTICE, TODAY, type Demo } from './demo.ts';
import { listenLoopback } from '../helpers/loopback.ts';

const HEADER = 'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code\n';
const OCT_CHARGE = HEADER + 'T9500000001,C950000001,1,P9500001,PRV002,NGT,KMU,commercial,99214,1,2026-10-20,2026-10-21,charge,250.00,,,\n';
const SEP_CHARGE = HEADER + 'T9500000002,C950000002,1,P9500002,PRV002,NGT,KMU,commercial,99214,1,2026-09-20,2026-09-21,charge,125.00,,,\n';

let demo: Demo;
let server: Server;
let pool: ConnectionPool;
let warmer: PackWarmer;
let base: string;
let role: Role = 'manager';
const builds: PackOptions[] = [];
let stopCounting: () => void = () => undefined;

beforeAll(async () => {
  demo = await openDemo();
  pool = new ConnectionPool(demo.ctx.warehouse, 2);
  stopCounting = onPackBuild((o) => builds.push(o));
  const drafts = draftPacks(demo.ctx, pool, { today: () => TODAY, now: () => NOW, practiceName: () => PRACTICE, timezone: 'UTC' });
  warmer = drafts.warmer;
  const app = express();
  app.use((_req, res, next) => {
    res.locals.auth = { userId: `u-${role}`, username: role, displayName: role === 'board' ? 'Board Member' : 'Dana Reyes', role, sessionKey: 'test' };
    res.locals.csrfToken = 'test-csrf-token'; // no CSRF check is mounted here; forms still carry a field
    next();
  });
  app.use(requestContext);
  app.use(reportRoutes({ pool, today: () => TODAY, now: () => NOW, practiceName: PRACTICE, packs: drafts.packs }));
  app.use(uploadRoutes({ ctx: demo.ctx, now: () => NOW }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const http = err instanceof PracticeBoardError && err.status !== undefined ? err : undefined;
    res.status(http?.status ?? 500).type('text').send(http?.message ?? String(err));
  });
  ({ server, base } = await listenLoopback(app));
}, 180_000);
afterAll(async () => {
  stopCounting();
  await warmer?.idle();
  await new Promise((r) => server?.close(r));
  pool?.close();
  demo?.close();
});

const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, text: await res.text() };
};
const upload = async (name: string, csv: string) => {
  const f = new FormData();
  f.set('source', 'billing');
  f.set('file', new Blob([csv], { type: 'text/csv' }), name);
  const res = await fetch(`${base}/upload`, { method: 'POST', body: f, headers: { accept: 'application/json' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { status: string }).status;
};
const buildsOf = (month: string) => builds.filter((b) => b.month === month).length;
const sql = (q: string) => pool.use(async (c) => String((await c.runAndReadAll(q)).getRows()[0]![0]));
const charges = (from: string, to: string) => sql(`SELECT sum(amount_usd)::VARCHAR FROM fact_billing_txn WHERE txn_type = 'charge' AND post_date BETWEEN DATE '${from}' AND DATE '${to}'`);
/** '1234567.50' as the pack writes money: '$1,234,567.50'. */
const money = (usd: string) => `$${usd.split('.')[0]!.replace(/\B(?=(\d{3})+$)/g, ',')}.${(usd.split('.')[1] ?? '').padEnd(2, '0')}`;
/** The gross charges the page's headline table shows. */
const grossOnPage = (page: string) => /<th scope="row">Gross charges<\/th><td class="num">([^<]+)<\/td>/.exec(page)?.[1];

describe('the draft pack, kept per data version', () => {
  it('builds a draft month once: a second view, its PDF and its offline HTML build nothing more', async () => {
    role = 'manager';
    const first = await get('/reports/2026-10');
    expect(first.status).toBe(200);
    expect(grossOnPage(first.text)).toBe(money(await charges('2026-10-01', '2026-10-31')));
    expect(buildsOf('2026-10')).toBe(1);
    const again = await get('/reports/2026-10');
    expect(grossOnPage(again.text)).toBe(grossOnPage(first.text));
    for (const path of ['/reports/2026-10.pdf?size=letter', '/reports/2026-10.pdf?size=letter', '/reports/2026-10.pdf?size=a4', '/reports/2026-10.html']) {
      expect((await fetch(base + path)).status, path).toBe(200);
    }
    expect(buildsOf('2026-10')).toBe(1);
  }, 300_000);

  it('builds it again after a load (the warm-up after the load, which the view finds) and shows the new figure', async () => {
    role = 'manager';
    const before = await charges('2026-10-01', '2026-10-31');
    expect(await upload('late-oct.csv', OCT_CHARGE)).toBe('loaded');
    const after = await charges('2026-10-01', '2026-10-31');
    expect(Math.round(Number(after) * 100) - Math.round(Number(before) * 100)).toBe(25_000);
    await warmer.idle();
    expect(buildsOf('2026-10')).toBe(2);
    const page = await get('/reports/2026-10');
    expect(grossOnPage(page.text)).toBe(money(after));
    expect(buildsOf('2026-10')).toBe(2);
  }, 300_000);

  it('shows an approved month\'s restatement recorded by the load\'s detection step, building nothing to read it', async () => {
    role = 'manager';
    const approved = await fetch(`${base}/reports/2026-09/approve`, { method: 'POST', body: new URLSearchParams({ confirm: '1' }), redirect: 'manual' });
    expect(approved.status).toBe(303);
    const old = await charges('2026-09-01', '2026-09-30');
    expect(await upload('late-sep.csv', SEP_CHARGE)).toBe('loaded');
    const now = await charges('2026-09-01', '2026-09-30');
    await warmer.idle();
    const line = `Restatement: Gross charges for September 2026 was ${money(old)}, now ${money(now)}`;
    const n = builds.length;
    expect((await get('/reports/2026-09')).text).toContain(line);
    role = 'board';
    expect((await get('/reports/2026-09')).text).toContain(line);
    expect(builds.length).toBe(n);
    // A load that changed nothing (the same bytes again) runs no detection step; reading the
    // approved month still compares nothing and builds nothing.
    role = 'manager';
    const [sep, oct] = [buildsOf('2026-09'), buildsOf('2026-10')];
    expect(await upload('late-sep-again.csv', SEP_CHARGE)).toBe('duplicate');
    await warmer.idle();
    expect((await get('/reports/2026-09')).text).toContain(line);
    expect((await fetch(`${base}/reports/2026-09.pdf?size=a4`)).status).toBe(200);
    expect(buildsOf('2026-09')).toBe(sep);
    // The run moved the data version: the latest draft is warmed again, after the load, not on read.
    expect(buildsOf('2026-10')).toBe(oct + 1);
  }, 300_000);

  it('never serves one audience\'s draft to another: the board\'s is built apart from the staff\'s', async () => {
    role = 'manager';
    expect((await get('/reports/2026-10.html')).status).toBe(200);
    const staff = buildsOf('2026-10');
    // The access policy keeps the board from drafts in the app; the bare router shows the cache's key.
    role = 'board';
    expect((await fetch(`${base}/reports/2026-10.pdf?size=letter`)).status).toBe(200);
    expect(buildsOf('2026-10')).toBe(staff + 1);
    expect((await get('/reports/2026-10.html')).status).toBe(200);
    expect(buildsOf('2026-10')).toBe(staff + 1);
    role = 'manager';
    expect((await get('/reports/2026-10.html')).status).toBe(200);
    expect(buildsOf('2026-10')).toBe(staff + 1);
  }, 300_000);
});
