/**
 * The Express application, built apart from `listen` so tests can import it. Pages render on
 * the server; errors map to responses in one place and never show a stack trace or data.
 * Middleware order is security-relevant (docs/security.md): headers, the token-guarded internal
 * API, body limits, the session, the audit of requests, deny-by-default authorization, CSRF,
 * then the routes.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Context } from './context.ts';
import { ConnectionPool } from '../core/pool.ts';
import { layout } from './views/layout.ts';
import { html } from './views/html.ts';
import { PracticeBoardError, describeError } from '../core/errors.ts';
import { practiceClock } from '../core/clock.ts';
import { internalApi } from './internalApi.ts';
import { dashboardBody, dashboardRoutes, type DashboardKey } from './routes/dashboards.ts';
import { PageCache } from './cache/pageCache.ts';
import { pageWarmer } from './cache/pageWarm.ts';
import { inSnapshot } from '../dashboards/pages/index.ts';
import type { SafeHtml } from './views/html.ts';
import { whyRoutes } from './routes/why.ts';
import { etlRoutes } from './routes/etl.ts';
import { metricRoutes } from './routes/metrics.ts';
import { uploadRoutes } from './routes/upload.ts';
import { jobRoutes } from './routes/jobs.ts';
import { reportRoutes } from './routes/reports.ts';
import { draftPacks } from './cache/packWarm.ts';
import type { Scheduler } from './jobs/index.ts';
import { auditRequests } from './audit/index.ts';
import { accessPolicy, authorize, bodyErrors, bodyParsers, createAuth, csrfProtection, mfaKeyFile, securityHeaders, type Auth } from './auth/index.ts';
import { listApproved } from '../reports/store.ts';
import { requestContext } from './requestContext.ts';
import { startTiming } from './timing.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { settingsRoutes } from './routes/settings.ts';
import { practiceNameSetting } from './settings/practiceName.ts';

export interface AppOptions {
  /** Token of the loopback API the command line uses; no internal API without it. */
  readonly internalToken?: string;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Sign-in and sessions; built over a dedicated connection when not given. */
  readonly auth?: Auth;
  /** Express's trust proxy setting, when a TLS proxy is in front. */
  readonly trustProxy?: false | number | readonly string[];
  /** The connection pool (the server shares it with the scheduler); the context's by default. */
  readonly pool?: ConnectionPool;
  /** The job scheduler, for the jobs admin page; no page without it. */
  readonly scheduler?: Scheduler;
}

/**
 * `auditSettled` resolves when every request's audit entry started so far is written; `idle`
 * when, besides, no background work (the draft pack warm-up) is running: await it before closing
 * the context, so no audit entry is lost and no query runs on a closed warehouse.
 */
export type App = express.Express & { pool: ConnectionPool; auth: Auth; auditSettled(): Promise<void>; idle(): Promise<void>; close(): void };

