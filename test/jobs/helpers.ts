/**
 * Shared pieces of the scheduler tests: a logger whose lines the test can read, a runJob that
 * records every call (and can be held open), and job definitions.
 */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../server/log.ts';
import type { JobDefinition } from '../../server/jobs/config.ts';
import type { RunInfo, RunJob } from '../../server/jobs/execute.ts';
import type { Trigger } from '../../server/jobs/store.ts';

export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

export interface Call {
  readonly id: string;
  readonly trigger: Trigger;
  readonly run: RunInfo;
  /** The clock when the attempt started. */
  readonly at: Date;
}

/**
 * A runJob that records its calls and tracks how many run at once. `hold()` makes the next
 * calls wait until `release()`; `failWith(fn)` decides per call whether to throw.
 */
export function recordingRunJob(clock: () => Date) {
  const calls: Call[] = [];
  let active = 0;
  let maxActive = 0;
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  let failWith: ((call: Call) => unknown) | null = null;
  const runJob: RunJob = async (id, trigger, run) => {
    const call = { id, trigger, run, at: clock() };
    calls.push(call);
    active += 1;
    maxActive = Math.max(maxActive, active);
    try {
      if (gate) await gate;
      const err = failWith?.(call);
      if (err) throw err;
    } finally {
      active -= 1;
    }
  };
  return {
    runJob,
    calls,
    get maxActive() {
      return maxActive;
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = null;
    },
    failWith(fn: ((call: Call) => unknown) | null) {
      failWith = fn;
    },
  };
}

export const job = (id: string, schedule: string, enabled = true): JobDefinition => ({ id, label: id, schedule, enabled });

/** An error the scheduler retries, like the mailer's for a server that is down. */
export class TransientError extends Error {
  readonly transient = true;
  readonly code = 'MAIL_UNREACHABLE';
}
