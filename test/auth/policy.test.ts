/**
 * The role x route matrix, deny by default. Every route of the access policy (stub handlers
 * for routes other modules serve, the real admin and audit routers) is requested as each role
 * and anonymously, and the whole matrix of who gets through is checked against the table
 * below, written from the product's roles, not from the policy. Also: every rule of the
 * policy is exercised, and requests no rule names are denied even to admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessPolicy, compilePolicy, mayAccess, ruleFor, safeNext, type Role } from '../../server/auth/index.ts';
import { STUB_ROUTES, startAuthApp, type AuthApp, type Client } from './authApp.ts';

const A = 'admin';
const M = 'manager';
const B = 'board';
type Row = readonly [method: string, path: string, allowed: readonly Role[] | 'public'];

// Who may do what (PRODUCT.md roles). The board sees metric definitions and approved packs
// (2026-09 is approved in the test app, 2026-10 is not), never a dashboard with free filters
// (issue 11 item 2: differencing); at '/' it is sent to the packs (tested below).
const MATRIX: readonly Row[] = [
  ['GET', '/', [A, M]],
  ['GET', '/?period=month&month=2026-10', [A, M]],
  ['GET', '/financial', [A, M]],
  ['GET', '/collections', [A, M]],
  ['GET', '/staffing', [A, M]],
  ['GET', '/metrics', [A, M, B]],
  ['GET', '/api/metrics', [A, M, B]],
  ['GET', '/api/dashboards/overview/kpis.csv', [A, M]],
  ['GET', '/api/dashboards/overview/kpis.json', [A, M]],
  ['GET', '/api/dashboards/financial/payer-mix.csv', [A, M]],
  ['GET', '/api/dashboards/collections/ar-aging.arrow', [A, M]],
  ['GET', '/api/dashboards/staffing/pay-by-class.json', [A, M]],
  ['GET', '/why/net_payments?month=2026-10&compare=yoy', [A, M]],
  // At one month: the board too, for an approved pack's month only (read at the pack's grain).
  ['GET', '/why/visits/2026-09?compare=prior', [A, M, B]],
  ['GET', '/why/visits/2026-10', [A, M]],
  ['GET', '/account/password', [A, M, B]],
  ['GET', '/account/mfa', [A, M, B]], // every role may enrol in multi-factor sign-in
  ['GET', '/reports', [A, M, B]],
  ['GET', '/reports/2026-09.pdf', [A, M, B]],
  ['GET', '/reports/2026-09.html', [A, M, B]],
  ['GET', '/reports/2026-10.pdf', [A, M]],
  ['GET', '/reports/2026-10', [A, M]],
  ['GET', '/reports/latest.pdf', [A, M]],
  ['POST', '/reports/2026-10/commentary', [A, M]],
  ['POST', '/reports/2026-09/approve', [A, M]],
  ['GET', '/etl', [A]],
  ['GET', '/etl/rejects/run-1', [A]],
  ['GET', '/admin/users', [A]],
  ['GET', '/admin/jobs', [A]],
  ['POST', '/admin/jobs/inbox-scan/run', [A]],
  ['GET', '/admin/settings', [A]],
  ['POST', '/etl/scan', [A]],
  ['GET', '/upload', [A]],
  ['POST', '/upload', [A]],
  ['GET', '/api/profiles', [A]],
  ['POST', '/api/profiles/suggest', [A]],
  ['GET', '/audit', [A]],
  ['GET', '/audit/export.csv', [A]],
  ['GET', '/audit/head.json', [A]],
  ['GET', `/audit/check?seq=1&hash=${'0'.repeat(64)}`, [A]],
  ['GET', '/healthz', 'public'],
  ['GET', '/assets/upload.js', 'public'],
  ['GET', '/internal/etl/status', 'public'], // its own bearer-token guard, no session
  ['POST', '/internal/etl/run', 'public'],
  ['GET', '/secret', []],
  ['POST', '/', []],
  ['DELETE', '/reports/2026-09', []],
  ['PATCH', '/financial', []],
];

let t: AuthApp;
let clients: Record<Role | 'anonymous', Client>;
beforeAll(async () => {
  t = await startAuthApp();
  clients = { admin: await t.as('admin'), manager: await t.as('manager'), board: await t.as('board'), anonymous: t.client() };
});
afterAll(async () => {
  await t.close();
});

/** What a request by `who` should get: 200 through, else the denial for its kind. */
function expected(who: Role | 'anonymous', [method, path, allowed]: Row): number {
  if (allowed === 'public' || (who !== 'anonymous' && allowed.includes(who))) return 200;
  if (who === 'board' && method === 'GET' && new URL(path, 'http://x').pathname === '/') return 303; // home: the packs
  // An address no rule names is not a page: 404 to a signed-in user (issue 13), not a refusal.
  if (who !== 'anonymous') return path === '/secret' ? 404 : 403;
  return method === 'GET' && !path.startsWith('/api/') ? 302 : 401;
}

