/**
 * The job scheduler of the server process. Guarantees:
 * - Due times come from the pure functions of cronTime.ts on the injected clock; node-cron only
 *   supplies the minute heartbeat (timers.ts), so tests drive the scheduler with fake timers.
 * - One lock per job, shared by the schedule and "run now": runs of a job never overlap. A "run
 *   now" while the job runs is REFUSED (JobBusyError; the admin page answers 409). A schedule
 *   slot that falls while the job runs is DEFERRED: it runs once, on the first beat after the
 *   lock is free; several slots that pile up meanwhile collapse into that one run.
 * - A slot missed while the server was down runs ONCE at start (trigger 'catch-up'), taking the
 *   latest missed slot, however many were missed. A job that never ran on its schedule has
 *   nothing to catch up.
 * - A failure marked transient is retried with the configured backoff; every attempt is recorded.
 *   stop() cancels pending retry waits and waits for running attempts to end.
 */
import { PracticeBoardError } from '../../core/errors.ts';
import type { Logger } from '../log.ts';
import type { JobDefinition, RetryPolicy } from './config.ts';
import { cronProblem, latestDue, nextRun } from './cronTime.ts';
import { JobBusyError, SchedulerStoppedError, UnknownJobError } from './errors.ts';
import { executeRun, type RunJob, type RunOutcome } from './execute.ts';
import { describeSchedule } from './scheduleWords.ts';
import type { JobRun, JobStore, Trigger } from './store.ts';
import { systemTimers, type Beat, type SchedulerTimers } from './timers.ts';

export type { RunJob, RunOutcome } from './execute.ts';

export interface SchedulerOptions {
  readonly jobs: readonly JobDefinition[];
  /** IANA zone the schedules are read in. Example: 'America/New_York'. */
  readonly timezone: string;
  readonly clock: () => Date;
  /** Does the work of one attempt; throws to fail it (`transient: true` on the error to retry). */
  readonly runJob: RunJob;
  readonly store: JobStore;
  readonly logger: Logger;
  readonly timers?: SchedulerTimers;
  /** Default: 3 attempts, waiting 1 then 5 minutes. */
  readonly retry?: RetryPolicy;
}

export interface JobStatus {
  readonly id: string;
  readonly label: string;
  readonly schedule: string;
  readonly scheduleWords: string;
  readonly enabled: boolean;
  readonly state: 'idle' | 'running' | 'retrying' | 'disabled';
  /** The run in progress, if any. */
  readonly current: { readonly trigger: Trigger; readonly startedAt: Date; readonly attempt: number } | null;
  readonly lastRun: JobRun | null;
  readonly nextRun: Date | null;
}

export interface RunHandle {
  /** Settles when the run ends; never rejects (a failure is an outcome). */
  readonly done: Promise<RunOutcome>;
}

interface Active {
  readonly trigger: Trigger;
  readonly startedAt: Date;
  attempt: number;
  retrying: boolean;
  done?: Promise<RunOutcome>;
}

interface JobSlot {
  readonly def: JobDefinition;
  next: Date | null;
  active: Active | null;
}

export class Scheduler {
  readonly timezone: string;
  readonly #o: SchedulerOptions;
  readonly #timers: SchedulerTimers;
  readonly #jobs = new Map<string, JobSlot>();
  readonly #waits = new Set<() => void>();
  #beat: Beat | null = null;
  #stopping = false;

