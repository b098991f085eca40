/**
 * Every connection of the server process goes through the context's pool: with a pool of one,
 * an ETL load (with its audit entry), a scheduled job's run record, its mail-log line and its
 * "report sent" audit entry all share one connection; the warehouse is asked for no other.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { createScheduling } from '../../server/scheduling.ts';
import { csv } from '../helpers/rows.ts';

let dir: string;
let ctx: Context;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-conn-'));
  const config = loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off' }, dir);
  ctx = await openContext(config, { logger: createLogger({ level: 'silent' }), poolSize: 1 });
});
afterAll(() => {
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string) => ctx.pool.use(async (c) => Number((await c.runAndReadAll(sql)).getRows()[0]![0]));

describe('connections through the cap', () => {
  it('loads, records jobs and mail, and audits over the one pooled connection', async () => {
    const connect = vi.spyOn(ctx.warehouse, 'connect');
    const inbox = join(ctx.config.paths.inbox, 'billing');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'a.csv'), csv('billing', [{ transaction_id: 'T1' }]));
    writeFileSync(join(inbox, 'b.csv'), csv('billing', [{ transaction_id: 'T2' }]));
    const reports = await ctx.etl.scan({ settleMs: 0 });
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'loaded']);

    const clock = () => new Date('2026-02-10T15:00:00Z');
    const { scheduler, mailer } = createScheduling(ctx, ctx.pool, clock);
    const outcome = await scheduler.runNow('collections-summary').done;
    expect(outcome.status).toBe('succeeded');
    await scheduler.stop();
    mailer.close();

    expect(await count("SELECT count(*) FROM audit_log WHERE action = 'etl.run'")).toBe(2);
    expect(await count("SELECT count(*) FROM audit_log WHERE action = 'report.send'")).toBe(1);
    expect(await count("SELECT count(*) FROM job_run WHERE job_id = 'collections-summary' AND status = 'succeeded'")).toBe(1);
    expect(await count('SELECT count(*) FROM mail_log')).toBe(1);
    // The pool opened its one connection on first use; nothing else opened another.
    expect(connect).toHaveBeenCalledTimes(1);
  }, 60_000);
});
