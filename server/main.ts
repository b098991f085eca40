/**
 * Starts PracticeBoard: validates the configuration, opens the warehouse (this process owns
 * it), loads the demo practice into an empty warehouse, picks up anything left in the inbox,
 * schedules the inbox scan, and serves the app. Exits with one clear sentence on a bad start.
 */
process.env.UV_THREADPOOL_SIZE ??= '16'; // DuckDB work must not starve file I/O and logins

import cron from 'node-cron';
import { PracticeBoardError } from '../etl/errors.ts';
import { createApp } from './app.ts';
import { loadDemoIfEmpty } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { openContext } from './context.ts';
import { newServerToken, removeServerInfo, writeServerInfo } from './handoff.ts';

async function start(): Promise<void> {
  const config = loadConfig();
  const ctx = await openContext(config);
  const log = ctx.logger;
  await loadDemoIfEmpty(ctx);
  await ctx.etl.scan({ settleMs: 0 }); // files left by a stop or a crash
  if (!cron.validate(config.etl.scanSchedule)) throw new PracticeBoardError('CONFIG_INVALID', `etl.scanSchedule: "${config.etl.scanSchedule}" is not a cron expression`);
  const scan = cron.schedule(
    config.etl.scanSchedule,
    async () => {
      try {
        await ctx.etl.scan();
      } catch (err) {
        log.error({ code: (err as PracticeBoardError).code ?? 'SCAN_FAILED', name: (err as Error).name }, 'scheduled inbox scan failed');
      }
    },
    { timezone: config.timezone, name: 'inbox-scan', noOverlap: true },
  );
  const token = newServerToken();
  const http = createApp(ctx, { internalToken: token }).listen(config.server.port, config.server.host);
  await new Promise<void>((resolve, reject) => http.once('listening', resolve).once('error', reject));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  writeServerInfo(config.paths.serverInfo, port, token);
  log.info({ url: `http://${config.server.host}:${port}/` }, 'PracticeBoard is running');
  console.log(`PracticeBoard is running at http://${config.server.host}:${port}/`);

  const stop = () => {
    log.info('stopping');
    void scan.destroy();
    http.close(() => {
      removeServerInfo(config.paths.serverInfo);
      ctx.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

start().catch((err: unknown) => {
  const message = err instanceof PracticeBoardError ? err.message : `unexpected start-up failure (${(err as Error).name}); set PRACTICEBOARD_LOG_LEVEL=debug for details`;
  console.error(`practiceboard: ${message}`);
  if (process.env.PRACTICEBOARD_LOG_LEVEL === 'debug') console.error(err);
  process.exit(1);
});
