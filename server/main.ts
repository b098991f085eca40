/**
 * Starts PracticeBoard: validates the configuration, opens the warehouse (this process owns
 * it; a patient-hash key that is not the warehouse's stops the start), loads the demo practice
 * only into a data folder that never held anything, picks up settled files left in the inbox,
 * starts the scheduled jobs (catching up a run missed while stopped), and serves the app.
 * Exits with one clear sentence on a bad start.
 */
process.env.UV_THREADPOOL_SIZE ??= '16'; // DuckDB work must not starve file I/O and logins

import { PracticeBoardError } from '../core/errors.ts';
import { knownFailure } from '../etl/failure.ts';
import { createApp } from './app.ts';
import { loadDemoIfEmpty } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { openContext } from './context.ts';
import { newServerToken, removeServerInfo, writeServerInfo } from './handoff.ts';
import { createScheduling } from './scheduling.ts';
import { purgeKeptRawFiles } from './jobs/rawRetention.ts';
import { ensureFirstAdmin } from './auth/index.ts';
import { listenError } from './listenError.ts';

async function start(): Promise<void> {
  const config = loadConfig();
  const ctx = await openContext(config);
  const log = ctx.logger;
  const clock = () => new Date();
  await purgeKeptRawFiles(ctx, clock()); // raw files kept past their retention (etl.rawRetentionDays)
  await loadDemoIfEmpty(ctx);
  await ctx.etl.scan(); // files left by a stop or a crash (a file still being written waits for the next scan)
  const pool = ctx.pool; // the ETL, the jobs, the mail log, the audit and the pages share its cap
  const { scheduler, mailer } = createScheduling(ctx, pool, clock);
  await scheduler.start();
  // The first start creates the admin account and prints its password once.
  await pool.use((c) => ensureFirstAdmin(c, { env: process.env, print: (line) => console.log(line) }));
  const token = newServerToken();
  const app = await createApp(ctx, { internalToken: token, pool, scheduler, now: clock });
  const http = app.listen(config.server.port, config.server.host);
  await new Promise<void>((resolve, reject) =>
    http.once('listening', resolve).once('error', (err) => reject(listenError(err, config.server.host, config.server.port))),
  );
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  writeServerInfo(config.paths.serverInfo, port, token);
  log.info({ url: `http://${config.server.host}:${port}/` }, 'PracticeBoard is running');
  console.log(`PracticeBoard is running at http://${config.server.host}:${port}/`);

  const stop = () => {
    log.info('stopping');
    http.closeIdleConnections();
    http.close(() => {
      void scheduler
        .stop()
        .then(() => app.idle())
        .finally(() => {
          mailer.close();
          app.close();
          removeServerInfo(config.paths.serverInfo);
          ctx.close();
          process.exit(0);
        });
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

start().catch((err: unknown) => {
  const known = knownFailure(err);
  const message =
    err instanceof PracticeBoardError ? err.message : known ? `cannot start: ${known.message}` : `unexpected start-up failure (${(err as Error).name}); set PRACTICEBOARD_LOG_LEVEL=debug for details`;
  console.error(`practiceboard: ${message}`);
  if (process.env.PRACTICEBOARD_LOG_LEVEL === 'debug') console.error(err);
  process.exit(1);
});
