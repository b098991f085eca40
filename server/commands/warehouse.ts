/**
 * `practiceboard warehouse rebuild` (every rollup rebuilt in full, in one transaction: after a
 * change of the adjustment rules, or to check the incremental refresh) and `practiceboard
 * warehouse export --parquet DIR [--practice ID]` (warehouseExport.ts). Both need the warehouse
 * to themselves: the command line opens it through `open`, which refuses while the server holds it.
 * What they run is imported when they run (the command line's start-up registers them only).
 */
import type { Command } from 'commander';
import type { Context } from '../context.ts';

export type OpenWarehouse = <T>(fn: (ctx: Context) => Promise<T>) => Promise<T>;

export async function rebuildWarehouse(ctx: Context): Promise<number> {
  const { rebuildRollups } = await import('../../dashboards/rollups/rebuild.ts');
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
      const { exportParquet, practiceSlug } = await import('./warehouseExport.ts');
      const r = await open((ctx) =>
        ctx.warehouse.use((c) => exportParquet(c, { dir: o.parquet, practice: o.practice ?? practiceSlug(ctx.config.practiceName), scratch: ctx.config.paths.tmp })),
      );
      const rows = r.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`Exported ${r.tables.length} tables (${rows.toLocaleString('en-US')} rows) to ${r.dir}.`);
    });
}