export async function createApp(ctx: Context, opts: AppOptions = {}): Promise<App> {
  const app = express();
  const pool = opts.pool ?? ctx.pool;
  const now = opts.now ?? (() => new Date());
  // Today is the practice's calendar date, in its time zone (never UTC's).
  const today = practiceClock(ctx.config.timezone, now).today;
  // Sign-ins get their own connection, so they never wait behind dashboard queries.
  const authDb = opts.auth ? undefined : new ConnectionPool(ctx.warehouse, 1);
  const auditDb = new ConnectionPool(ctx.warehouse, 1);
  const auth = opts.auth ?? (await createAuth({ db: authDb!, now, secureCookies: ctx.config.server.secureCookies, mfaKeyFile: mfaKeyFile(ctx.config.paths.data) }));
  // The practice's name as an admin set it (Admin > Settings), kept current for the pack pages.
  const practiceName = await practiceNameSetting(pool, ctx.config);
  const isApprovedPack = (month: string) => pool.use(async (c) => (await listApproved(c)).some((a) => a.month === month));
  // First: the request's clock, for the Server-Timing of the pages (server/timing.ts).
  app.use(startTiming);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const trustProxy = opts.trustProxy ?? ctx.config.server.trustProxy;
  if (trustProxy !== false && trustProxy !== 0) app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  app.use(securityHeaders({ secure: auth.secureCookies }));
  if (opts.internalToken) app.use('/internal', internalApi(ctx, opts.internalToken, { now }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(bodyParsers(), bodyErrors());
  app.use(auth.session);
  // The audit entries of requests are written after each answer, one at a time, on a connection
  // of their own: the per-request checks on the sign-in connection (must the user change their
  // password?) never queue behind them.
  const audited = auditRequests({ db: auditDb, logger: ctx.logger, now });
  app.use(audited);
  // Before authorization, so a refusal or a 404 is rendered with the user's navigation.
  app.use(requestContext);
  app.use(authorize(accessPolicy, { isApprovedPack }));
  app.use(csrfProtection());
  app.use(authRoutes(auth, { timezone: ctx.config.timezone }));
  app.use(adminRoutes(auth, { timezone: ctx.config.timezone }));
  app.use(settingsRoutes({ auth, practiceName }));
  // Dashboard pages are kept per data version, known in the process (server/cache/writeVersion.ts):
  // a cached page needs no statement; after a write the pages asked for recently are rebuilt in
  // the background (server/cache/pageWarm.ts).
  const pageDeps = {
    timezone: ctx.config.timezone,
    onChartError: (chart: string, err: unknown) => ctx.logger.error({ chart, err: describeError(err) }, 'chart could not be drawn'),
    onSectionError: (sections: readonly string[], err: unknown) => ctx.logger.error({ sections, err: describeError(err) }, 'section could not be computed'),
  };
  const pageCache = new PageCache<SafeHtml>();
  const buildPageBody = dashboardBody(pageDeps);
  const pageWarm = pageWarmer({
    cache: pageCache,
    version: ctx.writes,
    today,
    build: (key, dontKeep) => pool.use((conn) => inSnapshot(conn, () => buildPageBody(conn, key as DashboardKey, dontKeep))),
    onError: (err) => ctx.logger.error({ err: describeError(err) }, 'warming a dashboard page failed; it is built when opened'),
  });
  app.use(dashboardRoutes({ pool, today, version: ctx.writes, pageCache, ...pageDeps }));
  app.use(whyRoutes({ pool, today }));
  app.use(metricRoutes());
  app.use(etlRoutes({ ctx, pool, now }));
  app.use(uploadRoutes({ ctx, now }));
  // Draft packs are kept per data version, the latest warmed after each load (server/cache/packWarm.ts).
  const { packs, warmer } = draftPacks(ctx, pool, { today, now, practiceName: () => practiceName.current(), timezone: ctx.config.timezone });
  // The pack routes read the name per request: an admin's change applies at once.
  app.use(reportRoutes({ pool, today, now, packs, timezone: ctx.config.timezone, version: ctx.writes, get practiceName() { return practiceName.current(); } }));
  if (opts.scheduler) app.use(jobRoutes({ scheduler: opts.scheduler }));

  app.use((_req, res) => {
    res.status(404).send(layout('Not found', html`<h1>Not found</h1><p>There is no page at this address.</p>`));
  });

  // One place maps errors to responses: a message a person can act on, never a stack trace.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const http = err instanceof PracticeBoardError && err.status !== undefined ? err : undefined;
    const status = http?.status ?? 500;
    if (status >= 500) ctx.logger.error({ path: req.path, status, err: describeError(err) }, 'request failed');
    const message = http ? http.message : 'Something went wrong on the server; it has been logged.';
    const details = http?.details ?? [];
    if (res.headersSent) {
      // A streamed page (the board pack) failed after its first chunk: say so where its content would be.
      res.end(html`<div class="errors" role="alert"><p>${message}</p></div></main></body></html>`.text);
      return;
    }
    res.set('Cache-Control', 'no-store');
    if (req.path.startsWith('/api/') || req.path.startsWith('/internal/')) {
      // The code names the kind of failure for a program (SECTION_NOT_COMPUTED, HTTP_400, ...).
      res.status(status).json({ error: message, code: http?.code ?? 'INTERNAL', details });
      return;
    }
    const list = details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : '';
    res.status(status).send(layout('Error', html`<h1>${status === 400 ? 'Bad request' : 'Error'}</h1><div class="errors" role="alert"><p>${message}</p>${list}</div><p><a href="/">Back to the overview</a></p>`));
  });
  return Object.assign(app, {
    pool,
    auth,
    auditSettled: () => audited.settled(),
    idle: async () => {
      await pageWarm.idle();
      await warmer.idle();
      await audited.settled();
    },
    close() {
      pageWarm.stop();
      authDb?.close(); // the pool belongs to the context, closed with it
      auditDb.close();
    },
  });
}
