/**
 * ETL benchmark (not a test): generates a billing ledger, then times the full load
 * (fingerprint, staging, validation, rejects, merge) against a bare DuckDB read_csv of the same
 * file into a table, alternating runs in one process so machine noise hits both alike, and
 * reports rows per second and their ratio. Both use the product's default DuckDB memory limit. Then loads a larger file in a child process and
 * reports its peak memory. Figures go to docs/benchmarks.md.
 *
 *   npm run bench:etl [-- --rows 1000000 --mem-rows 5000000 --repeat 3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLedger, writeReferenceFiles } from '../demo/generate.ts';
import { loadFile } from '../etl/load/loadFile.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import { Warehouse } from '../core/warehouse/open.ts';
import { loadConfig } from '../server/config.ts';
import { writeSection } from './docs.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, 'mem-rows': { type: 'string', default: '5000000' }, repeat: { type: 'string', default: '3' }, 'memory-child': { type: 'string' } },
});
const KEY = Buffer.alloc(32, 7);
const root = resolve('data/bench');

async function freshWarehouse(name: string): Promise<Warehouse> {
  const path = join(root, `${name}.duckdb`);
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  return Warehouse.open({ path, allowedDirectories: [root], tempDirectory: join(root, 'tmp'), memoryLimit: loadConfig({}).etl.memoryLimit });
}

async function fullLoad(file: string): Promise<{ ms: number; loaded: number }> {
  const wh = await freshWarehouse('full');
  const t0 = performance.now();
  const r = await loadFile({ warehouse: wh, profiles: ProfileRegistry.load(), hmacKey: KEY, tmpDir: join(root, 'tmp') }, { path: file, source: 'billing' });
  const ms = performance.now() - t0;
  wh.close();
  if (r.status !== 'loaded') throw new Error(`bench load ${r.status}: ${r.message}`);
  return { ms, loaded: r.rowsLoaded };
}

async function bareRead(file: string): Promise<number> {
  const wh = await freshWarehouse('bare');
  const ms = await wh.use(async (c) => {
    const t0 = performance.now();
    await c.run('CREATE TABLE bare AS SELECT * FROM read_csv($path)', { path: file });
    return performance.now() - t0;
  });
  wh.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function ledger(rows: number): Promise<string> {
  const file = join(root, `ledger-${rows}.csv`);
  if (!existsSync(file)) {
    console.log(`generating ${rows.toLocaleString()} ledger rows...`);
    await generateLedger({ outPath: file, rows, seed: 7 });
  }
  return file;
}

/** Child mode: load one file and print peak RSS (bytes) as JSON. */
async function memoryChild(file: string): Promise<void> {
  const r = await fullLoad(file);
  console.log(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, ms: r.ms, loaded: r.loaded }));
}

async function main(): Promise<void> {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  if (args['memory-child']) return memoryChild(args['memory-child']);
  const rows = Number(args.rows);
  const repeat = Number(args.repeat);
  const file = await ledger(rows);
  await writeReferenceFiles(root, 7);
  const full: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < repeat; i++) {
    bare.push(await bareRead(file));
    full.push((await fullLoad(file)).ms);
    console.log(`run ${i + 1}: bare ${bare[i]!.toFixed(0)} ms, full ${full[i]!.toFixed(0)} ms`);
  }
  const fullMs = median(full);
  const bareMs = median(bare);
  const memRows = Number(args['mem-rows']);
  const memFile = await ledger(memRows);
  const child = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/etl.ts', '--memory-child', memFile], { encoding: 'utf8' }).trim().split('\n').pop()!) as { maxRssBytes: number; ms: number };
  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${repeat} alternating runs.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| ledger file | ${rows.toLocaleString('en-US')} rows, ${mb(statSync(file).size)} MB |`,
    `| bare DuckDB \`read_csv\` into a table | ${bareMs.toFixed(0)} ms, ${Math.round(rows / (bareMs / 1000)).toLocaleString('en-US')} rows/s |`,
    `| full PracticeBoard load (hash, stage, validate, rejects, merge) | ${fullMs.toFixed(0)} ms, ${Math.round(rows / (fullMs / 1000)).toLocaleString('en-US')} rows/s |`,
    `| **ratio full / bare** (target at most 1.5) | **${(fullMs / bareMs).toFixed(2)}** |`,
    `| peak memory (max RSS) loading ${memRows.toLocaleString('en-US')} rows, ${mb(statSync(memFile).size)} MB (target under 1.5 GB) | **${mb(child.maxRssBytes)} MB** in ${(child.ms / 1000).toFixed(1)} s |`,
  ];
  console.log('\n' + lines.join('\n'));
  writeSection('etl', lines.join('\n'));
}

await main();
