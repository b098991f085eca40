/**
 * A real Express app on 127.0.0.1 with the auth and audit middleware mounted in the order the
 * server uses (docs/security.md), the sign-in and admin routers, and stub handlers for every
 * other route of the access policy. A temporary warehouse, a fake clock that tests move, one
 * user per role, and a cookie-keeping client that signs in through the form.
 */
import type { Server } from 'node:http';
import express, { type NextFunction, type Request as Req, type Response as Res } from 'express';
import { auditRequests, type AuditRequests } from '../../server/audit/requests.ts';
import { ConnectionPool } from '../../core/pool.ts';
import { escapeHtml } from '../../server/views/layout.ts';
import { HttpError } from '../../core/errors.ts';
import { accessPolicy, authorize, bodyErrors, bodyParsers, createAuth, csrfProtection, csrfToken, mfaKeyFile, securityHeaders, type Auth, type AuthOptions, type Role } from '../../server/auth/index.ts';
import { hashPassword, type PasswordParams } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/users.ts';
import { adminRoutes } from '../../server/routes/admin.ts';
import { authRoutes, signOutForm } from '../../server/routes/auth.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { requestContext } from '../../server/requestContext.ts';

/** Cheap scrypt for tests (N = 2^10); the real parameters are tested in password.test.ts. */
export const TEST_PARAMS: PasswordParams = { logN: 10, r: 8, p: 1, saltBytes: 32, keyBytes: 32 };
export const T0 = new Date('2026-11-15T15:00:00Z');
export const PASSWORDS: Record<Role, string> = { admin: 'admin-password-123', manager: 'manager-password-123', board: 'board-password-123' };
/** The month whose board pack the stub reports module calls approved. */
export const APPROVED_MONTH = '2026-09';

/** Stub routes for every route of the policy that another module serves. */
export const STUB_ROUTES: readonly (readonly ['get' | 'post', string])[] = [
  ['get', '/'],
  ['get', '/financial'],
  ['get', '/collections'],
  ['get', '/staffing'],
  ['get', '/metrics'],
  ['get', '/api/metrics'],
  ['get', '/api/dashboards/:page/:file'],
  ['get', '/why/:metricId'],
  ['get', '/why/:metricId/:month'],
  ['get', '/reports'],
  ['get', '/reports/:month{.:format}'],
  ['post', '/reports/:month/commentary'],
  ['post', '/reports/:month/approve'],
  ['get', '/etl'],
  ['get', '/etl/rejects/:run'],
  ['get', '/admin/jobs'],
  ['post', '/admin/jobs/:id/run'],
  ['get', '/admin/settings'],
  ['get', '/upload'],
  ['post', '/upload'],
  ['get', '/api/profiles'],
  ['post', '/api/profiles/suggest'],
  ['post', '/etl/scan'],
  ['get', '/assets/upload.js'],
  ['get', '/healthz'],
  ['get', '/internal/etl/status'],
  ['post', '/internal/etl/run'],
  ['get', '/secret'],
  ['post', '/'],
];

export class Clock {
  #t = T0.getTime();
  now = () => new Date(this.#t);
  advance(ms: number): void {
    this.#t += ms;
  }
}

export class Client {
  readonly jar = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  async request(method: string, path: string, opts: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, headers ? { headers } : {});

  /** POST a form carrying this client's CSRF token unless the form names its own. */
  post = (path: string, form: Record<string, string> = {}) => this.request('POST', path, { form: { _csrf: this.csrf, ...form } });

  static tokenIn(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF field in the page');
    return m[1]!;
  }

  /** Sign in through the form; returns the POST's response. Picks up the session's CSRF token. */
  async signIn(username: string, password: string, next = '/'): Promise<Response> {
    const form = await this.get(`/signin?next=${encodeURIComponent(next)}`);
    const token = Client.tokenIn(await form.text());
    const res = await this.request('POST', '/signin', { form: { _csrf: token, username, password, next } });
    if (res.status === 303) {
      let home = await this.get('/');
      // A role whose home is elsewhere (the board: its packs) is sent there.
      // (and one who must set a password, to the form)
      for (let i = 0; i < 3 && home.status === 303; i += 1) home = await this.get(home.headers.get('location')!);
      this.csrf = Client.tokenIn(await home.text());
    }
    return res;
  }
}

export interface AuthApp {
  readonly base: string;
  readonly harness: Harness;
  readonly auth: Auth;
  readonly clock: Clock;
  readonly db: ConnectionPool;
  readonly audits: AuditRequests;
  readonly userIds: Record<Role, string>;
  client(): Client;
  /** A client signed in as the user of `role`. */
  as(role: Role): Promise<Client>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startAuthApp(opts: { secure?: boolean; auth?: Partial<AuthOptions> } = {}): Promise<AuthApp> {
  const harness = await openHarness();
  const clock = new Clock();
  const db = new ConnectionPool(harness.warehouse, 1);
  const userIds = {} as Record<Role, string>;
  for (const role of ['admin', 'manager', 'board'] as const) {
    const passwordHash = await hashPassword(PASSWORDS[role], TEST_PARAMS);
    userIds[role] = await db.use((c) => insertUser(c, { username: role, displayName: `The ${role}`, role, passwordHash, now: clock.now() }));
  }
  const auth = await createAuth({ db, now: clock.now, passwordParams: TEST_PARAMS, secureCookies: opts.secure ?? false, mfaKeyFile: mfaKeyFile(harness.dir), ...opts.auth });
  const audits = auditRequests({ db, now: clock.now, logger: { error: (obj, msg) => console.error(msg, obj) } });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders({ secure: opts.secure ?? false }));
  app.use(bodyParsers(), bodyErrors());
  app.use(auth.session);
  app.use(audits);
  app.use(authorize(accessPolicy, { isApprovedPack: async (month) => month === APPROVED_MONTH }));
  app.use(csrfProtection());
  app.use(requestContext);
  app.use(authRoutes(auth));
  app.use(adminRoutes(auth));
  for (const [method, path] of STUB_ROUTES) {
    app[method](path, (req: Req, res: Res) => {
      if (req.path.endsWith('.csv')) res.attachment('data.csv');
      res.type('html').send(`${signOutForm(res)}<p>stub ${escapeHtml(req.method)} ${escapeHtml(req.path)}</p><input type="hidden" name="_csrf" value="${escapeHtml(csrfToken(res))}">`);
    });
  }
  app.use((_req: Req, res: Res) => {
    res.status(404).send('not found');
  });
  // The contract of server/app.ts's error handler: a status and a safe message, never a stack.
  app.use((err: unknown, req: Req, res: Res, _next: NextFunction) => {
    const http = err instanceof HttpError ? err : undefined;
    const status = http?.status ?? 500;
    const message = http ? http.message : 'Something went wrong on the server; it has been logged.';
    if (req.path.startsWith('/api/')) res.status(status).json({ error: message });
    else res.status(status).type('html').send(`<h1>Error</h1><p>${escapeHtml(message)}</p>`);
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    base,
    harness,
    auth,
    clock,
    db,
    audits,
    userIds,
    client: () => new Client(base),
    async as(role) {
      const c = new Client(base);
      const res = await c.signIn(role, PASSWORDS[role]);
      if (res.status !== 303) throw new Error(`sign-in as ${role} failed with ${res.status}`);
      return c;
    },
    rows: async (sql) => {
      await audits.settled();
      return db.use(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);
    },
    async close() {
      await new Promise((r) => server.close(r));
      await audits.settled();
      db.close();
      harness.close();
    },
  };
}
