/**
 * One loaded demo practice per test run, copied into each test's data folder.
 *
 * Generating and loading the demo practice (the same seeded files through the same ETL) is the
 * largest fixed cost of the server and report tests, and its result depends only on the demo
 * settings. The first test that asks builds it once, through the product's own path
 * (`openContext` + `loadDemoIfEmpty`), into the run's cache folder (made by test/globalSetup.ts
 * and removed when the run ends); every other test copies that data folder (warehouse, key,
 * archive receipts) into its own new folder before opening it, so tests stay independent and
 * nothing is shared while open. Without the run's cache folder (a test run outside vitest's
 * global setup), nothing is cached and the caller loads the demo itself.
 *
 * The global setup also builds the variants most tests use ahead of time, in a child process
 * (test/helpers/buildDemoCache.ts, `prebuildDemoCaches`) while the workers start on files that
 * need no demo. A build holds the variant's lock folder; whoever waits on it copies the result,
 * or loads the demo itself if the build left its failure marker.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { CACHE_ENV } from './cacheEnv.ts';

function cacheKey(demo: Config['demo']): string {
  return createHash('sha256').update(JSON.stringify(demo)).digest('hex').slice(0, 16);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function build(root: string, demo: Config['demo'], target: string): Promise<void> {
  const work = join(root, `build-${process.pid}-${Date.now()}`);
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(work, 'data') }, work);
  const ctx = await openContext({ ...base, demo }, { logger: createLogger({ level: 'silent' }) });
  try {
    const reports = await loadDemoIfEmpty(ctx);
    if (!reports || !reports.every((r) => r.status === 'loaded')) throw new Error('the demo practice did not load whole');
  } finally {
    ctx.close();
  }
  renameSync(join(work, 'data'), target);
  rmSync(work, { recursive: true, force: true });
}

/** The cache's three paths for a demo variant: the built folder, the build's lock, its failure marker. */
function slots(root: string, demo: Config['demo']): { ready: string; lock: string; failed: string } {
  const key = cacheKey(demo);
  return { ready: join(root, `demo-${key}`), lock: join(root, `demo-${key}.lock`), failed: join(root, `demo-${key}.failed`) };
}

/** The demo settings a test gets for `months` of history, as test/helpers/appServer.ts and test/reports/demo.ts make them. */
export function demoSettings(months: number): Config['demo'] {
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(tmpdir(), 'pb-demo-settings', 'data') }, join(tmpdir(), 'pb-demo-settings'));
  return { ...base.demo, months };
}

/**
 * Build the demo practice with each of `monthsList` months of history, in order, into the run's
 * cache `root`, as the tests would ask for it (`demoSettings`). Every variant's lock is taken
 * first, then `locked` is called (the global setup lets the workers start only then, so that
 * tests wait for this build instead of racing it). A failed build leaves its failure marker:
 * the tests that wait then load the demo themselves, and fail there if the product does.
 */
export async function prebuildDemoCaches(root: string, monthsList: readonly number[], locked: () => void): Promise<boolean> {
  const variants = monthsList.map(demoSettings).filter((demo) => {
    try {
      mkdirSync(slots(root, demo).lock);
      return true;
    } catch {
      return false; // already being built
    }
  });
  locked();
  let ok = true;
  for (const demo of variants) {
    const s = slots(root, demo);
    try {
      await build(root, demo, s.ready);
    } catch (e) {
      ok = false;
      writeFileSync(s.failed, e instanceof Error ? e.message : String(e));
    }
  }
  return ok;
}

/**
 * Fill `config.paths.data` (new and empty) with the run's loaded demo practice for
 * `config.demo`. Returns false when there is no run cache (the caller loads the demo itself).
 */
export async function seedDemoData(config: Config): Promise<boolean> {
  const root = process.env[CACHE_ENV];
  if (!root || !existsSync(root)) return false;
  const data = config.paths.data;
  // The cached warehouse carries its own key file and sits at the default place in the folder.
  if (config.hmacKeyEnv || config.paths.warehouse !== join(data, 'practiceboard.duckdb') || !config.demo.loadWhenEmpty) return false;
  if (existsSync(data) && readdirSync(data).length > 0) throw new Error(`seedDemoData: ${data} is not empty`);
  const { ready, lock, failed } = slots(root, config.demo);
  if (!existsSync(ready)) {
    let builder = false;
    try {
      mkdirSync(lock);
      builder = true;
    } catch {
      // Another process is building it (a test, or the global setup's prebuild): wait for it
      // (a generous bound; on its failure or past the bound, the caller loads its own).
    }
    if (builder) {
      await build(root, config.demo, ready);
    } else {
      const until = Date.now() + 600_000;
      while (!existsSync(ready) && !existsSync(failed) && Date.now() < until) await sleep(100);
      if (!existsSync(ready)) return false;
    }
  }
  mkdirSync(data, { recursive: true });
  cpSync(ready, data, { recursive: true });
  return true;
}
