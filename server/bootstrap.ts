/**
 * First start: generate the synthetic demo practice and load it through the ordinary inbox
 * flow, so a new install shows a realistic practice at once. Only a data folder that has never
 * held anything (no warehouse, key, archive, rejected file or run) gets the demo: a missing
 * warehouse in a folder that held a practice's data is reported, never filled with the demo.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo } from '../demo/generate.ts';
import { copyIntoInbox, LOAD_ORDER } from '../etl/inbox.ts';
import type { LoadReport } from '../etl/load/report.ts';
import type { Context } from './context.ts';

export async function warehouseIsEmpty(ctx: Context): Promise<boolean> {
  return ctx.warehouse.use(
    async (c) => Number((await c.runAndReadAll('SELECT (SELECT count(*) FROM etl_file) + (SELECT count(*) FROM etl_run)')).getRows()[0]![0]) === 0,
  );
}

export async function loadDemoIfEmpty(ctx: Context): Promise<LoadReport[] | undefined> {
  const demo = ctx.config.demo;
  if (!demo.loadWhenEmpty || !(await warehouseIsEmpty(ctx))) return undefined;
  if (!ctx.freshDataFolder) {
    ctx.logger.warn(
      { data: ctx.config.paths.data },
      'the warehouse is empty but the data folder has held data before (a key, archived or rejected files, or runs): the demo practice is not loaded here. Restore the warehouse from your backup, or reload the archived exports.',
    );
    return undefined;
  }
  ctx.logger.info({ seed: demo.seed, endMonth: demo.endMonth, data: ctx.config.paths.data }, 'new, empty data folder: generating the demo practice');
  const outDir = ctx.config.paths.demo;
  await generateDemo({ outDir, seed: demo.seed, months: demo.months, endMonth: demo.endMonth });
  const reports: LoadReport[] = [];
  for (const source of LOAD_ORDER) {
    if (source === 'remittance') {
      for (const file of readdirSync(join(outDir, 'remittance')).sort()) {
        const name = copyIntoInbox(join(outDir, 'remittance', file), join(ctx.config.paths.inbox, source), `demo-${file}`);
        reports.push(await ctx.etl.loadInboxFile(source, name));
      }
      continue;
    }
    const name = copyIntoInbox(join(outDir, `${source}.csv`), join(ctx.config.paths.inbox, source), `demo-${source}.csv`);
    reports.push(await ctx.etl.loadInboxFile(source, name));
  }
  ctx.logger.info({ files: reports.length, loaded: reports.filter((r) => r.status === 'loaded').length }, 'demo practice loaded');
  return reports;
}
