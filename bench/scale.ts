/**
 * Scale benchmark of the real path at 10 or 50 million ledger rows (not a test). Every step is a
 * fresh process under /usr/bin/time (wall time, CPU time, peak memory), niced, on the compiled
 * JavaScript in dist/ (`node bin/build.mjs` first; pinned, so a source edit during a long run
 * cannot switch later steps to tsx):
 * 1. `practiceboard demo generate` (the demo practice's reference, appointment and payroll files)
 *    and `practiceboard demo generate --ledger-rows N` (the billing ledger, same seed so its ids
 *    resolve);
 * 2. `practiceboard etl run` of the reference files, then of the ledger, into a fresh data folder
 *    (demo off), the ledger's load sampled every few seconds: the data folder's tmp/ (the
 *    canonical copy and DuckDB's spill), the whole data folder, and the process's peak memory so
 *    far (so a run that does not finish still says how far it got);
 * 3. a 500-row billing file into that warehouse against `practiceboard etl status` on it (the
 *    start-up every command pays), alternating;
 * 4. the server (dist/server/main.js) over that warehouse, a few signed-in clients (a session
 *    each) going over every page: client latency p50 / p95, and the server's CPU and peak memory;
 * 5. the baseline of bench:etl: a bare DuckDB `read_csv` of the ledger (bench/bareRead.mjs).
 * Each step's figures go to data/bench/scale-N/progress.json as it ends (the load's every 30 s),
 * so a rerun resumes after the last finished step; then every run's figures, finished or not,
 * go to the `bench:scale` section of docs/benchmarks.md (`--report` writes only that).
 *
 *   npm run bench:scale -- --rows 50000000 [--clients 4 --rounds 5 --repeat 3] [--report]
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, readSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { csv } from '../test/helpers/rows.ts';
import { loadPhases, procCpuMs, procMemory, summary, timed, timedChild, timedSampled, type ChildRun } from './child.ts';
import { writeSection } from './docs.ts';
import { scaleReport, type Progress, type StepFigures } from './scaleReport.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    clients: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '3' },
    report: { type: 'boolean', default: false },
  },
});
const ROOT = resolve('data/bench');
const rows = Number(args.rows);
const dir = join(ROOT, `scale-${rows}`);
const progressFile = join(dir, 'progress.json');
// The compiled CLI, imported directly: bin/practiceboard.mjs would fall back to tsx after any source edit.
const CLI = ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(resolve('dist/server/cli.js'))}); process.exitCode = await main(process.argv.slice(1));`];
const SERVER = resolve('dist/server/main.js');
const REFERENCE = ['locations', 'payers', 'providers', 'rvus', 'budget', 'appointments', 'payroll'] as const;
const SMALL_ROWS = 500;
const PAGES = ['/', '/financial', '/collections', '/staffing', '/metrics', '/reports'];

/** Bytes on disk (allocated blocks) under a path; files vanishing mid-walk are skipped. */
function diskBytes(path: string): number {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.blocks * 512;
  let n = 0;
  let names: string[] = [];
  try {
    names = readdirSync(path);
  } catch {
    return 0;
  }
  for (const name of names) n += diskBytes(join(path, name));
  return n;
}

const readProgress = (file: string): Progress => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Progress) : { rows: Number(/scale-(\d+)/.exec(file)?.[1]), steps: {} });
const save = (p: Progress) => writeFileSync(progressFile, JSON.stringify(p, null, 2));
const figures = (r: ChildRun): StepFigures => ({ ms: r.ms, cpuMs: r.cpuMs, maxRssMb: r.maxRssMb, load1: loadavg()[0]! });

function envFor(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // info: the loader's "load finished" line carries its phase times (read by loadPhases).
  return { ...process.env, PRACTICEBOARD_DATA_DIR: dataDir, PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'info', TZ: 'UTC', ...extra };
}

/** Runs one step unless the progress file says it finished; records its figures. */
async function step(p: Progress, name: string, run: () => Promise<StepFigures>): Promise<void> {
  if (p.steps[name]?.done) {
    console.log(`${name}: done before, kept`);
    return;
  }
  console.log(`${name}...`);
  const f = await run();
  p.steps[name] = { ...f, done: true, note: stepNote() };
  save(p);
  console.log(`${name}: ${(f.ms / 1000).toFixed(1)} s wall, ${(f.cpuMs / 1000).toFixed(1)} s CPU, ${f.maxRssMb.toFixed(0)} MB peak`);
}

/** The commit measured, and a configuration file if one was given (e.g. a larger etl.memoryLimit). */
function stepNote(): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const config = process.env.PRACTICEBOARD_CONFIG;
  return `commit ${commit}${config && existsSync(config) ? `, configuration ${readFileSync(config, 'utf8').trim()}` : ''}`;
}

