/**
 * Dashboard benchmark (not a test): the app over the demo practice with a generated billing
 * ledger (100 thousand rows by default; 10 million with --sizes), 1, 8 and 32 concurrent
 * signed-in clients (each its own session), each going over every page in turn. Reports the
 * client-side latency (p50, p95) and the throughput at each concurrency, as ratios against
 * one client measured in the same run (the machine is shared: absolute times vary), plus the
 * server time (Server-Timing) of the single client. Figures go to docs/benchmarks.md.
 * Warehouses are cached under data/bench/ between runs (delete them to rebuild).
 *
 *   npm run bench:dashboards [-- --sizes 100000,10000000 --rounds 5 --clients 1,8,32]
 */
import type { Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app.ts';
import type { Context } from '../server/context.ts';
import { writeSection } from './docs.ts';
import { warehouseFor } from './warehouse.ts';
import { createAuth, hashPassword } from '../server/auth/index.ts';
import { findUserByUsername, insertUser } from '../server/auth/users.ts';
import { ConnectionPool } from '../core/pool.ts';
import { Client } from '../test/auth/authApp.ts';

const PASSWORD = 'benchmark only, local';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' }, clients: { type: 'string', default: '1,8,32' } } });
const PAGES = ['/', '/financial', '/collections', '/staffing', '/metrics', '/reports'];
const NOW = new Date('2026-11-15T15:00:00Z');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

interface Level { clients: number; p50: number; p95: number; perSecond: number; serverP50: number }

async function measure(ctx: Context, levels: number[], rounds: number): Promise<Level[]> {
  const authDb = new ConnectionPool(ctx.warehouse, 1);
  await authDb.use(async (c) => (await findUserByUsername(c, 'bench')) ?? insertUser(c, { username: 'bench', displayName: 'Benchmark', role: 'manager', passwordHash: await hashPassword(PASSWORD), now: NOW }));
  const app = await createApp(ctx, { now: () => NOW, auth: await createAuth({ db: authDb, now: () => NOW }) });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const port = (server.address() as { port: number }).port;
  const get = async (client: Client, page: string): Promise<{ ms: number; server: number }> => {
    const t0 = performance.now();
    const res = await client.get(page);
    await res.text();
    if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
    return { ms: performance.now() - t0, server: Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN) };
  };
  const out: Level[] = [];
  for (const n of levels) {
    const clients: Client[] = [];
    for (let i = 0; i < n; i++) {
      const c = new Client(`http://127.0.0.1:${port}`);
      if ((await c.signIn('bench', PASSWORD)).status !== 303) throw new Error('bench sign-in failed');
      for (const page of PAGES) await get(c, page); // warm-up, not measured
      clients.push(c);
    }
    const times: number[] = [];
    const server: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        for (let r = 0; r < rounds; r++) {
          for (let k = 0; k < PAGES.length; k++) {
            const x = await get(c, PAGES[(k + i) % PAGES.length]!); // clients start on different pages
            times.push(x.ms);
            if (!Number.isNaN(x.server)) server.push(x.server);
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    out.push({ clients: n, p50: pct(times, 50), p95: pct(times, 95), perSecond: times.length / seconds, serverP50: pct(server, 50) });
    console.log(out[out.length - 1]);
  }
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  app.close();
  authDb.close();
  return out;
}

const sizes = args.sizes.split(',').map(Number);
const levels = args.clients.split(',').map(Number);
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; each client signed in with its own session, ${args.rounds} rounds over ${PAGES.join(', ')} after one warm-up round; latency measured by the client.`,
  'The machine is shared: absolute times vary with its load; compare the ratios against one client, measured in the same run.',
  '',
  '| ledger rows | clients | p50 | p95 | requests/s | p95 / p95 of 1 client | throughput / 1 client |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const size of sizes) {
  const ctx = await warehouseFor(size);
  const res = await measure(ctx, levels, Number(args.rounds));
  ctx.close();
  const base = res[0]!;
  for (const r of res) {
    lines.push(`| ${size.toLocaleString('en-US')} | ${r.clients} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${r.perSecond.toFixed(1)} | ${(r.p95 / base.p95).toFixed(2)} | ${(r.perSecond / base.perSecond).toFixed(2)} |`);
  }
}
console.log(lines.join('\n'));
writeSection('dashboards', lines.join('\n'));
process.exit(0);
