/**
 * The scheduler's side effects on time, passed in so tests use fake timers: a heartbeat that
 * wakes the scheduler at the top of every minute, and one-off timers for retry waits.
 * In the server the heartbeat is a node-cron task on "* * * * *" (every minute matches in every
 * time zone, so daylight-saving changes cannot skip or repeat a beat); what is due on a beat is
 * decided by the pure functions in cronTime.ts, never by node-cron's own matching.
 */
import cron from 'node-cron';

export interface Beat {
  stop(): void;
}

export interface SchedulerTimers {
  /** Call `onBeat` about once a minute until stopped. */
  heartbeat(onBeat: () => void): Beat;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: SchedulerTimers = {
  heartbeat(onBeat) {
    // A beat node-cron missed (a blocked event loop) needs no warning: the next beat sees the
    // same due slots, since what is due is computed from the clock, not from beats.
    const task = cron.schedule('* * * * *', () => onBeat(), { name: 'practiceboard-scheduler', suppressMissedWarning: true });
    return { stop: () => void task.destroy() };
  },
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A heartbeat from `setInterval`, for tests under fake timers: beats every `everyMs` from now. */
export function intervalTimers(everyMs = 60_000): SchedulerTimers {
  return {
    heartbeat(onBeat) {
      const handle = setInterval(onBeat, everyMs);
      return { stop: () => clearInterval(handle) };
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
