/**
 * The benchmarks' warehouses: the demo practice (24 months of appointments, payroll, budget and
 * reference data) with a generated billing ledger of the given size, loaded through the real
 * loader with the rollups rebuilt once. Cached under data/bench/dash-<rows>/ between runs.
 * `scratchCopy` gives a throw-away copy of one (for a run that loads into it), `billingLoadFile`
 * a billing file to drop into its inbox.
 */
import { cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { rebuildRollups } from '../dashboards/rollups/rebuild.ts';
import { generateDemo, generateLedger } from '../demo/generate.ts';
import { loadFile } from '../etl/load/loadFile.ts';
import type { SourceName } from '../etl/sources/contract.ts';
import { loadConfig } from '../server/config.ts';
import { openContext, type Context } from '../server/context.ts';
import { createLogger } from '../server/log.ts';

export async function warehouseFor(rows: number, dir = resolve(`data/bench/dash-${rows}`)): Promise<Context> {
  const fresh = !existsSync(join(dir, 'practiceboard.duckdb'));
  mkdirSync(dir, { recursive: true });
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: dir });
  const ctx = await openContext({ ...base, demo: { ...base.demo, loadWhenEmpty: false } }, { logger: createLogger({ level: 'warn' }) });
  if (!fresh) return ctx;
  console.log(`building the ${rows.toLocaleString('en-US')}-row warehouse...`);
  // Generated inside the inbox: loads read only the folders DuckDB may read (inbox, tmp).
  const demo = join(ctx.config.paths.inbox, 'bench-demo');
  const ledger = join(demo, 'ledger.csv');
  await generateDemo({ outDir: demo, seed: 42 });
  await generateLedger({ outPath: ledger, rows, seed: 42 });
  const deps = { ...ctx.etl.deps, rejectThreshold: 0.01 };
  const files: [SourceName, string][] = [
    ['locations', join(demo, 'locations.csv')],
    ['payers', join(demo, 'payers.csv')],
    ['providers', join(demo, 'providers.csv')],
    ['rvus', join(demo, 'rvus.csv')],
    ['budget', join(demo, 'budget.csv')],
    ['appointments', join(demo, 'appointments.csv')],
    ['payroll', join(demo, 'payroll.csv')],
    ['billing', ledger],
  ];
  for (const [source, path] of files) {
    const r = await loadFile({ ...deps, beforeMerge: undefined, afterMerge: undefined }, { path, source });
    if (r.status !== 'loaded') throw new Error(`${source}: ${r.status} ${r.message}`);
  }
  const t0 = performance.now();
  await ctx.warehouse.use((c) => rebuildRollups(c));
  console.log(`rollups rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return ctx;
}


/**
 * A copy of the `rows` warehouse's data folder (warehouse, keys, settings) under
 * data/bench/scratch-<rows>/, replaced on every call, opened: loads into it leave the cached
 * warehouse as it was.
 */
export async function scratchCopy(rows: number): Promise<Context> {
  (await warehouseFor(rows)).close(); // built if missing, and closed before it is copied
  const dir = resolve(`data/bench/scratch-${rows}`);
  rmSync(dir, { recursive: true, force: true });
  const from = resolve(`data/bench/dash-${rows}`);
  // Not the generated source files (the ledger alone is 100 bytes a row): only what a server holds.
  cpSync(from, dir, { recursive: true, filter: (src) => src !== join(from, 'inbox', 'bench-demo') });
  return warehouseFor(rows, dir);
}

/**
 * A billing re-export of the first `rows` rows of the demo ledger (the same transaction ids:
 * the load replaces them, re-reads, types, hashes, merges and refreshes the rollups as a real
 * re-export does), written beside the inbox; `deliver()` moves it into the billing inbox, where
 * the next scan (the scheduler's path) loads it. Each `rows` gives a different file.
 */
export async function billingLoadFile(ctx: Context, rows: number): Promise<{ deliver(): void }> {
  const staged = join(ctx.config.paths.tmp, `bench-reexport-${rows}.csv`);
  await generateLedger({ outPath: staged, rows, seed: 42 });
  const inbox = join(ctx.config.paths.inbox, 'billing');
  mkdirSync(inbox, { recursive: true });
  return { deliver: () => renameSync(staged, join(inbox, `reexport-${rows}.csv`)) };
}

/** The data folder `dir` as it is (a warehouse built elsewhere, e.g. the 10M-row one), opened without the demo. */
export async function openDataFolder(dir: string): Promise<Context> {
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: resolve(dir) });
  return openContext({ ...base, demo: { ...base.demo, loadWhenEmpty: false } }, { logger: createLogger({ level: 'warn' }) });
}

/** A fresh copy of the data folder `dir` at <dir>.scratch (replaced), for a run that loads into it; its path. */
export function scratchOf(dir: string): string {
  const to = `${resolve(dir)}.scratch`;
  rmSync(to, { recursive: true, force: true });
  cpSync(resolve(dir), to, { recursive: true });
  return to;
}

/**
 * A billing re-export of the first `rows` rows of the ledger file `ledger` (the one the
 * warehouse was loaded from: the same transaction ids), staged beside the inbox; `deliver()`
 * moves it into the billing inbox, where the next scan loads it.
 */
export async function ledgerHeadFile(ctx: Context, ledger: string, rows: number): Promise<{ deliver(): void }> {
  const staged = join(ctx.config.paths.tmp, `bench-reexport-${rows}.csv`);
  const out = createWriteStream(staged);
  let n = -1; // the header line is not a row
  for await (const line of createInterface({ input: createReadStream(ledger), crlfDelay: Infinity })) {
    if (n >= rows) break;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  const inbox = join(ctx.config.paths.inbox, 'billing');
  mkdirSync(inbox, { recursive: true });
  return { deliver: () => renameSync(staged, join(inbox, `reexport-${rows}.csv`)) };
}