/** The ledger's first row's provider, location, payer and patient, so the small file's ids resolve. */
function idsFrom(ledger: string): Record<string, string> {
  const fd = openSync(ledger, 'r');
  const buf = Buffer.alloc(8192);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const [header, first] = buf.subarray(0, n).toString('utf8').split('\n') as [string, string];
  const cols = header.trim().split(',');
  const vals = first.trim().split(',');
  const row = Object.fromEntries(cols.map((c, k) => [c, vals[k] ?? '']));
  return Object.fromEntries(['patient_id', 'provider_id', 'location_id', 'payer_id', 'payer_class'].map((k) => [k, row[k] ?? '']));
}

/** A day's postings: a charge and an insurance payment for each of SMALL_ROWS / 2 new claims (as bench/etl.ts). */
function smallFile(i: number, ids: Record<string, string>): string {
  const f = join(dir, `small-${i}.csv`);
  const out = [];
  for (let k = 0; k < SMALL_ROWS / 2; k++) {
    const claim = `SCALE-${i}-${Date.now()}-C${k}`;
    out.push(
      { transaction_id: `${claim}-1`, claim_id: claim, service_date: '2026-10-01', post_date: '2026-10-02', amount_usd: '125.00', ...ids },
      { transaction_id: `${claim}-2`, claim_id: claim, service_date: '2026-10-01', post_date: '2026-10-20', txn_type: 'payment', payment_source: 'insurance', amount_usd: '80.00', ...ids },
    );
  }
  writeFileSync(f, csv('billing', out));
  return f;
}

const freePort = (): Promise<number> =>
  new Promise((r, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => r(port));
    });
  });

async function run(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const p = readProgress(progressFile);
  p.rows = rows;
  const src = join(dir, 'src');
  const ledger = join(dir, 'ledger', 'billing.csv');
  const data = join(dir, 'data');
  const cli = (...a: string[]) => [...CLI, ...a];

  await step(p, 'generateReference', async () => figures(timed(cli('demo', 'generate', '--out', src, '--seed', '42'), envFor(data))));
  await step(p, 'generateLedger', async () => {
    const r = figures(timed(cli('demo', 'generate', '--ledger-rows', String(rows), '--out', join(dir, 'ledger'), '--seed', '42'), envFor(data)));
    return { ...r, bytes: statSync(ledger).size };
  });
  await step(p, 'loadReference', async () => {
    rmSync(data, { recursive: true, force: true });
    const runs = REFERENCE.map((s) => timed(cli('etl', 'run', '--source', s, '--no-progress', join(src, `${s}.csv`)), envFor(data)));
    return { ms: runs.reduce((a, r) => a + r.ms, 0), cpuMs: runs.reduce((a, r) => a + r.cpuMs, 0), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)), load1: loadavg()[0]! };
  });
  await step(p, 'loadLedger', async () => {
    if (p.steps.loadLedger) throw new Error('an earlier ledger load did not finish: delete data/bench/scale-N/ to start again');
    const tmp = join(data, 'tmp');
    const live: StepFigures = { ms: 0, cpuMs: NaN, maxRssMb: 0, load1: loadavg()[0]!, peakTmpBytes: 0, peakDataBytes: 0, done: false };
    const t0 = performance.now();
    let lastSave = 0;
    const r = await timedSampled(cli('etl', 'run', '--source', 'billing', '--no-progress', ledger), envFor(data), {
      everyMs: 5000,
      sample: (pid) => {
        live.peakTmpBytes = Math.max(live.peakTmpBytes!, diskBytes(tmp));
        live.peakDataBytes = Math.max(live.peakDataBytes!, diskBytes(data));
        live.maxRssMb = Math.max(live.maxRssMb, procMemory(pid)?.peakMb ?? 0);
        live.cpuMs = procCpuMs(pid) ?? live.cpuMs;
        live.load1 = loadavg()[0]!;
        live.ms = performance.now() - t0;
        if (live.ms - lastSave > 30_000) {
          lastSave = live.ms;
          p.steps.loadLedger = live;
          save(p);
        }
      },
    });
    return { ...figures(r), peakTmpBytes: live.peakTmpBytes, peakDataBytes: live.peakDataBytes, phases: loadPhases(r) };
  });
  p.sizes ??= { warehouseBytes: diskBytes(join(data, 'practiceboard.duckdb')) + diskBytes(join(data, 'practiceboard.duckdb.wal')), dataBytes: diskBytes(data), inboxBytes: diskBytes(join(data, 'inbox')), archiveBytes: diskBytes(join(data, 'archive')) };
  save(p);
  await step(p, 'smallFile', async () => {
    const small: ChildRun[] = [];
    const status: ChildRun[] = [];
    const ids = idsFrom(ledger);
    for (let i = 0; i < Number(args.repeat); i++) {
      status.push(timed(cli('etl', 'status', '--limit', '1'), envFor(data)));
      small.push(timed(cli('etl', 'run', '--source', 'billing', '--no-progress', smallFile(i, ids)), envFor(data)));
      console.log(`  run ${i + 1}: status ${(status[i]!.cpuMs / 1000).toFixed(1)} s CPU; ${SMALL_ROWS}-row load ${(small[i]!.cpuMs / 1000).toFixed(1)} s CPU`);
    }
    const [s, st] = [summary(small), summary(status)];
    return { ms: s.ms, cpuMs: s.cpuMs, maxRssMb: s.maxRssMb, load1: loadavg()[0]!, baseline: { ms: st.ms, cpuMs: st.cpuMs, maxRssMb: st.maxRssMb }, phases: loadPhases(small[small.length - 1]!) };
  });
  await step(p, 'pages', () => pages(data));
  // Last, the baseline the load is compared with (bench:etl's): a bare DuckDB read_csv of the same file.
  await step(p, 'bareRead', async () => {
    const db = join(dir, 'bare.duckdb');
    rmSync(db, { force: true });
    const r = figures(timed([resolve('bench/bareRead.mjs'), ledger, db]));
    rmSync(db, { force: true });
    return r;
  });
  p.finishedAt = new Date().toISOString();
  save(p);
}

