/**
 * Dashboard benchmark (not a test): the app over the demo practice with a generated billing
 * ledger (100 thousand rows by default), 1, 8 and 32 concurrent signed-in clients (each its own
 * session), each going over every page in turn. Reports, per concurrency, the client-side
 * latency (p50, p95) overall and per page, the errors (any answer but 200), the throughput and
 * the process's CPU time per request, and where the server's time goes (Server-Timing: session
 * check and authorization, waiting for a connection, DuckDB, the page's code and charts, HTML),
 * as ratios against one client measured in the same run (the machine is shared).
 * With --during-load, the same again on a copy of the warehouse while a billing re-export of
 * --load-rows rows loads through the scheduler's path (the ETL runner's inbox scan, in the
 * server's process): the clients start with the load and go on until it has committed and one
 * round more (the pages rebuilt after it included). Figures go to docs/benchmarks.md.
 * Warehouses are cached under data/bench/ between runs (delete them to rebuild).
 *
 *   npm run bench:dashboards [-- --sizes 1000000 --rounds 5 --clients 1,8,32 --during-load --load-rows 500000]
 *
 * A warehouse built elsewhere (the 10M-row one): --data names its data folder, --rows says how
 * many ledger rows it holds (the section's name), --ledger the ledger it was loaded from (the
 * re-export is that file's first --load-rows rows, the same transaction ids). The folder is used
 * as it is without a load (the bench signs a user in: it adds a user, sessions and audit
 * entries) and copied to <data>.scratch (removed afterwards) for the runs during a load:
 *
 *   cp -r /work/bench-data/m10/data /tmp/m10
 *   nice -n 10 npm run bench:dashboards -- --data /tmp/m10 --rows 10000000 \
 *     --ledger /work/bench-data/ledger-10000000.csv --during-load --load-rows 1000000 --rounds 2
 */
process.env.UV_THREADPOOL_SIZE ??= '16'; // as server/main.ts: DuckDB work must not starve file I/O and logins

import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app.ts';
import type { Context } from '../server/context.ts';
import { writeSection } from './docs.ts';
import { billingLoadFile, ledgerHeadFile, openDataFolder, scratchCopy, scratchOf, warehouseFor } from './warehouse.ts';
import { createAuth, hashPassword } from '../server/auth/index.ts';
import { findUserByUsername, insertUser } from '../server/auth/users.ts';
import { ConnectionPool } from '../core/pool.ts';
import { Client } from '../test/auth/authApp.ts';

const PASSWORD = 'benchmark only, local';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '1,8,32' },
    'during-load': { type: 'boolean', default: false },
    'load-rows': { type: 'string', default: '500000' },
    data: { type: 'string' },
    rows: { type: 'string' },
    ledger: { type: 'string' },
    /** The docs/benchmarks.md section written (default dashboards-<rows>). */
    section: { type: 'string' },
  },
});
const PAGES = ['/', '/financial', '/collections', '/staffing', '/metrics', '/reports'];
const PHASES = ['auth', 'pool', 'db', 'chart', 'html', 'app'] as const;
// The clock starts at a fixed instant (today is 2026-11-15) and runs: sessions are touched as in use.
const START = new Date('2026-11-15T15:00:00Z');
const t00 = performance.now();
const clock = () => new Date(START.getTime() + (performance.now() - t00));

const pct = (xs: readonly number[], p: number): number => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

interface Sample {
  readonly page: string;
  readonly ms: number;
  /** 0: no answer (the request failed). */
  readonly status: number;
  readonly phases: Readonly<Record<string, number>>;
  /** When the answer was complete (performance.now()). */
  readonly at: number;
}

interface Level {
  readonly clients: number;
  readonly samples: readonly Sample[];
  readonly seconds: number;
  readonly cpuMs: number;
  /** With a load: its wall time, and the share of the requests answered while it ran. */
  readonly load?: { readonly seconds: number; readonly status: string; readonly during: number; readonly ended: number };
  /** The first client's warm-up round (not measured above): on the first level, each page's first view, a cache miss. */
  readonly firstViews: readonly Sample[];
}

function serverPhases(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of (header ?? '').matchAll(/(\w+);dur=([\d.]+)/g)) out[m[1]!] = Number(m[2]);
  return out;
}

async function request(client: Client, page: string): Promise<Sample> {
  const t0 = performance.now();
  try {
    const res = await client.get(page);
    await res.text();
    const at = performance.now();
    return { page, ms: at - t0, status: res.status, phases: serverPhases(res.headers.get('server-timing')), at };
  } catch {
    const at = performance.now();
    return { page, ms: at - t0, status: 0, phases: {}, at };
  }
}

