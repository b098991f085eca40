/**
 * `practiceboard warehouse rebuild` (every rollup rebuilt in full, in one transaction: after a
 * change of the adjustment rules, or to check the incremental refresh) and `practiceboard
 * warehouse export --parquet DIR [--practice ID]` (warehouseExport.ts). Both need the warehouse
 * to themselves: the command line opens it through `open`, which refuses while the server holds it.
 */
import type { Command } from 'commander';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import type { Context } from '../context.ts';
import { exportParquet, practiceSlug } from './warehouseExport.ts';

export type OpenWarehouse = <T>(fn: (ctx: Context) => Promise<T>) => Promise<T>;

export async function rebuildWarehouse(ctx: Context): Promise<number> {
  const t0 = performance.now();
  await ctx.warehouse.use(async (c) => {
    await c.run('BEGIN TRANSACTION');
    try {
      await rebuildRollups(c);
      await c.run('COMMIT');
    } catch (err) {
      await c.run('ROLLBACK');
      throw err;
    }
  });
  return performance.now() - t0;
}

export function registerWarehouseCommands(program: Command, open: OpenWarehouse): void {
  const wh = program.command('warehouse').description('the warehouse as a whole (the server must be stopped)');
  wh.command('rebuild')
    .description('rebuild every rollup from the facts, in full')
    .action(async () => {
      const ms = await open((ctx) => rebuildWarehouse(ctx));
      console.log(`Rebuilt every rollup in ${(ms / 1000).toFixed(1)} s.`);
    });
  wh.command('export')
    .description('export the facts (one folder per practice and month), dimensions and rollups as a Parquet lake')
    .requiredOption('--parquet <dir>', 'the lake folder')
    .option('--practice <id>', 'the practice id in the lake (default: from the practice name)')
    .action(async (o: { parquet: string; practice?: string }) => {
      const r = await open((ctx) =>
        ctx.warehouse.use((c) => exportParquet(c, { dir: o.parquet, practice: o.practice ?? practiceSlug(ctx.config.practiceName), scratch: ctx.config.paths.tmp })),
      );
      const rows = r.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`Exported ${r.tables.length} tables (${rows.toLocaleString('en-US')} rows) to ${r.dir}.`);
    });
}
