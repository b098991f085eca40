/**
 * ETL benchmark (not a test): generates a billing ledger, then times the full load
 * (fingerprint, staging, validation, rejects, merge) against a bare DuckDB read_csv of the same
 * file into a table, alternating runs in one process so machine noise hits both alike, and
 * reports rows per second and their ratio. Both use the product's default DuckDB memory limit. Then loads a larger file in a child process and
 * reports its peak memory. Then the 835 case: `--remit-claims` claim payments as an X12 835 file
 * against the same facts as a billing CSV, both through the full load. Figures go to
 * docs/benchmarks.md.
 *
 *   npm run bench:etl [-- --rows 1000000 --mem-rows 5000000 --repeat 3 --remit-claims 100000]
 *   npm run bench:etl -- --only remittance     # the 835 case alone
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateLedger, writeReferenceFiles } from '../demo/generate.ts';
import { loadFile } from '../etl/load/loadFile.ts';
import { loadRemittance } from '../etl/remittance/loadRemittance.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import { Warehouse } from '../core/warehouse/open.ts';
import { loadConfig } from '../server/config.ts';
import { writeSection } from './docs.ts';
import { writeEra835, writeEra835AsCsv } from './era835.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, 'mem-rows': { type: 'string', default: '5000000' }, repeat: { type: 'string', default: '3' }, 'memory-child': { type: 'string' }, 'remit-claims': { type: 'string', default: '100000' }, only: { type: 'string' } },
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

/** The 835 case: the same claim payments as an 835 and as a billing CSV, each through its full load. */
async function remittanceCase(claims: number, repeat: number): Promise<void> {
  const era = join(root, `era-${claims}.835`);
  const csv = join(root, `era-${claims}.csv`);
  writeEra835(era, claims);
  const csvRows = writeEra835AsCsv(csv, claims);
  const eraMs: number[] = [];
  const csvMs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    csvMs.push((await fullLoad(csv)).ms);
    const wh = await freshWarehouse('era');
    const t0 = performance.now();
    const r = await loadRemittance({ warehouse: wh, profiles: ProfileRegistry.load(), hmacKey: KEY, tmpDir: join(root, 'tmp') }, { path: era });
    eraMs.push(performance.now() - t0);
    wh.close();
    if (r.status !== 'loaded' || r.rowsLoaded !== claims) throw new Error(`bench 835 load ${r.status}: ${r.message}`);
    console.log(`835 run ${i + 1}: csv ${csvMs[i]!.toFixed(0)} ms, 835 ${eraMs[i]!.toFixed(0)} ms`);
  }
  const e = median(eraMs);
  const c = median(csvMs);
  const mb = (p: string) => (statSync(p).size / 1024 / 1024).toFixed(0);
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (shared with other work: read the ratio, not the absolute figures), Node ${process.version}; median of ${repeat} alternating runs.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| X12 835 file | ${claims.toLocaleString('en-US')} claims (one line, CO-45 and PR-2 each) in ${Math.ceil(claims / 1000)} transactions, ${mb(era)} MB |`,
    `| the same facts as a billing CSV | ${csvRows.toLocaleString('en-US')} rows (charge, payment, adjustment, transfer per claim), ${mb(csv)} MB |`,
    `| full 835 load (hash, read, balance, stage, merge) | ${e.toFixed(0)} ms, ${Math.round(claims / (e / 1000)).toLocaleString('en-US')} claims/s |`,
    `| full CSV load of the same facts | ${c.toFixed(0)} ms, ${Math.round(csvRows / (c / 1000)).toLocaleString('en-US')} rows/s |`,
    `| **ratio 835 / CSV** (time for the same facts) | **${(e / c).toFixed(2)}** |`,
  ];
  console.log('\n' + lines.join('\n'));
  writeSection('etl-835', lines.join('\n'));
}

async function main(): Promise<void> {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  if (args['memory-child']) return memoryChild(args['memory-child']);
  if (args.only === 'remittance') return remittanceCase(Number(args['remit-claims']), Number(args.repeat));
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
  await remittanceCase(Number(args['remit-claims']), repeat);
}

await main();