  constructor(options: SchedulerOptions) {
    this.#o = options;
    this.timezone = options.timezone;
    this.#timers = options.timers ?? systemTimers;
    const problems = options.jobs.flatMap((j) => (cronProblem(j.schedule) ? [`jobs.${j.id}: ${cronProblem(j.schedule)}`] : []));
    if (!isTimeZone(options.timezone)) problems.push(`timezone: "${options.timezone}" is not an IANA time zone, e.g. America/New_York`);
    if (problems.length) throw new PracticeBoardError('CONFIG_INVALID', `invalid job configuration:\n  ${problems.join('\n  ')}`);
    const now = options.clock();
    for (const def of options.jobs) {
      if (this.#jobs.has(def.id)) throw new PracticeBoardError('CONFIG_INVALID', `the job id ${def.id} is defined twice`);
      this.#jobs.set(def.id, { def, next: def.enabled ? nextRun(def.schedule, this.timezone, now) : null, active: null });
    }
  }

  /** Mark runs of a previous process as interrupted, catch up missed slots once, start the heartbeat. */
  async start(): Promise<void> {
    if (this.#beat) return;
    this.#stopping = false;
    const now = this.#o.clock();
    const interrupted = await this.#o.store.markInterrupted(now);
    if (interrupted > 0) this.#o.logger.warn({ runs: interrupted }, 'job runs left unfinished by the last process marked interrupted');
    for (const slot of this.#jobs.values()) {
      if (!slot.def.enabled) continue;
      const last = await this.#o.store.lastScheduledFor(slot.def.id);
      const missed = last ? latestDue(slot.def.schedule, this.timezone, last, now) : null;
      slot.next = missed ?? nextRun(slot.def.schedule, this.timezone, last ?? now);
      this.#dispatch(slot, now, 'catch-up');
    }
    this.#beat = this.#timers.heartbeat(() => this.#onBeat());
  }

  /** Stop the heartbeat, cancel retry waits, and wait for running attempts to end. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#beat?.stop();
    this.#beat = null;
    for (const cancel of [...this.#waits]) cancel();
    await this.idle();
  }

  /** Start `id` now, whatever its schedule. Throws JobBusyError if it is running. */
  runNow(id: string): RunHandle {
    const slot = this.#jobs.get(id);
    if (!slot) throw new UnknownJobError(id, [...this.#jobs.keys()]);
    if (slot.active) throw new JobBusyError(id, slot.def.label, slot.active.startedAt, this.timezone);
    if (this.#stopping) throw new SchedulerStoppedError();
    return { done: this.#launch(slot, 'manual', null) };
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.#jobs.values()].flatMap((s) => (s.active?.done ? [s.active.done] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  async status(): Promise<JobStatus[]> {
    const last = await this.#o.store.lastRuns();
    return [...this.#jobs.values()].map(({ def, next, active }) => ({
      id: def.id,
      label: def.label,
      schedule: def.schedule,
      scheduleWords: describeSchedule(def.schedule, this.timezone),
      enabled: def.enabled,
      state: active ? (active.retrying ? 'retrying' : 'running') : def.enabled ? 'idle' : 'disabled',
      current: active ? { trigger: active.trigger, startedAt: active.startedAt, attempt: active.attempt } : null,
      lastRun: last.get(def.id) ?? null,
      nextRun: def.enabled ? next : null,
    }));
  }

  recentRuns(limit = 20): Promise<JobRun[]> {
    return this.#o.store.recentRuns(limit);
  }

  #onBeat(): void {
    const now = this.#o.clock();
    for (const slot of this.#jobs.values()) this.#dispatch(slot, now, 'schedule');
  }

  /** Launch `slot` if a slot of its schedule is due and it is free; take the latest due slot. */
  #dispatch(slot: JobSlot, now: Date, trigger: Trigger): void {
    if (this.#stopping || !slot.def.enabled || slot.active || !slot.next || slot.next > now) return;
    const due = latestDue(slot.def.schedule, this.timezone, new Date(slot.next.getTime() - 1), now) ?? slot.next;
    slot.next = nextRun(slot.def.schedule, this.timezone, due);
    void this.#launch(slot, trigger, due);
  }

  #launch(slot: JobSlot, trigger: Trigger, scheduledFor: Date | null): Promise<RunOutcome> {
    // The lock is taken synchronously, before any await, so no second run can slip in.
    const active: Active = { trigger, startedAt: this.#o.clock(), attempt: 0, retrying: false };
    slot.active = active;
    const done = executeRun({
      jobId: slot.def.id,
      trigger,
      scheduledFor,
      startedAt: active.startedAt,
      options: this.#o,
      retry: this.#o.retry ?? { attempts: 3, delaysMs: [60_000, 300_000] },
      onAttempt: (n, retrying) => {
        active.attempt = n;
        active.retrying = retrying;
      },
      wait: (ms) => this.#wait(ms),
    }).finally(() => {
      slot.active = null;
    });
    active.done = done;
    return done;
  }

  /** Resolves true after `ms`, or false at once if the scheduler stops first. */
  #wait(ms: number): Promise<boolean> {
    if (this.#stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (elapsed: boolean) => {
        this.#waits.delete(cancel);
        resolve(elapsed);
      };
      const handle = this.#timers.setTimeout(() => settle(true), ms);
      const cancel = () => {
        this.#timers.clearTimeout(handle);
        settle(false);
      };
      this.#waits.add(cancel);
    });
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
