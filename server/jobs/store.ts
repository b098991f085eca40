/**
 * What the scheduler persists, as an interface: the DuckDB store (duckdbStore.ts) is the
 * product's; tests may pass another. A run's schedule slot (`scheduledFor`) is recorded when the
 * run starts, so a slot is taken once even if the process dies during the run.
 */
export type Trigger = 'schedule' | 'manual' | 'catch-up';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface JobRun {
  readonly runId: string;
  readonly jobId: string;
  readonly trigger: Trigger;
  readonly scheduledFor: Date | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly status: RunStatus;
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

export interface AttemptRecord {
  readonly runId: string;
  readonly attempt: number;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly status: 'succeeded' | 'failed';
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** The wait before the next attempt; null when none follows. */
  readonly retryInMs: number | null;
}

export interface RunEnd {
  readonly endedAt: Date;
  readonly status: 'succeeded' | 'failed';
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

export interface JobStore {
  /** Mark runs left 'running' by a process that stopped as 'interrupted'; returns how many. */
  markInterrupted(at: Date): Promise<number>;
  /** The latest schedule slot taken by a scheduled or catch-up run of `jobId`, or null. */
  lastScheduledFor(jobId: string): Promise<Date | null>;
  /** Record a run as started; returns its id. */
  startRun(run: { jobId: string; trigger: Trigger; scheduledFor: Date | null; startedAt: Date }): Promise<string>;
  recordAttempt(attempt: AttemptRecord): Promise<void>;
  finishRun(runId: string, end: RunEnd): Promise<void>;
  /** The latest run of each job, by job id. */
  lastRuns(): Promise<Map<string, JobRun>>;
  /** The most recent runs of all jobs, newest first. */
  recentRuns(limit: number): Promise<JobRun[]>;
  /** The attempts of one run, in order. */
  attempts(runId: string): Promise<AttemptRecord[]>;
}
