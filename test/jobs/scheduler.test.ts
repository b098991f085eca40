/**
 * The scheduler under fake timers: the clock is the faked Date, the heartbeat a faked
 * setInterval beating each minute from start(), retry waits faked setTimeouts. The store is in
 * memory so every step completes within the fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JOBS_DEFAULTS, jobDefinitions } from '../../server/jobs/config.ts';
import { JobBusyError, UnknownJobError } from '../../server/jobs/errors.ts';
import { localDate } from '../../core/localTime.ts';
import { Scheduler, type SchedulerOptions } from '../../server/jobs/scheduler.ts';
import { intervalTimers } from '../../server/jobs/timers.ts';
import { captureLogger, job, recordingRunJob, TransientError } from './helpers.ts';
import { MemoryJobStore } from './memoryStore.ts';

const TZ = 'America/New_York';
const MIN = 60_000;
const clock = () => new Date();

function scheduler(store: MemoryJobStore, rec: ReturnType<typeof recordingRunJob>, jobs: SchedulerOptions['jobs'], extra: Partial<SchedulerOptions> = {}) {
  return new Scheduler({ jobs, timezone: TZ, clock, runJob: rec.runJob, store, logger: captureLogger().logger, timers: intervalTimers(), ...extra });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('catch-up at start', () => {
  it('runs a job that missed many slots while the server was down exactly once, taking the latest slot', async () => {
    vi.setSystemTime(new Date('2026-11-15T12:00:30Z'));
    const store = new MemoryJobStore();
    // Last scheduled runs: the scan at 09:00Z (12 quarter-hours missed since), the pack on 5 October.
    store.seed({ jobId: 'scan', trigger: 'schedule', scheduledFor: new Date('2026-11-15T09:00:00Z'), startedAt: new Date('2026-11-15T09:00:00Z') });
    store.seed({ jobId: 'pack', trigger: 'schedule', scheduledFor: new Date('2026-10-05T12:00:00Z'), startedAt: new Date('2026-10-05T12:00:00Z') });
    const rec = recordingRunJob(clock);
    const s = scheduler(store, rec, [job('scan', '*/15 * * * *'), job('pack', '0 8 5 * *'), job('fresh', '0 7 * * 1')]);
    await s.start();
    await s.idle();
    expect(rec.calls.map((c) => [c.id, c.trigger, c.run.scheduledFor?.toISOString()])).toEqual([
      ['scan', 'catch-up', '2026-11-15T12:00:00.000Z'],
      // 08:00 in New York on 5 November 2026 is 13:00Z (EST, after the fall-back on 1 November).
      ['pack', 'catch-up', '2026-11-05T13:00:00.000Z'],
    ]);
    // 'fresh' never ran on its schedule: nothing to catch up. Ten minutes on, only the scan's next slot.
    await vi.advanceTimersByTimeAsync(15 * MIN);
    await s.idle();
    expect(rec.calls.slice(2).map((c) => [c.id, c.trigger, c.run.scheduledFor?.toISOString()])).toEqual([['scan', 'schedule', '2026-11-15T12:15:00.000Z']]);
    const pack = (await s.status()).find((j) => j.id === 'pack')!;
    expect(pack.nextRun?.toISOString()).toBe('2026-12-05T13:00:00.000Z');
    await s.stop();
  });

  it('marks runs left running by a stopped process as interrupted', async () => {
    vi.setSystemTime(new Date('2026-11-15T12:00:00Z'));
    const store = new MemoryJobStore();
    store.seed({ jobId: 'scan', trigger: 'manual', startedAt: new Date('2026-11-15T11:59:00Z'), status: 'running', endedAt: null });
    const s = scheduler(store, recordingRunJob(clock), [job('scan', '*/15 * * * *')]);
    await s.start();
    expect(store.runs[0]).toMatchObject({ status: 'interrupted', endedAt: new Date('2026-11-15T12:00:00Z') });
    await s.stop();
  });
});