/** The server over the warehouse, `clients` signed-in sessions over every page: p50 / p95. */
async function pages(data: string): Promise<StepFigures> {
  const { Client } = await import('../test/auth/authApp.ts');
  const password = 'benchmark only, local';
  await addBenchUser(data, password);
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', join(dir, 'server-time.txt'), 'nice', '-n', '10', process.execPath, SERVER], {
    env: envFor(data, { PORT: String(port), HOST: '127.0.0.1', PRACTICEBOARD_LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('close', () => r()));
  // SIGTERM to the server itself (time's child): /usr/bin/time would die of it and orphan the server.
  const stop = async () => {
    const server = child.pid === undefined ? undefined : timedChild(child.pid);
    if (server !== undefined) process.kill(server, 'SIGTERM');
    await exited;
  };
  await new Promise<void>((r, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString('utf8').includes('PracticeBoard is running')) r();
    });
    child.once('close', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  const startMs = performance.now() - t0;
  const base = `http://127.0.0.1:${port}`;
  const times: number[] = [];
  const clients = [];
  try {
    for (let i = 0; i < Number(args.clients); i++) {
      const c = new Client(base);
      if ((await c.signIn('bench', password)).status !== 303) throw new Error('bench sign-in failed');
      for (const page of PAGES) await (await c.get(page)).text(); // warm-up, not measured
      clients.push(c);
    }
    const t1 = performance.now();
    await Promise.all(
      clients.map(async (c, i) => {
        for (let r = 0; r < Number(args.rounds); r++) {
          for (let k = 0; k < PAGES.length; k++) {
            const page = PAGES[(k + i) % PAGES.length]!; // clients start on different pages
            const s = performance.now();
            const res = await c.get(page);
            await res.text();
            if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
            times.push(performance.now() - s);
          }
        }
      }),
    );
    const seconds = (performance.now() - t1) / 1000;
    const pct = (q: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    const measured = { p50Ms: pct(0.5), p95Ms: pct(0.95), perSecond: times.length / seconds, requests: times.length, clients: clients.length, load1: loadavg()[0]! };
    await stop();
    // The server's own figures over its whole life (start-up, warm-up and the measured rounds).
    const [kb, user, sys] = readFileSync(join(dir, 'server-time.txt'), 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { ms: startMs, cpuMs: (user! + sys!) * 1000, maxRssMb: kb! / 1024, ...measured };
  } finally {
    await stop();
  }
}

/** A manager account for the clients, written before the server starts (as bench/dashboards.ts does in process). */
async function addBenchUser(data: string, password: string): Promise<void> {
  const [{ loadConfig }, { openContext }, { createLogger }, auth, users] = await Promise.all([
    import('../server/config.ts'),
    import('../server/context.ts'),
    import('../server/log.ts'),
    import('../server/auth/index.ts'),
    import('../server/auth/users.ts'),
  ]);
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: data });
  const ctx = await openContext({ ...base, demo: { ...base.demo, loadWhenEmpty: false } }, { logger: createLogger({ level: 'warn' }) });
  try {
    const now = new Date();
    await ctx.warehouse.use(async (c) => (await users.findUserByUsername(c, 'bench')) ?? users.insertUser(c, { username: 'bench', displayName: 'Benchmark', role: 'manager', passwordHash: await auth.hashPassword(password), now }));
  } finally {
    ctx.close();
  }
}

/** Every scale run's figures so far, finished or not, into docs/benchmarks.md. */
function report(): void {
  const runs = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((d) => /^scale-\d+$/.test(d) && existsSync(join(ROOT, d, 'progress.json')))
        .map((d) => readProgress(join(ROOT, d, 'progress.json')))
        .sort((a, b) => a.rows - b.rows)
    : [];
  const body = scaleReport(runs, { cores: cpus().length, memGiB: totalmem() / 2 ** 30, node: process.version, pages: PAGES });
  console.log(body);
  writeSection('scale', body);
}

if (!args.report) await run();
report();
process.exit(0);
