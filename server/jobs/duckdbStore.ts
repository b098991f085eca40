/**
 * The scheduler's records in the warehouse (tables job_run and job_attempt, migration 005).
 * Instants are written and read as epoch milliseconds, so no time zone or string format stands
 * between the scheduler's Date and the stored TIMESTAMP (UTC).
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBValue } from '@duckdb/node-api';
import type { AttemptRecord, JobRun, JobStore, RunEnd, RunStatus, Trigger } from './store.ts';
import type { Db } from '../../core/db.ts';


const ts = (param: string) => `epoch_ms(CAST($${param} AS BIGINT))`;

const MARK_INTERRUPTED_SQL = `UPDATE job_run SET status = 'interrupted', ended_at = ${ts('at')} WHERE status = 'running' RETURNING run_id`;

const LAST_SCHEDULED_SQL = `
SELECT epoch_ms(max(scheduled_for)) AS ms FROM job_run
WHERE job_id = $job AND trigger IN ('schedule', 'catch-up') AND scheduled_for IS NOT NULL`;

const START_RUN_SQL = `
INSERT INTO job_run (run_id, job_id, trigger, scheduled_for, started_at, ended_at, status, attempts_n, error_code, error_message)
VALUES ($run, $job, $trigger, ${ts('scheduled')}, ${ts('started')}, NULL, 'running', 0, NULL, NULL)`;

const RECORD_ATTEMPT_SQL = `
INSERT INTO job_attempt (run_id, attempt_n, started_at, ended_at, status, error_code, error_message, retry_in_ms)
VALUES ($run, $attempt, ${ts('started')}, ${ts('ended')}, $status, $code, $message, CAST($retry AS BIGINT))`;

const UPDATE_ATTEMPTS_SQL = 'UPDATE job_run SET attempts_n = $attempt WHERE run_id = $run';

const FINISH_RUN_SQL = `
UPDATE job_run SET ended_at = ${ts('ended')}, status = $status, attempts_n = $attempts, error_code = $code, error_message = $message
WHERE run_id = $run`;

const RUN_COLUMNS = `run_id, job_id, trigger, epoch_ms(scheduled_for) AS scheduled_ms, epoch_ms(started_at) AS started_ms,
  epoch_ms(ended_at) AS ended_ms, status, attempts_n, error_code, error_message`;

const LAST_RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM job_run QUALIFY row_number() OVER (PARTITION BY job_id ORDER BY started_at DESC, run_id DESC) = 1`;

const RECENT_RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM job_run ORDER BY started_at DESC, run_id DESC LIMIT $limit`;

const ATTEMPTS_SQL = `
SELECT run_id, attempt_n, epoch_ms(started_at) AS started_ms, epoch_ms(ended_at) AS ended_ms, status, error_code, error_message, retry_in_ms
FROM job_attempt WHERE run_id = $run ORDER BY attempt_n`;

type Row = Record<string, DuckDBValue>;
const date = (v: DuckDBValue): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const text = (v: DuckDBValue): string | null => (v === null || v === undefined ? null : String(v));

function toRun(r: Row): JobRun {
  return {
    runId: String(r.run_id),
    jobId: String(r.job_id),
    trigger: String(r.trigger) as Trigger,
    scheduledFor: date(r.scheduled_ms),
    startedAt: date(r.started_ms)!,
    endedAt: date(r.ended_ms),
    status: String(r.status) as RunStatus,
    attempts: Number(r.attempts_n),
    errorCode: text(r.error_code),
    errorMessage: text(r.error_message),
  };
}

export class DuckDbJobStore implements JobStore {
  constructor(private readonly db: Db) {}

  #rows(sql: string, params: Record<string, DuckDBValue> = {}): Promise<Row[]> {
    return this.db.use(async (c) => (await c.runAndReadAll(sql, params)).getRowObjectsJS() as Row[]);
  }

  async markInterrupted(at: Date): Promise<number> {
    return (await this.#rows(MARK_INTERRUPTED_SQL, { at: at.getTime() })).length;
  }

  async lastScheduledFor(jobId: string): Promise<Date | null> {
    return date((await this.#rows(LAST_SCHEDULED_SQL, { job: jobId }))[0]?.ms ?? null);
  }

  async startRun(run: { jobId: string; trigger: Trigger; scheduledFor: Date | null; startedAt: Date }): Promise<string> {
    const runId = randomUUID();
    await this.#rows(START_RUN_SQL, {
      run: runId,
      job: run.jobId,
      trigger: run.trigger,
      scheduled: run.scheduledFor?.getTime() ?? null,
      started: run.startedAt.getTime(),
    });
    return runId;
  }

  async recordAttempt(a: AttemptRecord): Promise<void> {
    await this.db.use(async (c) => {
      await c.run(RECORD_ATTEMPT_SQL, {
        run: a.runId,
        attempt: a.attempt,
        started: a.startedAt.getTime(),
        ended: a.endedAt.getTime(),
        status: a.status,
        code: a.errorCode,
        message: a.errorMessage,
        retry: a.retryInMs,
      });
      await c.run(UPDATE_ATTEMPTS_SQL, { run: a.runId, attempt: a.attempt });
    });
  }

  async finishRun(runId: string, end: RunEnd): Promise<void> {
    await this.#rows(FINISH_RUN_SQL, {
      run: runId,
      ended: end.endedAt.getTime(),
      status: end.status,
      attempts: end.attempts,
      code: end.errorCode,
      message: end.errorMessage,
    });
  }

  async lastRuns(): Promise<Map<string, JobRun>> {
    return new Map((await this.#rows(LAST_RUNS_SQL)).map((r) => [String(r.job_id), toRun(r)]));
  }

  async recentRuns(limit: number): Promise<JobRun[]> {
    return (await this.#rows(RECENT_RUNS_SQL, { limit })).map(toRun);
  }

  async attempts(runId: string): Promise<AttemptRecord[]> {
    return (await this.#rows(ATTEMPTS_SQL, { run: runId })).map((r) => ({
      runId: String(r.run_id),
      attempt: Number(r.attempt_n),
      startedAt: date(r.started_ms)!,
      endedAt: date(r.ended_ms)!,
      status: String(r.status) as 'succeeded' | 'failed',
      errorCode: text(r.error_code),
      errorMessage: text(r.error_message),
      retryInMs: r.retry_in_ms === null ? null : Number(r.retry_in_ms),
    }));
  }
}