describe('one lock for scheduled and manual runs', () => {
  it('refuses "run now" while the scheduled run is in progress, and defers a slot that falls during a manual run', async () => {
    vi.setSystemTime(new Date('2026-11-16T12:59:30Z'));
    const store = new MemoryJobStore();
    const rec = recordingRunJob(clock);
    const s = scheduler(store, rec, [job('scan', '*/15 * * * *')]);
    await s.start();
    rec.hold();
    await vi.advanceTimersByTimeAsync(MIN); // beat at 13:00:30: the 13:00 slot starts and hangs
    expect(rec.calls.map((c) => c.trigger)).toEqual(['schedule']);
    expect(() => s.runNow('scan')).toThrow(JobBusyError);
    expect((await s.status())[0]).toMatchObject({ state: 'running', current: { trigger: 'schedule', attempt: 1 } });
    rec.release();
    await s.idle();

    rec.hold();
    const manual = s.runNow('scan');
    expect(() => s.runNow('scan')).toThrow(JobBusyError);
    await vi.advanceTimersByTimeAsync(15 * MIN); // past 13:15: the slot waits for the manual run
    expect(rec.calls.map((c) => c.trigger)).toEqual(['schedule', 'manual']);
    rec.release();
    expect((await manual.done).status).toBe('succeeded');
    await vi.advanceTimersByTimeAsync(MIN); // the next beat takes the deferred 13:15 slot, once
    await s.idle();
    expect(rec.calls.map((c) => [c.trigger, c.run.scheduledFor?.toISOString() ?? null])).toEqual([
      ['schedule', '2026-11-16T13:00:00.000Z'],
      ['manual', null],
      ['schedule', '2026-11-16T13:15:00.000Z'],
    ]);
    expect(rec.maxActive).toBe(1);
    expect(store.runs.map((r) => r.trigger)).toEqual(['schedule', 'manual', 'schedule']);
    await s.stop();
  });

  it('names an unknown job', () => {
    vi.setSystemTime(new Date('2026-11-16T12:00:00Z'));
    const s = scheduler(new MemoryJobStore(), recordingRunJob(clock), [job('scan', '*/15 * * * *')]);
    expect(() => s.runNow('nope')).toThrow(UnknownJobError);
    expect(() => s.runNow('nope')).toThrow(/there is no job "nope"; the jobs are scan/);
  });
});

describe('daylight-saving days in America/New_York', () => {
  const runsPerLocalDay = (calls: { run: { scheduledFor: Date | null } }[]) => {
    const days: Record<string, number> = {};
    for (const c of calls) days[localDate(c.run.scheduledFor!, TZ)] = (days[localDate(c.run.scheduledFor!, TZ)] ?? 0) + 1;
    return days;
  };

  it('runs a daily 02:30 job once on the spring-forward day, when 02:30 does not exist', async () => {
    vi.setSystemTime(new Date('2026-03-07T12:00:00Z'));
    const rec = recordingRunJob(clock);
    const s = scheduler(new MemoryJobStore(), rec, [job('nightly', '30 2 * * *')]);
    await s.start();
    await vi.advanceTimersByTimeAsync(3 * 24 * 60 * MIN);
    await s.stop();
    expect(runsPerLocalDay(rec.calls)).toEqual({ '2026-03-08': 1, '2026-03-09': 1, '2026-03-10': 1 });
    // On 8 March clocks jump from 02:00 to 03:00 EDT: the run falls just after the gap.
    expect(rec.calls[0]!.run.scheduledFor!.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(rec.calls[1]!.run.scheduledFor!.toISOString()).toBe('2026-03-09T06:30:00.000Z');
  });

  it('runs a daily 01:30 job once on the fall-back day, when 01:30 happens twice', async () => {
    vi.setSystemTime(new Date('2026-10-31T12:00:00Z'));
    const rec = recordingRunJob(clock);
    const s = scheduler(new MemoryJobStore(), rec, [job('nightly', '30 1 * * *')]);
    await s.start();
    await vi.advanceTimersByTimeAsync(3 * 24 * 60 * MIN);
    await s.stop();
    expect(runsPerLocalDay(rec.calls)).toEqual({ '2026-11-01': 1, '2026-11-02': 1, '2026-11-03': 1 });
    // The first 01:30 (EDT, 05:30Z) runs; the second (EST, 06:30Z) does not.
    expect(rec.calls.map((c) => c.at.toISOString().slice(0, 16))).toEqual(['2026-11-01T05:30', '2026-11-02T06:30', '2026-11-03T06:30']);
  });
});

describe('retry', () => {
  it('retries a transient failure after 1 then 5 minutes, records every attempt, and ends in success', async () => {
    vi.setSystemTime(new Date('2026-11-16T12:00:00Z'));
    const store = new MemoryJobStore();
    const rec = recordingRunJob(clock);
    rec.failWith((c) => (c.run.attempt < 3 ? new TransientError('connect ECONNREFUSED 127.0.0.1:25') : null));
    const s = scheduler(store, rec, [job('mail', '0 7 * * 1')], { retry: { attempts: 3, delaysMs: [MIN, 5 * MIN] } });
    const handle = s.runNow('mail');
    await vi.advanceTimersByTimeAsync(1);
    expect((await s.status())[0]).toMatchObject({ state: 'retrying', current: { attempt: 1 } });
    await vi.advanceTimersByTimeAsync(6 * MIN);
    const outcome = await handle.done;
    expect(outcome).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
    expect(rec.calls.map((c) => c.at.toISOString())).toEqual(['2026-11-16T12:00:00.000Z', '2026-11-16T12:01:00.000Z', '2026-11-16T12:06:00.000Z']);
    const attempts = await store.attempts(outcome.runId!);
    expect(attempts.map((a) => [a.attempt, a.status, a.errorCode, a.retryInMs])).toEqual([
      [1, 'failed', 'MAIL_UNREACHABLE', MIN],
      [2, 'failed', 'MAIL_UNREACHABLE', 5 * MIN],
      [3, 'succeeded', null, null],
    ]);
    expect(store.runs[0]).toMatchObject({ status: 'succeeded', attempts: 3, errorCode: null });
  });

  it('does not retry a failure that is not transient, and records no text of an unknown error', async () => {
    vi.setSystemTime(new Date('2026-11-16T12:00:00Z'));
    const store = new MemoryJobStore();
    const rec = recordingRunJob(clock);
    const { logger, lines } = captureLogger();
    rec.failWith(() => new Error('Conversion Error: could not convert "PT-00017 Jane Roe" to DATE'));
    const s = scheduler(store, rec, [job('pack', '0 8 5 * *')], { logger });
    const outcome = await s.runNow('pack').done;
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'JOB_FAILED', transient: false } });
    expect(store.runs[0]!.errorMessage).toMatch(/^unexpected Error; its text is not recorded/);
    const everything = JSON.stringify(store.runs) + JSON.stringify(store.attemptRows) + lines.join('');
    expect(everything).not.toMatch(/Jane|PT-00017/);
  });

  it('gives up after the last attempt, and stop() cancels a pending wait', async () => {
    vi.setSystemTime(new Date('2026-11-16T12:00:00Z'));
    const store = new MemoryJobStore();
    const rec = recordingRunJob(clock);
    rec.failWith(() => new TransientError('down'));
    const s = scheduler(store, rec, [job('a', '0 7 * * 1'), job('b', '0 7 * * 1')], { retry: { attempts: 2, delaysMs: [MIN] } });
    const a = s.runNow('a');
    await vi.advanceTimersByTimeAsync(MIN);
    expect(await a.done).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'MAIL_UNREACHABLE' } });
    const b = s.runNow('b');
    await vi.advanceTimersByTimeAsync(1);
    await s.stop(); // b is waiting a minute for its second attempt
    expect(await b.done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'SCHEDULER_STOPPED' } });
    expect(rec.calls).toHaveLength(3);
  });
});

