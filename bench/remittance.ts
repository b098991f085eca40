/**
 * The 835 benchmark (not a test), `npm run bench:remittance`: the same claim
 * payments as an X12 835 file and as a billing CSV, each through its full load (hash, read,
 * balance, stage, merge), alternating in one process so machine noise hits both alike; the
 * figure is their ratio. Figures go to docs/benchmarks.md.
 *
 *   npm run bench:remittance [-- --remit-claims 100000 --repeat 3]
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFile } from '../etl/load/loadFile.ts';
import { loadRemittance } from '../etl/remittance/loadRemittance.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import { Warehouse } from '../core/warehouse/open.ts';
import { loadConfig } from '../server/config.ts';
import { writeSection } from './docs.ts';
import { writeEra835, writeEra835AsCsv } from './era835.ts';

const { values: args } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, 'remit-claims': { type: 'string', default: '100000' } } });
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
  const r = await loadFile({ warehouse: wh, profiles: ProfileRegistry.load(), hmacKey: KEY, timezone: 'America/New_York', tmpDir: join(root, 'tmp') }, { path: file, source: 'billing' });
  const ms = performance.now() - t0;
  wh.close();
  if (r.status !== 'loaded') throw new Error(`bench load ${r.status}: ${r.message}`);
  return { ms, loaded: r.rowsLoaded };
}


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
    const r = await loadRemittance({ warehouse: wh, profiles: ProfileRegistry.load(), hmacKey: KEY, timezone: 'America/New_York', tmpDir: join(root, 'tmp') }, { path: era });
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

mkdirSync(join(root, 'tmp'), { recursive: true });
await remittanceCase(Number(args['remit-claims']), Number(args.repeat));
