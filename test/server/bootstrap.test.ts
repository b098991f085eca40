/**
 * First start: an empty warehouse gets the demo practice through the ordinary inbox flow;
 * a warehouse that has loaded anything is left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';

describe('demo bootstrap', () => {
  it('generates and loads the demo practice into an empty warehouse, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-boot-'));
    const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
    const ctx = await openContext({ ...base, demo: { ...base.demo, months: 2 } }, { logger: createLogger({ level: 'silent' }) });
    try {
      const reports = await loadDemoIfEmpty(ctx);
      expect(reports?.map((r) => [r.source, r.status, r.rowsRejected])).toEqual([
        ['locations', 'loaded', 0],
        ['payers', 'loaded', 0],
        ['providers', 'loaded', 0],
        ['rvus', 'loaded', 0],
        ['budget', 'loaded', 0],
        ['fee_schedule', 'loaded', 0],
        ['billing', 'loaded', 0],
        ['remittance', 'loaded', 0], // one X12 835 per month
        ['remittance', 'loaded', 0],
        ['appointments', 'loaded', 0],
        ['payroll', 'loaded', 0],
      ]);
      const counts = await ctx.warehouse.use(async (c) =>
        (await c.runAndReadAll('SELECT (SELECT count(*) FROM dim_location)::INTEGER, (SELECT count(*) FROM dim_provider)::INTEGER, (SELECT count(*) FROM rollup_flow_month)::INTEGER > 0')).getRows()[0],
      );
      expect(counts).toEqual([3, 12, true]);
      expect(await loadDemoIfEmpty(ctx)).toBeUndefined();
    } finally {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
