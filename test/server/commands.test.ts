/**
 * Each command has one implementation (server/commands/): the command line on its own warehouse
 * and the server's loopback API (what the command line calls while the server holds the
 * warehouse) give the same result and leave one audit entry each, written through the pool
 * with the injected clock. Runs, status, rejects (with the raw records) and report builds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import { etlRejects, etlStatus } from '../../server/commands/etlHistory.ts';
import { runEtl } from '../../server/commands/etlRun.ts';
import { commandLine } from '../../server/commands/invocation.ts';
import { buildPack } from '../../server/commands/reportBuild.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { csv } from '../helpers/rows.ts';
import { TEST_PARAMS } from '../auth/authApp.ts';
import { createAuth } from '../../server/auth/index.ts';
import { ConnectionPool } from '../../core/pool.ts';

const NOW = new Date('2026-02-10T15:00:00Z');
const TOKEN = 'test-token-of-the-loopback-api';
let dir: string;
let ctx: Context;
let app: App;
let server: Server;
let authDb: ConnectionPool;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-cmd-'));
  const config = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off' }, dir);
  ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
  authDb = new ConnectionPool(ctx.warehouse, 1);
  const auth = await createAuth({ db: authDb, now: () => NOW, passwordParams: TEST_PARAMS });
  app = await createApp(ctx, { internalToken: TOKEN, now: () => NOW, auth });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/internal`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  app.close();
  authDb.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = commandLine(() => NOW);
const api = (path: string, init: RequestInit = {}) => fetch(base + path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
const entries = (action: string) =>
  ctx.pool.use(async (c) => (await c.runAndReadAll('SELECT actor, target, details, epoch_ms(occurred_at) AS ms FROM audit_log WHERE action = $a ORDER BY seq', { a: action })).getRowObjectsJson());
const inbox = (name: string, text: string) => {
  mkdirSync(join(ctx.config.paths.inbox, 'billing'), { recursive: true });
  writeFileSync(join(ctx.config.paths.inbox, 'billing', name), text);
};

let badRun = '';

describe('one command, two paths', () => {
  it('etl run: the same report, one etl.run entry each', async () => {
    inbox('a.csv', csv('billing', [{ transaction_id: 'T1', amount_usd: '10.00' }]));
    inbox('b.csv', csv('billing', [{ transaction_id: 'T2', amount_usd: '10.00' }]));
    const [local] = await runEtl(ctx, { files: [{ source: 'billing', name: 'a.csv' }] });
    const served = ((await (await api('/etl/run', { method: 'POST', body: JSON.stringify({ files: [{ source: 'billing', name: 'b.csv' }] }) })).json()) as { reports: { status: string; rowsLoaded: number; loadedTotal: string }[] }).reports[0]!;
    expect([served.status, served.rowsLoaded, served.loadedTotal]).toEqual([local!.status, local!.rowsLoaded, local!.loadedTotal]);
    expect([local!.status, local!.rowsLoaded, local!.loadedTotal]).toEqual(['loaded', 1, '10.00']);
    expect((await entries('etl.run')).map((e) => e.target)).toEqual([local!.runId, (served as unknown as { runId: string }).runId]);
  });

  it('etl status: the same runs and coverage, one entry each, at the injected time', async () => {
    const local = await etlStatus(ctx, 20, cli);
    const served = await (await api('/etl/status?limit=20')).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(local)));
    expect(local.coverage.map((c) => [c.source, c.files_n, c.rows_n])).toEqual([['billing', 2, 2]]);
    const views = (await entries('page.view')).filter((e) => e.target === 'etl status');
    expect(views.map((e) => [e.actor, JSON.parse(String(e.details)).via, Number(e.ms)])).toEqual([
      ['cli', 'command line', NOW.getTime()],
      ['cli', 'server', NOW.getTime()],
    ]);
  });

  it('etl rejects --raw: the same records, audited as a download each time', async () => {
    inbox('bad.csv', csv('billing', [{ transaction_id: 'B1', post_date: 'soon' }]));
    badRun = (await runEtl(ctx, { files: [{ source: 'billing', name: 'bad.csv' }] }))[0]!.runId;
    const local = await etlRejects(ctx, badRun, { raw: true }, cli);
    const served = await (await api(`/etl/rejects/${badRun}?raw=1`)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(local)));
    expect(local.rejects.map((r) => [r.line_n, r.column_name])).toEqual([[2, 'post_date (post_date)']]);
    expect(local.raw).toHaveLength(1);
    const downloads = await entries('data.download');
    expect(downloads.map((e) => [e.target, JSON.parse(String(e.details)).via, JSON.parse(String(e.details)).rows_n])).toEqual([
      [badRun, 'command line', 1],
      [badRun, 'server', 1],
    ]);
    const missing = await api('/etl/rejects/r-nope');
    expect([missing.status, ((await missing.json()) as { error: string }).error]).toEqual([404, 'no run r-nope; see `practiceboard etl status`']);
  });

  it('report build: the same pack, one export entry each', async () => {
    const local = await buildPack(ctx, { month: '2026-01', format: 'html' }, cli);
    const served = Buffer.from(await (await api('/report/2026-01?format=html')).arrayBuffer());
    expect(served.toString('utf8')).toBe(local.bytes.toString('utf8'));
    const exports = await entries('data.export');
    expect(exports.map((e) => [e.target, JSON.parse(String(e.details)).via, JSON.parse(String(e.details)).state])).toEqual([
      ['2026-01', 'command line', 'draft'],
      ['2026-01', 'server', 'draft'],
    ]);
    const bad = await api('/report/2026-13');
    expect(bad.status).toBe(400);
  }, 60_000);
});
