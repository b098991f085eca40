/**
 * Warming the dashboard pages after a write: when the data's version moves (writeVersion.ts),
 * the pages asked for most recently (PageCache.recentKeys: page, role, today, filters) are built
 * at the new version in the background, one at a time, so the first view after a load finds its
 * page built or joins the build in flight instead of paying for it (seconds at 10M rows).
 * - Never blocks the writer: a move only schedules a warm-up, `quietMs` after the last move (a
 *   load's writes come in bursts); one warm-up at a time, moves during it ask for one more.
 * - Builds on one pooled connection at a time, each page in its own snapshot begun after the
 *   version was read: what a request at that version would have built and kept (PageCache.serve,
 *   which also makes a request for a page being warmed wait for that build).
 * - Only keys of today (a key of yesterday is no page anyone will ask for again); it stops early
 *   when the version moves again (the next warm-up starts over at the newer one).
 * - A failure is reported to `onError` and changes nothing: the page is built when asked.
 */
import type { Body, PageCache, PageKey } from './pageCache.ts';
import type { WriteVersion } from './writeVersion.ts';

export interface PageWarmer {
  /** Resolves when no warm-up is scheduled or running (tests; a clean stop). */
  idle(): Promise<void>;
  /** No more warm-ups (the app is closing); one running finishes its current page. */
  stop(): void;
}

export interface PageWarmOptions<B extends Body> {
  readonly cache: PageCache<B>;
  readonly version: WriteVersion;
  /** Builds `key`'s body (on its own connection and snapshot); `dontKeep` as in PageCache.serve. */
  readonly build: (key: PageKey, dontKeep: () => void) => Promise<B>;
  readonly today: () => string;
  readonly onError: (err: unknown) => void;
  /** Quiet time after the last move before a warm-up starts (default 200 ms). */
  readonly quietMs?: number;
}

export function pageWarmer<B extends Body>(opts: PageWarmOptions<B>): PageWarmer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const once = async (): Promise<void> => {
    const version = opts.version.current();
    const today = opts.today();
    for (const key of opts.cache.recentKeys()) {
      if (stopped || opts.version.current() !== version) return;
      if (key.today !== today) continue;
      try {
        await opts.cache.serve(version, key, (dontKeep) => opts.build(key, dontKeep));
      } catch (err) {
        opts.onError(err);
      }
    }
  };
  const run = async (): Promise<void> => {
    do {
      again = false;
      await once();
    } while (again && !stopped);
    running = undefined;
  };
  const start = () => {
    timer = undefined;
    if (stopped) return;
    if (running) again = true;
    else running = run();
  };
  const unsubscribe = opts.version.onMove(() => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, opts.quietMs ?? 200);
    timer.unref();
  });
  return {
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
