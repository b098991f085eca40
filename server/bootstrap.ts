/**
 * First start on an empty warehouse: generate the synthetic demo practice and load it through
 * the ordinary inbox flow, so a new install shows a realistic practice at once. A warehouse
 * that has ever loaded a file is never touched.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo } from '../demo/generate.ts';
import { LOAD_ORDER } from '../etl/inbox.ts';
import type { LoadReport } from '../etl/load/report.ts';
import type { Context } from './context.ts';

export async function warehouseIsEmpty(ctx: Context): Promise<boolean> {
  return ctx.warehouse.use(async (c) => Number((await c.runAndReadAll('SELECT count(*) FROM etl_file')).getRows()[0]![0]) === 0);
}

export async function loadDemoIfEmpty(ctx: Context): Promise<LoadReport[] | undefined> {
  const demo = ctx.config.demo;
  if (!demo.loadWhenEmpty || !(await warehouseIsEmpty(ctx))) return undefined;
  ctx.logger.info({ seed: demo.seed, endMonth: demo.endMonth }, 'empty warehouse: generating the demo practice');
  const outDir = ctx.config.paths.demo;
  await generateDemo({ outDir, seed: demo.seed, months: demo.months, endMonth: demo.endMonth });
  for (const source of LOAD_ORDER) {
    const dir = join(ctx.config.paths.inbox, source);
    mkdirSync(dir, { recursive: true });
    if (source === 'remittance') {
      for (const name of readdirSync(join(outDir, 'remittance'))) copyFileSync(join(outDir, 'remittance', name), join(dir, `demo-${name}`));
    } else copyFileSync(join(outDir, `${source}.csv`), join(dir, `demo-${source}.csv`));
  }
  const reports = await ctx.etl.scan({ settleMs: 0 });
  ctx.logger.info({ files: reports.length, loaded: reports.filter((r) => r.status === 'loaded').length }, 'demo practice loaded');
  return reports;
}
