/**
 * A running app over a small demo practice (3 months ending 2026-10), loaded once per test
 * file, listening on loopback with a fixed clock (2026-11-15).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';

export const FIXED_NOW = new Date('2026-11-15T15:00:00Z');

export interface DemoServer {
  readonly base: string;
  readonly ctx: Context;
  get(path: string): Promise<Response>;
  post(path: string, body: FormData | string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startDemoServer(months = 3, overrides: { uploadMegabytes?: number } = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-http-'));
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
  const config = { ...base, demo: { ...base.demo, months }, upload: { maxMegabytes: overrides.uploadMegabytes ?? base.upload.maxMegabytes } };
  const ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
  await loadDemoIfEmpty(ctx);
  const app = createApp(ctx, { now: () => FIXED_NOW });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    base: url,
    ctx,
    get: (path) => fetch(url + path),
    post: (path, body, headers = {}) => fetch(url + path, { method: 'POST', body, headers, redirect: 'manual' }),
    async close() {
      await new Promise((r) => server.close(r));
      app.pool.close();
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
