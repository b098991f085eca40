/**
 * One run of a job, from its first attempt to its end: records the run, each attempt (with the
 * wait before the next) and the outcome; retries a transient failure with backoff; never
 * rejects. Errors reach the store and the log as a code and a data-free message only.
 */
import type { Logger } from '../log.ts';
import type { RetryPolicy } from './config.ts';
import { describeJobError, type JobFailure } from './errors.ts';
import type { JobStore, Trigger } from './store.ts';

export interface RunInfo {
  readonly runId: string;
  /** The schedule slot this run took; null for a manual run. */
  readonly scheduledFor: Date | null;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export type RunJob = (id: string, trigger: Trigger, run: RunInfo) => Promise<void>;

export interface RunOutcome {
  readonly jobId: string;
  /** Null only when the store could not record the run. */
  readonly runId: string | null;
  readonly trigger: Trigger;
  readonly status: 'succeeded' | 'failed';
  readonly attempts: number;
  readonly error: JobFailure | null;
}

export interface ExecuteRequest {
  readonly jobId: string;
  readonly trigger: Trigger;
  readonly scheduledFor: Date | null;
  readonly startedAt: Date;
  readonly options: { readonly clock: () => Date; readonly runJob: RunJob; readonly store: JobStore; readonly logger: Logger };
  readonly retry: RetryPolicy;
  readonly onAttempt: (attempt: number, retrying: boolean) => void;
  /** Resolves true after `ms`, false if the wait was cancelled. */
  readonly wait: (ms: number) => Promise<boolean>;
}

const STOPPED: JobFailure = { code: 'SCHEDULER_STOPPED', message: 'the server stopped before the next attempt', transient: false };

export const retryDelay = (retry: RetryPolicy, attempt: number): number => retry.delaysMs[Math.min(attempt - 1, retry.delaysMs.length - 1)] ?? 0;

export async function executeRun(req: ExecuteRequest): Promise<RunOutcome> {
  const { clock, runJob, store, logger } = req.options;
  const { jobId, trigger, scheduledFor } = req;
  let runId: string | null = null;
  let attempts = 0;
  let failure: JobFailure | null = null;
  try {
    runId = await store.startRun({ jobId, trigger, scheduledFor, startedAt: req.startedAt });
    logger.info({ job: jobId, run: runId, trigger, scheduledFor: scheduledFor?.toISOString() ?? null }, 'job started');
    for (let attempt = 1; ; attempt += 1) {
      attempts = attempt;
      req.onAttempt(attempt, false);
      const startedAt = clock();
      try {
        await runJob(jobId, trigger, { runId, scheduledFor, attempt });
        failure = null;
        await store.recordAttempt({ runId, attempt, startedAt, endedAt: clock(), status: 'succeeded', errorCode: null, errorMessage: null, retryInMs: null });
        break;
      } catch (err) {
        failure = describeJobError(err);
        const retryInMs = failure.transient && attempt < req.retry.attempts ? retryDelay(req.retry, attempt) : null;
        await store.recordAttempt({ runId, attempt, startedAt, endedAt: clock(), status: 'failed', errorCode: failure.code, errorMessage: failure.message, retryInMs });
        logger.warn({ job: jobId, run: runId, attempt, code: failure.code, transient: failure.transient, retryInMs }, 'job attempt failed');
        if (retryInMs === null) break;
        req.onAttempt(attempt, true);
        if (!(await req.wait(retryInMs))) {
          failure = STOPPED;
          break;
        }
      }
    }
    await store.finishRun(runId, { endedAt: clock(), status: failure ? 'failed' : 'succeeded', attempts, errorCode: failure?.code ?? null, errorMessage: failure?.message ?? null });
  } catch (storeErr) {
    // The record itself failed (the warehouse is unavailable): the run cannot be trusted as done.
    failure = describeJobError(storeErr);
    logger.error({ job: jobId, run: runId, code: failure.code, name: (storeErr as Error).name }, 'job run could not be recorded');
  }
  const status = failure ? 'failed' : 'succeeded';
  const log = failure ? logger.warn.bind(logger) : logger.info.bind(logger);
  log({ job: jobId, run: runId, trigger, status, attempts, code: failure?.code ?? null }, 'job finished');
  return { jobId, runId, trigger, status, attempts, error: failure };
}
