/**
 * A 3-month demo practice (August to October 2026) in a temporary warehouse, loaded once per
 * test file through the ordinary inbox flow, with the clock of the dashboards' tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoIfEmpty } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { detectAfterLoad } from '../../server/restatementStep.ts';
import { seedDemoData } from '../helpers/demoCache.ts';

export const NOW = new Date('2026-11-15T15:00:00Z');
export const TODAY = '2026-11-15';
export const PRACTICE = 'Riverside Medical Group';

export interface Demo {
  readonly ctx: Context;
  readonly dir: string;
  /** Put a billing CSV in the inbox and load it, as a later month-end reload would. */
  loadBilling(name: string, csv: string): Promise<void>;
  /** The restatement detection step at `at`, as the server runs it after a load that changed something. */
  detect(at: Date): Promise<void>;
  close(): void;
}

export async function openDemo(): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-reports-'));
  const base = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir);
  const config = { ...base, demo: { ...base.demo, months: 3 } };
  await seedDemoData(config);
  const ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
  await loadDemoIfEmpty(ctx);
  return {
    ctx,
    dir,
    async loadBilling(name, csv) {
      const inbox = join(ctx.config.paths.inbox, 'billing');
      mkdirSync(inbox, { recursive: true });
      writeFileSync(join(inbox, name), csv);
      const reports = await ctx.etl.scan({ settleMs: 0, sources: ['billing'] });
      if (!reports.every((r) => r.status === 'loaded')) throw new Error(`billing reload failed: ${reports.map((r) => r.status).join(', ')}`);
    },
    detect: (at) => detectAfterLoad(ctx, ctx.pool, () => at),
    close() {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