/** Serves `ctx` and runs every level of clients against it; `load(level)` starts a load for a level. */
async function measure(ctx: Context, levels: readonly number[], rounds: number, load?: (clients: number) => Promise<() => Promise<string>>): Promise<Level[]> {
  const authDb = new ConnectionPool(ctx.warehouse, 1);
  await authDb.use(async (c) => (await findUserByUsername(c, 'bench')) ?? insertUser(c, { username: 'bench', displayName: 'Benchmark', role: 'manager', passwordHash: await hashPassword(PASSWORD), now: clock() }));
  const app = await createApp(ctx, { now: clock, auth: await createAuth({ db: authDb, now: clock }) });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const port = (server.address() as { port: number }).port;
  const out: Level[] = [];
  for (const n of levels) {
    const clients: Client[] = [];
    const firstViews: Sample[] = [];
    for (let i = 0; i < n; i++) {
      const c = new Client(`http://127.0.0.1:${port}`);
      if ((await c.signIn('bench', PASSWORD)).status !== 303) throw new Error('bench sign-in failed');
      for (const page of PAGES) {
        const s = await request(c, page); // warm-up, not measured
        if (i === 0) firstViews.push(s);
      }
      clients.push(c);
    }
    const samples: Sample[] = [];
    let loading: { started: number; ended?: number; status?: string } | undefined;
    let running: Promise<void> | undefined;
    if (load) {
      const finish = await load(n);
      loading = { started: performance.now() };
      const l = loading;
      running = finish().then((status) => {
        l.ended = performance.now();
        l.status = status;
      });
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        // Without a load: `rounds` rounds. With one: until it has committed, and one round more.
        for (let r = 0; r < rounds || (loading && loading.ended === undefined); r++) {
          for (let k = 0; k < PAGES.length; k++) samples.push(await request(c, PAGES[(k + i) % PAGES.length]!));
        }
        if (loading) for (const page of PAGES) samples.push(await request(c, page));
      }),
    );
    await running;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const level: Level = {
      clients: n,
      firstViews,
      samples,
      seconds,
      cpuMs: (cpu.user + cpu.system) / 1000,
      ...(loading ? { load: { seconds: (loading.ended! - loading.started) / 1000, status: loading.status!, during: samples.filter((s) => s.at <= loading.ended!).length / samples.length, ended: loading.ended! } } : {}),
    };
    out.push(level);
    console.log(summaryLine(level));
  }
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  // The audit entries of the last requests are written after their answers, and pages may be
  // warming: closing the warehouse under an append would leave its log ahead of its head.
  await app.idle();
  app.close();
  authDb.close();
  return out;
}

const errorsOf = (l: Level) => l.samples.filter((s) => s.status !== 200);
const perSecond = (l: Level) => l.samples.length / l.seconds;
const p = (l: Level, q: number, page?: string) => pct(l.samples.filter((s) => page === undefined || s.page === page).map((s) => s.ms), q);
const phase = (l: Level, name: string, q: number) => pct(l.samples.map((s) => s.phases[name]).filter((x): x is number => x !== undefined), q);
const ms = (x: number) => (Number.isNaN(x) ? '-' : `${x.toFixed(0)} ms`);
const fixed = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(1));
const summaryLine = (l: Level) =>
  `${l.clients} clients: ${l.samples.length} requests, ${errorsOf(l).length} errors, p50 ${ms(p(l, 50))}, p95 ${ms(p(l, 95))}, ${perSecond(l).toFixed(1)}/s, CPU ${(l.cpuMs / l.samples.length).toFixed(0)} ms per request${l.load ? `, load ${l.load.status} in ${l.load.seconds.toFixed(0)} s (${(l.load.during * 100).toFixed(0)}% of requests during it)` : ''}`;

