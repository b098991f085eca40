/**
 * The restatement detection step, explicit and the only writer of restatements: approved packs
 * are compared with the data where a load happened since their last comparison, and what
 * changed is recorded (reports/store restatements). It runs after every load that changed
 * something, whoever asked for it (the scheduled inbox scan, "scan now", an upload, a corrected
 * file, `practiceboard etl run` in-process or handed to the server), and nightly as a job, so a
 * restatement is on record before anyone reads the pack. Reading a pack never writes, and
 * never rebuilds an approved pack to compare it.
 * After the step, a follow-up registered for the context (`afterDetection`; the app warms the
 * latest draft pack) is started in the background: never awaited, so it never holds up the
 * load, its caller or the scheduler's lock.
 */
import { describeError } from '../core/errors.ts';
import { practiceClock } from '../core/clock.ts';
import type { ConnectionPool } from '../core/pool.ts';
import type { LoadReport } from '../etl/load/report.ts';
import { listApproved } from '../reports/store/packs.ts';
import type { Context } from './context.ts';

const followUps = new WeakMap<Context, () => void>();

/** What to start (in the background) after each detection step of this context; one per context. */
export function afterDetection(ctx: Context, start: () => void): void {
  followUps.set(ctx, start);
}

/**
 * Compare every approved pack that has had a load since its last comparison; record what
 * changed. The comparison is of presented numbers, so the packs are built without their story.
 */
export async function detectAfterLoad(ctx: Context, pool: ConnectionPool, clock: () => Date): Promise<void> {
  const now = clock();
  const today = practiceClock(ctx.config.timezone, () => now).today();
  try {
    await pool.use(async (conn) => {
      // No approved pack, nothing to compare: the comparison and the pack builder (metric
      // catalog, charts) are loaded only when there is one (a command's start-up stays small).
      if ((await listApproved(conn)).length === 0) return;
      const [{ detectRestatements }, { buildPackModel }] = await Promise.all([import('../reports/store/restatements.ts'), import('../reports/build.ts')]);
      await detectRestatements(conn, (month) => buildPackModel(conn, { month, today, practiceName: ctx.config.practiceName, now, restatements: 'none' }));
    });
  } finally {
    // Started, not awaited: it reports its own failures.
    followUps.get(ctx)?.();
  }
}

/** A load changed the warehouse: it loaded (a duplicate, a rejected or failed file changes nothing). */
export const changedSomething = (reports: readonly LoadReport[]): boolean => reports.some((r) => r.status === 'loaded');

/**
 * After a load asked for by a person or a command: the detection step when the load changed
 * something. The load itself has committed, so a detection failure does not fail it: it is logged
 * (class, code and message only) and the nightly check runs the step again.
 */
export async function detectIfChanged(ctx: Context, clock: () => Date, reports: readonly LoadReport[]): Promise<void> {
  if (!changedSomething(reports)) {
    // Nothing to compare, but a run was recorded (the data version moved): the follow-up still runs.
    if (reports.length > 0) followUps.get(ctx)?.();
    return;
  }
  try {
    await detectAfterLoad(ctx, ctx.pool, clock);
  } catch (err) {
    ctx.logger.error({ err: describeError(err) }, 'restatement detection after a load failed; the nightly check runs it again');
  }
}
