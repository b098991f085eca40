/**
 * Warming the latest draft pack after a load: the newest month on offer that is not approved
 * is built into the pack cache (for the staff, who read drafts) in the background, so the first
 * view after a load finds it built or joins the build in flight.
 * - Never blocks its caller: `trigger()` returns at once; the build runs on a pooled connection,
 *   in its own read snapshot, outside any load or lock.
 * - Bounded: one warm-up at a time; triggers while one runs make at most one more, after it.
 * - A failure is reported to `onError` (the caller logs it) and changes nothing: the page builds
 *   the model itself when asked.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ConnectionPool } from '../../core/pool.ts';
import { packMonths } from '../../reports/months.ts';
import { listApproved } from '../../reports/store/packs.ts';
import { describeError } from '../../core/errors.ts';
import type { Context } from '../context.ts';
import { afterDetection } from '../restatementStep.ts';
import { PackCache, type PackBuilder } from './packCache.ts';

export interface WarmClock {
  /** Today (practice-local ISO date). */
  readonly today: () => string;
  readonly now: () => Date;
  readonly practiceName: () => string;
  /** The practice's IANA time zone (the drafts' times are presented in it). */
  readonly timezone: string;
}

export interface PackWarmer {
  /** Start a warm-up (or ask for one more after the one running). */
  trigger(): void;
  /** Resolves when no warm-up is running or asked for (tests; a clean stop). */
  idle(): Promise<void>;
}

/** The latest month on offer that is not approved: the draft a manager opens next. */
async function latestDraft(conn: DuckDBConnection, today: string): Promise<string | undefined> {
  const approved = new Set((await listApproved(conn)).map((a) => a.month));
  return (await packMonths(conn, today, [...approved])).find((m) => !approved.has(m));
}

export function packWarmer(cache: PackCache, pool: ConnectionPool, clock: WarmClock, onError: (err: unknown) => void): PackWarmer {
  let running: Promise<void> | undefined;
  let again = false;
  const once = () =>
    pool.use(async (conn) => {
      const today = clock.today();
      const month = await latestDraft(conn, today);
      if (month) await cache.model(conn, { month, audience: 'staff', today, practiceName: clock.practiceName(), timezone: clock.timezone }, clock.now());
    });
  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        await once();
      } catch (err) {
        onError(err);
      }
    } while (again);
    running = undefined;
  };
  return {
    trigger() {
      if (running) again = true;
      else running = run();
    },
    async idle() {
      while (running) await running;
    },
  };
}

/**
 * The server's draft pack cache and its warm-up after each detection step of `ctx` (the step
 * runs after every load that changed something, and nightly): what server/app.ts wires.
 * `build` is for tests (count the builds); default buildPackModel.
 */
export function draftPacks(ctx: Context, pool: ConnectionPool, clock: WarmClock, build?: PackBuilder): { readonly packs: PackCache; readonly warmer: PackWarmer } {
  const packs = new PackCache(build ? { build } : {});
  const warmer = packWarmer(packs, pool, clock, (err) => ctx.logger.error({ err: describeError(err) }, 'warming the latest draft pack failed; it is built when opened'));
  afterDetection(ctx, warmer.trigger);
  return { packs, warmer };
}
