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
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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
  const key = cacheKey(config.demo);
  const ready = join(root, `demo-${key}`);
  const lock = join(root, `demo-${key}.lock`);
  if (!existsSync(ready)) {
    let builder = false;
    try {
      mkdirSync(lock);
      builder = true;
    } catch {
      // Another test process is building it: wait for it (a generous bound; then build our own).
    }
    if (builder) {
      await build(root, config.demo, ready);
    } else {
      const until = Date.now() + 600_000;
      while (!existsSync(ready) && Date.now() < until) await sleep(250);
      if (!existsSync(ready)) return false;
    }
  }
  mkdirSync(data, { recursive: true });
  cpSync(ready, data, { recursive: true });
  return true;
}
