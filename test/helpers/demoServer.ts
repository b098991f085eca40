/**
 * The real app over a small demo practice (test/helpers/appServer.ts) with the jobs wired and
 * cheap password hashing, plus an admin signed in: `get`/`post` act as the admin; `as(role)`
 * gives a client of another role.
 */
import type { App } from '../../server/app.ts';
import type { Role } from '../../server/auth/index.ts';
import type { Context } from '../../server/context.ts';
import type { Scheduling } from '../../server/scheduling.ts';
import { TEST_PARAMS, type Client } from '../auth/authApp.ts';
import { APP_NOW, APP_PASSWORD, startAppServer } from './appServer.ts';

export const FIXED_NOW = APP_NOW;
export const PASSWORD = APP_PASSWORD;

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
  const s = await startAppServer({
    months,
    passwordParams: TEST_PARAMS,
    scheduling: true,
    ...(overrides.uploadMegabytes !== undefined ? { configure: (c) => ({ ...c, upload: { maxMegabytes: overrides.uploadMegabytes! } }) } : {}),
  });
  const admin = await s.as('admin');
  const cookie = () => [...admin.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    base: s.base,
    ctx: s.ctx,
    app: s.app,
    scheduling: s.scheduling!,
    get: (path) => fetch(s.base + path, { headers: { cookie: cookie() } }),
    post: (path, body, headers = {}) => fetch(s.base + path, { method: 'POST', body, headers: { cookie: cookie(), 'x-csrf-token': admin.csrf, ...headers }, redirect: 'manual' }),
    as: (role) => s.as(role),
    close: () => s.close(),
  };
}