describe('access policy', () => {
  it('lets exactly the allowed roles through on every route, and no one else', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const row of MATRIX) {
      for (const who of ['anonymous', A, M, B] as const) {
        const c = clients[who];
        const [method, path] = row;
        const res = method === 'GET' ? await c.get(path) : await c.request(method, path, { form: { _csrf: c.csrf } });
        got.push(`${who} ${method} ${path} -> ${res.status}`);
        want.push(`${who} ${method} ${path} -> ${expected(who, row)}`);
        // Back to the page after signing in; an address no rule names leads home instead (no next).
        if (res.status === 302) expect(res.headers.get('location')).toBe(path === '/secret' ? '/signin' : `/signin?next=${encodeURIComponent(path)}`);
        if (res.status === 401 && path.startsWith('/api/')) expect(await res.json()).toEqual({ error: 'Sign in first.' });
        if (res.status === 403) expect(await res.text()).toMatch(/Your role does not give access|has not been approved/);
      }
    }
    expect(got).toEqual(want);
  });

  it('exercises every rule of the policy and every stub route', () => {
    const compiled = compilePolicy(accessPolicy);
    const used = new Set(MATRIX.map(([m, p]) => ruleFor(compiled, m, new URL(p, 'http://x').pathname)?.rule));
    // The password form: passwordChange.test.ts; the second step and the enrolment form, which
    // answer a bare request with a redirect or 400: mfa.test.ts and mfaPolicy.test.ts.
    const elsewhere = (r: (typeof accessPolicy)[number]) =>
      ['/signin', '/signout', '/account/password', '/signin/mfa'].includes(r.path) || (r.path === '/account/mfa' && r.method === 'POST');
    expect(accessPolicy.filter((r) => !used.has(r) && !elsewhere(r))).toEqual([]);
    for (const [method, path] of STUB_ROUTES) {
      const pattern = compilePolicy([{ method: method.toUpperCase() as 'GET' | 'POST', path, allow: 'public' }]);
      expect(MATRIX.some(([m, p]) => ruleFor(pattern, m, new URL(p, 'http://x').pathname)), `${method} ${path}`).toBe(true);
    }
  });

  it('denies what no rule names, even to an admin, and treats HEAD as GET', async () => {
    expect((await clients.admin.get('/no/such/page')).status).toBe(404); // an address no rule names is not a page (issue 13)
    expect((await clients.admin.request('OPTIONS', '/financial')).status).toBe(403);
    expect((await clients.board.request('HEAD', '/financial')).status).toBe(403);
    expect((await clients.manager.request('HEAD', '/financial')).status).toBe(200);
    expect((await t.client().request('POST', '/signout')).status).toBe(401);
  });

  it('answers "may this role go there" for navigation links', () => {
    const nav = ['/', '/financial', '/collections', '/staffing', '/metrics', '/etl', '/reports', '/admin/users', '/audit'];
    const links = (role: Role) => nav.filter((p) => mayAccess(role, 'GET', p));
    expect(links('board')).toEqual(['/metrics', '/reports']);
    expect(links('manager')).toEqual(['/', '/financial', '/collections', '/staffing', '/metrics', '/reports']);
    expect(links('admin')).toEqual(nav);
  });

  it('sends people back only to local paths after sign-in', () => {
    expect(safeNext('/financial?period=month')).toBe('/financial?period=month');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});