function tables(size: number, runs: readonly { mode: string; levels: readonly Level[] }[]): string[] {
  const rows = size.toLocaleString('en-US');
  const base = runs[0]!.levels[0]!; // one client without a load, this run
  const lines = [
    '',
    `**${rows} ledger rows.** Latency measured by the client; ratios against one client without a load in the same run; CPU is the process's (server and clients, all threads) per request.`,
    '',
    '| load | clients | requests | errors | p50 | p95 | p95 / 1 client | requests/s | throughput / 1 client | CPU per request | the load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { mode, levels } of runs)
    for (const l of levels) {
      const errs = errorsOf(l);
      const byStatus = [...new Set(errs.map((e) => e.status))].map((s) => `${errs.filter((e) => e.status === s).length}x ${s || 'no answer'}`).join(', ');
      const ld = l.load ? `${l.load.status} in ${l.load.seconds.toFixed(0)} s; ${(l.load.during * 100).toFixed(0)}% of requests during it` : '';
      lines.push(`| ${mode} | ${l.clients} | ${l.samples.length} | ${errs.length}${byStatus ? ` (${byStatus})` : ''} | ${ms(p(l, 50))} | ${ms(p(l, 95))} | ${(p(l, 95) / p(base, 95)).toFixed(2)} | ${perSecond(l).toFixed(1)} | ${(perSecond(l) / perSecond(base)).toFixed(2)} | ${(l.cpuMs / l.samples.length).toFixed(0)} ms | ${ld} |`);
    }
  lines.push('', 'Per page, p50 / p95 (client):', '', `| load | clients | ${PAGES.join(' | ')} |`, `| --- | --- | ${PAGES.map(() => '---').join(' | ')} |`);
  for (const { mode, levels } of runs) for (const l of levels) lines.push(`| ${mode} | ${l.clients} | ${PAGES.map((pg) => `${p(l, 50, pg).toFixed(0)} / ${p(l, 95, pg).toFixed(0)}`).join(' | ')} |`);
  lines.push(
    '',
    'Server time (Server-Timing), p50 / p95 over all requests, ms: auth = session check and authorization, pool = waiting for a warehouse connection, db = DuckDB statements, chart = the page\'s own code (metric arithmetic, drawing charts), html = writing the markup, app = all of the server\'s time:',
    '',
    `| load | clients | ${PHASES.join(' | ')} | client p50 - app p50 |`,
    `| --- | --- | ${PHASES.map(() => '---').join(' | ')} | --- |`,
  );
  for (const { mode, levels } of runs) for (const l of levels) lines.push(`| ${mode} | ${l.clients} | ${PHASES.map((ph) => `${fixed(phase(l, ph, 50))} / ${fixed(phase(l, ph, 95))}`).join(' | ')} | ${(p(l, 50) - phase(l, 'app', 50)).toFixed(1)} |`);
  // A page built (not served from the cache) shows a chart phase; /metrics is drawn without one.
  const shown = (x: Sample | undefined) => (x ? `${x.ms.toFixed(0)} ms${x.phases.chart !== undefined ? ` (built: db ${fixed(x.phases.db ?? NaN)}, chart ${fixed(x.phases.chart)})` : ' (kept)'}` : '-');
  lines.push(
    '',
    "Each page's first view after the server opened the warehouse (the first level's warm-up round, one client: a cache miss, built), and with a load the first answer of each page after the load committed (built, or kept: warmed after the write), ms:",
    '',
    `| run | ${PAGES.join(' | ')} |`,
    `| --- | ${PAGES.map(() => '---').join(' | ')} |`,
  );
  for (const { mode, levels } of runs) {
    lines.push(`| ${mode}: first view | ${PAGES.map((pg) => shown(levels[0]!.firstViews.find((x) => x.page === pg))).join(' | ')} |`);
    for (const l of levels)
      if (l.load) lines.push(`| ${mode}, ${l.clients} clients: first after the commit | ${PAGES.map((pg) => shown(l.samples.filter((x) => x.page === pg && x.at - x.ms > l.load!.ended).sort((a, b) => a.at - b.at)[0])).join(' | ')} |`);
  }
  return lines;
}

if (args.data && !args.rows) throw new Error('--data needs --rows (how many ledger rows its warehouse holds)');
if (args.data && args['during-load'] && !args.ledger) throw new Error('--data with --during-load needs --ledger (the ledger the warehouse was loaded from)');
const sizes = args.data ? [Number(args.rows)] : args.sizes.split(',').map(Number);
const levels = args.clients.split(',').map(Number);
const rounds = Number(args.rounds);
const loadRows = Number(args['load-rows']);
const header = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average at the start ${loadavg()[0]!.toFixed(1)}, niced; clients and server in one process (UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE}, a pool of 4 warehouse connections); each client signed in with its own session, ${rounds} rounds over ${PAGES.join(', ')} after one warm-up round${args['during-load'] ? `; "during a load": a billing re-export of ${loadRows.toLocaleString('en-US')} rows delivered to the inbox and loaded by the ETL runner's scan (the scheduler's path) in the same process, on a copy of the warehouse, one load per level, the clients going on until it committed and one round more` : ''}.`,
  'The machine is shared: absolute times vary with its load; compare the ratios against one client, measured in the same run.',
];
for (const size of sizes) {
  const runs: { mode: string; levels: Level[] }[] = [];
  const ctx = args.data ? await openDataFolder(args.data) : await warehouseFor(size);
  runs.push({ mode: 'none', levels: await measure(ctx, levels, rounds) });
  ctx.close();
  // Written now too: a run stopped during the loads keeps the figures without one.
  writeSection(args.section ?? `dashboards-${size}`, [...header, ...tables(size, runs)].join('\n'));
  if (args['during-load']) {
    const copy = args.data ? await openDataFolder(scratchOf(args.data)) : await scratchCopy(size);
    // One file per level (a file already loaded would be skipped as a duplicate), written before any is measured.
    const files = new Map<number, { deliver(): void }>();
    for (const [i, n] of levels.entries()) files.set(n, args.ledger ? await ledgerHeadFile(copy, args.ledger, loadRows - i) : await billingLoadFile(copy, loadRows - i));
    const start = async (n: number) => {
      files.get(n)!.deliver();
      return async () => (await copy.etl.scan({ settleMs: 0 })).map((r) => r.status).join(', ');
    };
    runs.push({ mode: 'during a load', levels: await measure(copy, levels, rounds, start) });
    copy.close();
    if (args.data) rmSync(scratchOf(args.data), { recursive: true, force: true });
  }
  const text = [...header, ...tables(size, runs)].join('\n');
  console.log(text);
  writeSection(args.section ?? `dashboards-${size}`, text);
}
process.exit(0);
