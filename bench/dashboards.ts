/**
 * Dashboard benchmark (not a test): serves each page over the demo practice with a billing
 * ledger of 100 thousand and of 10 million rows, and reports p50 and p95 server time per page
 * (the Server-Timing header) and the ratio between the sizes. Figures go to docs/benchmarks.md.
 * Warehouses are cached under data/bench/ between runs (delete them to rebuild).
 *
 *   npm run bench:dashboards [-- --sizes 100000,10000000 --requests 30]
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

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '100000,10000000' }, requests: { type: 'string', default: '30' } } });
const PAGES = ['/', '/financial', '/collections', '/staffing'];
const NOW = new Date('2026-11-15T15:00:00Z');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function measure(ctx: Context, requests: number): Promise<Record<string, { p50: number; p95: number }>> {
  const authDb = new ConnectionPool(ctx.warehouse, 1);
  await authDb.use(async (c) => (await findUserByUsername(c, 'bench')) ?? insertUser(c, { username: 'bench', displayName: 'Benchmark', role: 'manager', passwordHash: await hashPassword(PASSWORD), now: NOW }));
  const app = await createApp(ctx, { now: () => NOW, auth: await createAuth({ db: authDb, now: () => NOW }) });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const port = (server.address() as { port: number }).port;
  const client = new Client(`http://127.0.0.1:${port}`);
  if ((await client.signIn('bench', PASSWORD)).status !== 303) throw new Error('bench sign-in failed');
  const out: Record<string, { p50: number; p95: number }> = {};
  for (const page of PAGES) {
    const times: number[] = [];
    for (let i = 0; i < requests + 3; i++) {
      const res = await client.get(page);
      await res.text();
      if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
      const dur = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]);
      if (i >= 3) times.push(dur); // the first requests warm DuckDB's caches
    }
    out[page] = { p50: pct(times, 50), p95: pct(times, 95) };
  }
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  app.close();
  authDb.close();
  return out;
}

const sizes = args.sizes.split(',').map(Number);
const results: Record<number, Record<string, { p50: number; p95: number }>> = {};
for (const size of sizes) {
  const ctx = await warehouseFor(size);
  results[size] = await measure(ctx, Number(args.requests));
  ctx.close();
  console.log(size, results[size]);
}
const [small, large] = sizes as [number, number];
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${args.requests} requests per page after 3 warm-up requests; server time from the Server-Timing header.`,
  '',
  `| page | p50 at ${small.toLocaleString('en-US')} rows | p95 at ${small.toLocaleString('en-US')} | p50 at ${large?.toLocaleString('en-US')} rows | p95 at ${large?.toLocaleString('en-US')} | p95 ratio (target at most 2) |`,
  '| --- | --- | --- | --- | --- | --- |',
  ...PAGES.map((p) => {
    const a = results[small]![p]!;
    const b = large ? results[large]![p]! : undefined;
    return `| ${p} | ${a.p50.toFixed(0)} ms | ${a.p95.toFixed(0)} ms | ${b ? `${b.p50.toFixed(0)} ms` : ''} | ${b ? `${b.p95.toFixed(0)} ms` : ''} | ${b ? (b.p95 / a.p95).toFixed(2) : ''} |`;
  }),
  '',
  'Target: p95 under 250 ms per page on a 2-core machine.',
];
console.log(lines.join('\n'));
writeSection('dashboards', lines.join('\n'));
process.exit(0);
