/**
 * The scheduler over the real store (job_run and job_attempt in a fresh warehouse), across a
 * restart: the clock is a variable the test moves, and the heartbeat is called by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../core/warehouse/open.ts';
import { DuckDbJobStore } from '../../server/jobs/duckdbStore.ts';
import { Scheduler } from '../../server/jobs/scheduler.ts';
import type { SchedulerTimers } from '../../server/jobs/timers.ts';
import { captureLogger, job, recordingRunJob, TransientError } from './helpers.ts';

let dir: string;
let wh: Warehouse;
let now: Date;
const clock = () => now;

/** A heartbeat the test beats by hand; retry waits end at once. */
function manualTimers() {
  const beats: (() => void)[] = [];
  const timers: SchedulerTimers = {
    heartbeat(onBeat) {
      beats.push(onBeat);
      return { stop: () => beats.splice(beats.indexOf(onBeat), 1) };
    },
    setTimeout: (fn) => setImmediate(fn),
    clearTimeout: (h) => clearImmediate(h as NodeJS.Immediate),
  };
  return { timers, beat: () => beats.forEach((b) => b()) };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-jobs-'));
  wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [dir] });
});
afterEach(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DuckDbJobStore', () => {
  it('records runs and attempts, and a restarted scheduler catches up once from what it finds', async () => {
    const store = new DuckDbJobStore(wh);
    const rec = recordingRunJob(clock);
    const { timers, beat } = manualTimers();
    const jobs = [job('scan', '*/15 * * * *')];
    now = new Date('2026-11-15T12:00:00Z');
    const first = new Scheduler({ jobs, timezone: 'America/New_York', clock, runJob: rec.runJob, store, logger: captureLogger().logger, timers, retry: { attempts: 3, delaysMs: [60_000] } });
    await first.start();
    now = new Date('2026-11-15T12:15:10Z');
    rec.failWith((c) => (c.run.attempt === 1 ? new TransientError('down') : null));
    beat();
    await first.idle();
    await first.stop();

    const runs = await store.recentRuns(10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobId: 'scan', trigger: 'schedule', status: 'succeeded', attempts: 2, scheduledFor: new Date('2026-11-15T12:15:00Z'), errorCode: null });
    const attempts = await store.attempts(runs[0]!.runId);
    expect(attempts.map((a) => [a.attempt, a.status, a.errorCode, a.retryInMs])).toEqual([
      [1, 'failed', 'MAIL_UNREACHABLE', 60_000],
      [2, 'succeeded', null, null],
    ]);

    // The server is down from 12:16 until 14:05: seven slots pass; the restart runs one.
    now = new Date('2026-11-15T14:05:00Z');
    rec.failWith(null);
    const second = new Scheduler({ jobs, timezone: 'America/New_York', clock, runJob: rec.runJob, store, logger: captureLogger().logger, timers });
    await second.start();
    await second.idle();
    beat();
    await second.idle();
    await second.stop();
    expect(rec.calls.slice(2).map((c) => [c.trigger, c.run.scheduledFor?.toISOString()])).toEqual([['catch-up', '2026-11-15T14:00:00.000Z']]);
    expect(await store.lastScheduledFor('scan')).toEqual(new Date('2026-11-15T14:00:00Z'));
    const last = (await store.lastRuns()).get('scan');
    expect(last).toMatchObject({ trigger: 'catch-up', status: 'succeeded', startedAt: now, endedAt: now });
  });

  it('marks a run left running as interrupted, and ignores manual runs when looking for the last slot', async () => {
    const store = new DuckDbJobStore(wh);
    const id = await store.startRun({ jobId: 'pack', trigger: 'manual', scheduledFor: null, startedAt: new Date('2026-11-05T13:00:00Z') });
    expect(await store.lastScheduledFor('pack')).toBeNull();
    expect(await store.markInterrupted(new Date('2026-11-05T13:05:00Z'))).toBe(1);
    expect((await store.recentRuns(5))[0]).toMatchObject({ runId: id, status: 'interrupted', endedAt: new Date('2026-11-05T13:05:00Z') });
    expect(await store.markInterrupted(new Date('2026-11-05T13:06:00Z'))).toBe(0);
  });
});
