/**
 * The real app over a small demo practice, as server/main.ts wires it, for end-to-end tests
 * that need more than test/helpers/demoServer.ts gives: a logger of the test's choosing (e.g.
 * one capturing every line at debug level), the scheduler and mailer of server/scheduling.ts
 * over the app's own connection pool, the app's real password hashing when no cheap
 * parameters are passed, and a hook to adjust the configuration. Listens on loopback only,
 * with a fixed clock; `close()` removes everything it wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../server/app.ts';
import { createAuth, hashPassword, mfaKeyFile, PASSWORD_PARAMS, type PasswordParams, type Role } from '../../server/auth/index.ts';
import { insertUser } from '../../server/auth/users.ts';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { ConnectionPool } from '../../core/pool.ts';
import { createLogger, type Logger } from '../../server/log.ts';
import { createScheduling, type Scheduling } from '../../server/scheduling.ts';
import { Client } from '../auth/authApp.ts';
import { seedDemoData } from './demoCache.ts';

export const APP_NOW = new Date('2026-11-15T15:00:00Z');
export const APP_PASSWORD = 'correct horse battery staple';

export interface AppServerOptions {
  /** Months of demo history ending 2026-10. Default 3. */
  readonly months?: number;
  /** Default: a silent logger. */
  readonly logger?: Logger;
  /**
   * Copy the run's loaded demo (test/helpers/demoCache.ts) instead of loading it here. Default:
   * only when no logger is given, so that a test capturing the log sees the whole demo load; a
   * test that reads only what its own requests log passes true (its log starts after the load).
   */
  readonly cachedDemo?: boolean;
  /** Cheap scrypt parameters for tests that do not measure sign-in; default the app's own (PASSWORD_PARAMS). */
  readonly passwordParams?: PasswordParams;
  /** Build the scheduler and mailer over the app's pool (not started: tests call runNow). */
  readonly scheduling?: boolean;
  /** Adjust the configuration before the context opens. Example: (c) => ({ ...c, etl: { ...c.etl, settleMs: 0 } }). */
  readonly configure?: (config: Config) => Config;
}

export interface AppServer {
  readonly base: string;
  readonly ctx: Context;
  readonly app: App;
  readonly pool: ConnectionPool;
  readonly scheduling: Scheduling | undefined;
  /** A fresh, signed-out client of this server. */
  client(): Client;
  /** A client signed in through the form as `<role>1`. */
  as(role: Role): Promise<Client>;
  close(): Promise<void>;
}

/** A pino destination that keeps every line in memory. */
export function captureLog(level = 'debug'): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level, destination }), text: () => chunks.join('') };
}

export async function startAppServer(opts: AppServerOptions = {}): Promise<AppServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-app-'));
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
  const sized = { ...base, demo: { ...base.demo, months: opts.months ?? 3 } };
  const config = opts.configure ? opts.configure(sized) : sized;
  // A test that captures the log sees the whole demo load, unless it says otherwise; every other test copies the run's.
  if (opts.cachedDemo ?? !opts.logger) await seedDemoData(config);
  const ctx = await openContext(config, { logger: opts.logger ?? createLogger({ level: 'silent' }) });
  await loadDemoIfEmpty(ctx);
  const params = opts.passwordParams ?? PASSWORD_PARAMS;
  await ctx.warehouse.use(async (c) => {
    for (const role of ['admin', 'manager', 'board'] as const) {
      const passwordHash = await hashPassword(APP_PASSWORD, params);
      await insertUser(c, { username: `${role}1`, displayName: `Test ${role}`, role, passwordHash, now: APP_NOW });
    }
  });
  const now = () => APP_NOW;
  const pool = ctx.pool;
  const scheduling = opts.scheduling ? createScheduling(ctx, pool, now) : undefined;
  // With no parameters given, the app builds its own sign-in (its own connection, real scrypt).
  const authDb = opts.passwordParams ? new ConnectionPool(ctx.warehouse, 1) : undefined;
  const auth = authDb ? await createAuth({ db: authDb, now, passwordParams: params, mfaKeyFile: mfaKeyFile(config.paths.data) }) : undefined;
  const app = await createApp(ctx, { now, pool, ...(auth ? { auth } : {}), ...(scheduling ? { scheduler: scheduling.scheduler } : {}) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    base: url,
    ctx,
    app,
    pool,
    scheduling,
    client: () => new Client(url),
    async as(role) {
      const c = new Client(url);
      const res = await c.signIn(`${role}1`, APP_PASSWORD);
      if (res.status !== 303) throw new Error(`sign-in as ${role} answered ${res.status}`);
      return c;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await scheduling?.scheduler.stop();
      // As the server does on a stop: audit entries written, the draft pack warm-up finished.
      await app.idle();
      scheduling?.mailer.close();
      app.close();
      authDb?.close();
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
