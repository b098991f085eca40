/**
 * A start that keeps nothing lost (issue 10, items 5, 6 and 8): a missing patient-hash key
 * stops the start once patient ids are hashed (no new key is made); the demo practice goes only
 * into a data folder that never held anything; a damaged warehouse is named; temporary files
 * of a killed process are removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { csv } from '../helpers/rows.ts';

let dir: string;
let config: Config;
const quiet = { logger: createLogger({ level: 'silent' }) };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-start-'));
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
  config = { ...base, demo: { ...base.demo, months: 2 } };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function loadOne(name: string, text: string): Promise<void> {
  const ctx = await openContext(config, quiet);
  try {
    mkdirSync(join(config.paths.inbox, 'billing'), { recursive: true });
    writeFileSync(join(config.paths.inbox, 'billing', name), text);
    expect((await ctx.etl.loadInboxFile('billing', name)).status).toBe('loaded');
  } finally {
    ctx.close();
  }
}

describe('start-up', () => {
  it('refuses to start without the key once patient ids are hashed, and makes no new key', async () => {
    await loadOne('a.csv', csv('billing', [{ transaction_id: 'T1', patient_id: 'P1' }]));
    rmSync(config.paths.keyFile);
    await expect(openContext(config, quiet)).rejects.toMatchObject({ code: 'KEY_MISSING', message: expect.stringContaining(`the patient-hash key file ${config.paths.keyFile} is missing`) });
    expect(existsSync(config.paths.keyFile)).toBe(false);
    // A different key is refused too.
    writeFileSync(config.paths.keyFile, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    await expect(openContext(config, quiet)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
  });

  it('does not generate the demo into a data folder that held data, when its warehouse is missing', async () => {
    await loadOne('a.csv', csv('billing', [{ transaction_id: 'T1' }]));
    rmSync(config.paths.warehouse);
    rmSync(`${config.paths.warehouse}.wal`, { force: true });
    const ctx = await openContext(config, quiet);
    try {
      expect(ctx.freshDataFolder).toBe(false);
      expect(await loadDemoIfEmpty(ctx)).toBeUndefined();
      expect(await ctx.warehouse.use(async (c) => (await c.runAndReadAll('SELECT count(*)::INTEGER FROM etl_run')).getRows())).toEqual([[0]]);
      expect(existsSync(config.paths.demo)).toBe(false);
    } finally {
      ctx.close();
    }
  });

  it('scans only settled files, as the start-up, command-line and internal-API scans do (no settle override)', async () => {
    const ctx = await openContext({ ...config, etl: { ...config.etl, settleMs: 60_000 } }, quiet);
    try {
      mkdirSync(join(config.paths.inbox, 'billing'), { recursive: true });
      const settled = join(config.paths.inbox, 'billing', 'old.csv');
      writeFileSync(settled, csv('billing', [{ transaction_id: 'T1' }]));
      utimesSync(settled, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
      writeFileSync(join(config.paths.inbox, 'billing', 'arriving.csv'), csv('billing', [{ transaction_id: 'T2' }]));
      const unsettled: string[] = [];
      const reports = await ctx.etl.scan({ onUnsettled: (src, name) => unsettled.push(`${src}/${name}`) });
      expect(reports.map((r) => [r.fileName, r.status])).toEqual([['billing/old.csv', 'loaded']]);
      expect(unsettled).toEqual(['billing/arriving.csv']);
      expect(readdirSync(join(config.paths.inbox, 'billing'))).toEqual(['arriving.csv']);
    } finally {
      ctx.close();
    }
  });

  it('rebuilds rollups stored with other columns than their queries give now (a warehouse from an earlier version)', async () => {
    await loadOne('a.csv', csv('billing', [{ transaction_id: 'T1', amount_usd: '10.00' }, { transaction_id: 'T2', amount_usd: '2.50' }]));
    const flows = 'SELECT month_start::VARCHAR, sum(txns_n)::INTEGER FROM rollup_ar_flow_month GROUP BY ALL ORDER BY 1';
    let ctx = await openContext(config, quiet);
    let before: unknown[][] = [];
    try {
      before = await ctx.warehouse.use(async (c) => {
        const rows = (await c.runAndReadAll(flows)).getRowsJS();
        // As an earlier version stored it: without the transaction count.
        await c.run('ALTER TABLE rollup_ar_flow_month DROP COLUMN txns_n');
        return rows;
      });
    } finally {
      ctx.close();
    }
    expect(before).toEqual([['2026-01-01', 2]]);
    ctx = await openContext(config, quiet);
    try {
      expect(await ctx.warehouse.use(async (c) => (await c.runAndReadAll(flows)).getRowsJS())).toEqual(before);
      // And the next load refreshes it in part without a column mismatch.
      mkdirSync(join(config.paths.inbox, 'billing'), { recursive: true });
      writeFileSync(join(config.paths.inbox, 'billing', 'b.csv'), csv('billing', [{ transaction_id: 'T3', amount_usd: '1.00' }]));
      expect((await ctx.etl.loadInboxFile('billing', 'b.csv')).status).toBe('loaded');
      expect(await ctx.warehouse.use(async (c) => (await c.runAndReadAll(flows)).getRowsJS())).toEqual([['2026-01-01', 3]]);
    } finally {
      ctx.close();
    }
  });

  it('names a damaged warehouse instead of an IO error', async () => {
    mkdirSync(config.paths.data, { recursive: true });
    writeFileSync(config.paths.warehouse, Buffer.alloc(64 * 1024, 7));
    await expect(openContext(config, quiet)).rejects.toMatchObject({ message: expect.stringContaining('is not a DuckDB warehouse or is damaged. Restore it from your backup') });
  });

  it('removes partial uploads, scan copies and old half-copied inbox files; keeps a copy in progress', async () => {
    const uploads = join(config.paths.tmp, 'uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, '3f9a0c'), 'half an upload');
    writeFileSync(join(config.paths.tmp, 'r20261101-000000-abcdef.canon.csv'), 'x');
    mkdirSync(join(config.paths.inbox, 'billing'), { recursive: true });
    const old = join(config.paths.inbox, 'billing', '.ledger.csv.partial');
    writeFileSync(old, 'half a copy');
    utimesSync(old, new Date('2026-01-01'), new Date('2026-01-01'));
    writeFileSync(join(config.paths.inbox, 'billing', '.now.csv.partial'), 'copy in progress');
    const ctx = await openContext(config, quiet);
    ctx.close();
    expect(readdirSync(uploads)).toEqual([]);
    expect(readdirSync(config.paths.tmp).filter((n) => n.endsWith('.csv'))).toEqual([]);
    expect(readdirSync(join(config.paths.inbox, 'billing'))).toEqual(['.now.csv.partial']);
  });
});