describe('status', () => {
  it('describes each default job in words with its next run, and its last run after one', async () => {
    vi.setSystemTime(new Date('2026-11-15T12:07:00Z'));
    const store = new MemoryJobStore();
    const s = scheduler(store, recordingRunJob(clock), jobDefinitions(JOBS_DEFAULTS));
    await s.start();
    const before = await s.status();
    expect(before.map((j) => [j.id, j.scheduleWords, j.state, j.nextRun?.toISOString(), j.lastRun])).toEqual([
      ['inbox-scan', 'every 15 minutes', 'idle', '2026-11-15T12:15:00.000Z', null],
      ['restatement-check', 'at 02:30 (America/New_York)', 'idle', '2026-11-16T07:30:00.000Z', null],
      ['board-pack', 'at 08:00, on day 5 of the month (America/New_York)', 'idle', '2026-12-05T13:00:00.000Z', null],
      ['collections-summary', 'at 07:00, only on Monday (America/New_York)', 'idle', '2026-11-16T12:00:00.000Z', null],
    ]);
    await s.runNow('board-pack').done;
    const pack = (await s.status()).find((j) => j.id === 'board-pack')!;
    expect(pack.lastRun).toMatchObject({ trigger: 'manual', status: 'succeeded', attempts: 1, scheduledFor: null });
    // A manual run takes no schedule slot.
    expect(pack.nextRun?.toISOString()).toBe('2026-12-05T13:00:00.000Z');
    await s.stop();
  });

  it('shows a disabled job as off, never schedules it, and still runs it on request', async () => {
    vi.setSystemTime(new Date('2026-11-15T12:00:00Z'));
    const rec = recordingRunJob(clock);
    const s = scheduler(new MemoryJobStore(), rec, [job('scan', '* * * * *', false)]);
    await s.start();
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(rec.calls).toHaveLength(0);
    expect((await s.status())[0]).toMatchObject({ state: 'disabled', nextRun: null });
    await s.runNow('scan').done;
    expect(rec.calls.map((c) => c.trigger)).toEqual(['manual']);
    await s.stop();
  });

  it('refuses a bad schedule or time zone at construction, naming each', () => {
    expect(
      () => new Scheduler({ jobs: [job('x', '0 8 5 *')], timezone: 'Mars/Olympus', clock, runJob: async () => {}, store: new MemoryJobStore(), logger: captureLogger().logger }),
    ).toThrow(/jobs\.x: "0 8 5 \*" has 4 fields[\s\S]*timezone: "Mars\/Olympus" is not an IANA time zone/);
  });
});
