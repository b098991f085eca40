/**
 * The real app over a small demo practice (3 months ending 2026-10), loaded once per test file,
 * listening on loopback with a fixed clock (2026-11-15), with one signed-in user per role.
 * `get`/`post` act as the admin; `as(role)` gives a client of another role.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../server/app.ts';
import { createAuth, hashPassword, type Role } from '../../server/auth/index.ts';
import { insertUser } from '../../server/auth/users.ts';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { ConnectionPool } from '../../server/dbPool.ts';
import { createLogger } from '../../server/log.ts';
import { createScheduling, type Scheduling } from '../../server/scheduling.ts';
import { Client, TEST_PARAMS } from '../auth/authApp.ts';

export const FIXED_NOW = new Date('2026-11-15T15:00:00Z');
export const PASSWORD = 'correct horse battery staple';

export interface DemoServer {
  readonly base: string;
  readonly ctx: Context;
  readonly app: App;
  /** The jobs, wired as in server/main.ts but not started (no timers). */
  readonly scheduling: Scheduling;
  /** GET as the admin. */
  get(path: string): Promise<Response>;
  /** POST as the admin (CSRF token sent in its header); redirects are not followed. */
  post(path: string, body: FormData | string, headers?: Record<string, string>): Promise<Response>;
  /** A client signed in with `role`. */
  as(role: Role): Promise<Client>;
  close(): Promise<void>;
}

export async function startDemoServer(months = 3, overrides: { uploadMegabytes?: number } = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-http-'));
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
  const config = { ...base, demo: { ...base.demo, months }, upload: { maxMegabytes: overrides.uploadMegabytes ?? base.upload.maxMegabytes } };
  const ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
  await loadDemoIfEmpty(ctx);
  const authDb = new ConnectionPool(ctx.warehouse, 1);
  for (const role of ['admin', 'manager', 'board'] as const) {
    const passwordHash = await hashPassword(PASSWORD, TEST_PARAMS);
    await authDb.use((c) => insertUser(c, { username: `${role}1`, displayName: `Test ${role}`, role, passwordHash, now: FIXED_NOW }));
  }
  const now = () => FIXED_NOW;
  const auth = await createAuth({ db: authDb, now, passwordParams: TEST_PARAMS });
  // The jobs are wired as in server/main.ts (mail to the outbox), but not started: no timers run.
  const pool = new ConnectionPool(ctx.warehouse, 4);
  const scheduling = createScheduling(ctx, pool, now);
  const app = await createApp(ctx, { now, auth, pool, scheduler: scheduling.scheduler });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const as = async (role: Role) => {
    const c = new Client(url);
    const res = await c.signIn(`${role}1`, PASSWORD);
    if (res.status !== 303) throw new Error(`sign-in as ${role} answered ${res.status}`);
    return c;
  };
  const admin = await as('admin');
  const cookie = () => [...admin.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    base: url,
    ctx,
    app,
    scheduling,
    get: (path) => fetch(url + path, { headers: { cookie: cookie() } }),
    post: (path, body, headers = {}) => fetch(url + path, { method: 'POST', body, headers: { cookie: cookie(), 'x-csrf-token': admin.csrf, ...headers }, redirect: 'manual' }),
    as,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await scheduling.scheduler.idle();
      scheduling.mailer.close();
      app.close();
      pool.close();
      authDb.close();
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
