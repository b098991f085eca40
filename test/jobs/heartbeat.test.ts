/**
 * The server's heartbeat is a node-cron task on "* * * * *": it beats at the top of each
 * minute, and stops when told. Driven here by fake timers (node-cron reads the faked clock).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../server/jobs/timers.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('systemTimers.heartbeat', () => {
  it('beats at second 0 of every minute until stopped', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-15T12:00:20Z') });
    const beats: string[] = [];
    const beat = systemTimers.heartbeat(() => beats.push(new Date().toISOString().slice(11, 19)));
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    beat.stop();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(beats).toEqual(['12:01:00', '12:02:00', '12:03:00']);
  });
});
