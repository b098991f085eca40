/**
 * Every route the real app serves, enumerated from its router, requested as each role and
 * anonymously: what the access policy allows is served, everything else is refused (403 for a
 * signed-in user, the sign-in page or 401 for anonymous). Deny by default: a route missing from
 * the policy is refused to everyone. A traversal attempt by a signed-in user fails and is audited.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mayAccess, type Role } from '../../server/auth/index.ts';
import type { Client } from '../auth/authApp.ts';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
const clients = {} as Record<Role, Client>;
beforeAll(async () => {
  s = await startDemoServer();
  for (const role of ['admin', 'manager', 'board'] as const) clients[role] = await s.as(role);
}, 120_000);
afterAll(() => s.close());

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Method and path of every route in the app's router tree. */
function routes(): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push({ method: m.toUpperCase(), path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((s.app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** A concrete address for a route pattern. */
const concrete = (path: string) =>
  path
    .replace(':page', 'overview')
    .replace(':file', path.startsWith('/reports') ? '2026-10.html' : 'charges-and-collections.json')
    .replace(':month', '2026-10')
    .replace(':run', 'r20261101-120000-abcdef')
    .replace(':id', 'no-such-job')
    .replace(/:[a-z]+/gi, 'x');

const refused = (status: number, anonymous: boolean) => (anonymous ? [302, 401, 403] : [403]).includes(status);

describe('the route x role matrix of the real app', () => {
  it('serves what the policy allows and refuses the rest, for every route and role', async () => {
    // Signing out (or in again) would change who the client is: those have tests of their own (test/auth).
    const all = routes().filter((r) => !r.path.startsWith('/internal') && r.path !== '/signout' && !(r.path === '/signin' && r.method === 'POST'));
    expect(all.length).toBeGreaterThan(30);
    // Multi-factor sign-in's routes are in the matrix (the second step, enrolment, reset, setting).
    const names = all.map((r) => `${r.method} ${r.path}`);
    for (const r of ['GET /signin/mfa', 'POST /signin/mfa', 'GET /account/mfa', 'POST /account/mfa', 'POST /admin/users/:id/mfa/reset', 'POST /admin/settings/mfa']) expect(names).toContain(r);
    const mismatches: string[] = [];
    for (const { method, path } of all) {
      const url = concrete(path);
      for (const who of ['admin', 'manager', 'board', 'anonymous'] as const) {
        const anonymous = who === 'anonymous';
        // A board member reaches a month's pack (and its why views) only once it is approved (none is, here).
        const unapprovedPack = who === 'board' && /^\/(?:reports|why\/[^/]+)\/\d{4}-\d{2}/.test(url);
        const allowed = !anonymous ? mayAccess(who, method, url) && !unapprovedPack : ['/signin', '/signin/mfa', '/healthz'].includes(url) || url.startsWith('/assets/');
        const res = anonymous
          ? await fetch(s.base + url, { method, redirect: 'manual' })
          : method === 'GET'
            ? await clients[who].get(url)
            : await clients[who].request(method, url, { headers: { 'x-csrf-token': clients[who].csrf } });
        await res.arrayBuffer();
        // The board's home is its packs: '/' sends it there rather than refusing.
        const sentHome = who === 'board' && method === 'GET' && url === '/' && res.status === 303 && res.headers.get('location') === '/reports';
        const wasRefused = sentHome || (refused(res.status, anonymous) && !(res.status === 403 && allowed && method !== 'GET'));
        if (allowed === wasRefused) mismatches.push(`${who} ${method} ${url}: ${res.status} (policy ${allowed ? 'allows' : 'denies'})`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('holds the key rules of the roles', async () => {
    const status = async (role: Role, path: string) => (await clients[role].get(path)).status;
    expect(await status('board', '/')).toBe(303);
    for (const path of ['/financial', '/collections', '/staffing', '/etl', '/upload', '/admin/users', '/audit', '/api/dashboards/financial/mix-payer-class.csv']) {
      expect(await status('board', path), path).toBe(403);
    }
    for (const path of ['/etl', '/upload', '/admin/users', '/audit', '/admin/jobs']) expect(await status('manager', path), path).toBe(403);
    for (const path of ['/financial', '/reports/2026-10']) expect(await status('manager', path), path).toBe(200);
    expect((await fetch(`${s.base}/financial`, { redirect: 'manual' })).headers.get('location')).toContain('/signin');
    // Multi-factor sign-in: every role may enrol; only an admin resets or sets the requirement; anonymous, nothing but the second step.
    for (const role of ['admin', 'manager', 'board'] as const) expect(await status(role, '/account/mfa'), role).toBe(200);
    expect((await fetch(`${s.base}/account/mfa`, { redirect: 'manual' })).headers.get('location')).toBe('/signin?next=%2Faccount%2Fmfa');
    expect((await fetch(`${s.base}/signin/mfa`, { redirect: 'manual' })).headers.get('location')).toBe('/signin?ended=mfa');
    for (const role of ['manager', 'board'] as const) {
      expect((await clients[role].post('/admin/settings/mfa', { required: 'on' })).status, role).toBe(403);
      expect((await clients[role].post(`/admin/users/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/mfa/reset`)).status, role).toBe(403);
    }
    // An admin runs a job now (through the page's form), and sees it on the jobs page.
    expect(await status('admin', '/admin/jobs')).toBe(200);
    const run = await clients.admin.post('/admin/jobs/collections-summary/run');
    expect(run.status).toBe(303);
    await s.scheduling.scheduler.idle();
    const runs = await s.ctx.warehouse.use(async (c) => (await c.runAndReadAll("SELECT trigger, status FROM job_run WHERE job_id = 'collections-summary'")).getRows());
    expect(runs).toEqual([['manual', 'succeeded']]);
    // The board sees a pack once a manager has approved it.
    expect(await status('board', '/reports/2026-09.html')).toBe(403);
    const approve = await clients.manager.post('/reports/2026-09/approve', { confirm: '1' });
    expect(approve.status).toBe(303);
    expect(await status('board', '/reports/2026-09.html')).toBe(200);
    expect(await status('board', '/reports/2026-09.pdf')).toBe(200);
  });

  it('gives the board no free-filter view to difference suppressed counts with (issue 11 item 2)', async () => {
    // The attack: October for a provider is suppressed beside "prior period 15"; September to
    // October shows 20; so October is 5. Every view that takes a period, range or comparison.
    const manager = clients.manager;
    const listing = await manager.get('/api/dashboards/overview/no-such-section.json');
    const sections = /it has (.*)$/.exec(((await listing.json()) as { error: string }).error)![1]!.split(', ');
    expect(sections.length).toBeGreaterThan(0);
    const queries = ['period=month&month=2026-10', 'period=month&month=2026-09', 'period=custom&from=2026-09&to=2026-10', 'period=month&month=2026-10&compare=prior'];
    const urls = queries.flatMap((q) => [`/?${q}`, ...['overview', 'financial', 'collections', 'staffing'].flatMap((page) => sections.map((sec) => `/api/dashboards/${page}/${sec}.json?${q}`))]);
    const leaks: string[] = [];
    for (const url of urls) {
      const res = await clients.board.get(url);
      const body = await res.text();
      if (res.status === 200 || /"rows"/.test(body)) leaks.push(`${url}: ${res.status}`);
    }
    expect(leaks).toEqual([]);
    // The same addresses are real data views (a manager gets them).
    expect((await manager.get(`/api/dashboards/overview/${sections[0]}.json?${queries[2]}`)).status).toBe(200);
    const home = await clients.board.get('/?period=custom&from=2026-09&to=2026-10');
    expect([home.status, home.headers.get('location')]).toEqual([303, '/reports']);
  });

  it('fails and audits a traversal attempt by a signed-in user', async () => {
    const res = await clients.admin.get('/etl/runs/..%2F..%2Fetc%2Fpasswd');
    expect(res.status).toBe(404);
    // The entry is written when the response ends: wait for it (no fixed sleep).
    const rows = await vi.waitFor(
      async () => {
        const found = await s.ctx.warehouse.use(async (c) =>
          (await c.runAndReadAll("SELECT target, details FROM audit_log WHERE target LIKE '%etc%' ORDER BY seq DESC LIMIT 1")).getRowObjectsJS(),
        );
        expect(found).toHaveLength(1);
        return found;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(String(rows[0]!.details)).toContain('404');
  });
});
