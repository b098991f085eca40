/**
 * The scheduler's public surface, for the server's wiring (see each module for its guarantees).
 */
export { JOB_IDS, JOBS_DEFAULTS, JobsConfigSchema, jobDefinitions, reportRecipients, type JobDefinition, type JobId, type JobsConfig, type RetryPolicy } from './config.ts';
export { cronProblem, latestDue, nextRun } from './cronTime.ts';
export { DuckDbJobStore } from './duckdbStore.ts';
export { describeJobError, JobBusyError, SchedulerStoppedError, UnknownJobError, type JobFailure } from './errors.ts';
export type { RunInfo, RunJob, RunOutcome } from './execute.ts';
export { localDate, localDateTime, previousMonth } from '../../core/localTime.ts';
export { createJobRunner, type BoardPackContent, type JobRunnerDeps, type ReportContent } from './reportJobs.ts';
export { Scheduler, type JobStatus, type RunHandle, type SchedulerOptions } from './scheduler.ts';
export { describeSchedule } from './scheduleWords.ts';
export type { JobRun, JobStore, Trigger } from './store.ts';
export { intervalTimers, systemTimers, type SchedulerTimers } from './timers.ts';
