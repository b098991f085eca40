/**
 * The jobs admin page and its "Run now" form, over HTTP on 127.0.0.1, in a tiny app holding
 * only this router and an error handler shaped like the server's.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PracticeBoardError } from '../../core/errors.ts';
import { csrfProtection } from '../../server/auth/csrf.ts';
import { Scheduler } from '../../server/jobs/scheduler.ts';
import { intervalTimers } from '../../server/jobs/timers.ts';
import { jobRoutes } from '../../server/routes/jobs.ts';
import { requestContext } from '../../server/requestContext.ts';
import { captureLogger, recordingRunJob } from './helpers.ts';
import { MemoryJobStore } from './memoryStore.ts';

let server: Server;
let base: string;
let scheduler: Scheduler;
let rec: ReturnType<typeof recordingRunJob>;
const clock = () => new Date('2026-11-15T17:00:00Z');

beforeEach(async () => {
  const store = new MemoryJobStore();
  store.seed({ jobId: 'board-pack', trigger: 'schedule', scheduledFor: new Date('2026-11-05T13:00:00Z'), startedAt: new Date('2026-11-05T13:00:00Z'), status: 'failed', attempts: 3, errorCode: 'MAIL_UNREACHABLE', errorMessage: 'could not reach the SMTP server (ECONNECTION)' });
  rec = recordingRunJob(clock);
  scheduler = new Scheduler({
    jobs: [
      { id: 'inbox-scan', label: 'Inbox scan', schedule: '*/15 * * * *', enabled: true },
      { id: 'board-pack', label: 'Monthly board pack', schedule: '0 8 5 * *', enabled: true },
    ],
    timezone: 'America/New_York',
    clock,
    runJob: rec.runJob,
    store,
    logger: captureLogger().logger,
    timers: intervalTimers(3_600_000),
  });
  const app = express();
  app.use((_req, res, next) => {
    res.locals.csrfToken = 'test-csrf-token'; // the session's token, as the session middleware sets it
    next();
  });
  app.use(csrfProtection());
  app.use(requestContext);
  app.use(jobRoutes({ scheduler }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known = err instanceof PracticeBoardError && err.status !== undefined;
    res.status(known ? err.status! : 500).send(known ? err.message : 'error');
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  rec.release();
  await scheduler.stop();
  await new Promise((resolve) => server.close(resolve));
});

/** A form post from PracticeBoard's own page, which carries the token; a form on another site cannot know it. */
const post = (path: string, headers: Record<string, string> = {}) => {
  const own = headers.origin === undefined || headers.origin === base;
  return fetch(base + path, { method: 'POST', redirect: 'manual', headers: { ...headers, ...(own ? { 'x-csrf-token': 'test-csrf-token' } : {}) } });
};

describe('GET /admin/jobs', () => {
  it('lists each job with its schedule in words, last and next run in the practice zone, and a Run now form', async () => {
    const res = await fetch(`${base}/admin/jobs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Scheduled jobs · PracticeBoard</title>');
    expect(html).toContain('every 15 minutes');
    expect(html).toContain('at 08:00, on day 5 of the month (America/New_York)');
    // Last run of the pack: 5 November 08:00 New York time (EST: daylight time ended on 1 November), failed after 3 attempts.
    // The page names the zone once; the cells are in it.
    expect(html).toContain('Times in America/New_York.');
    expect(html).toContain('5 Nov 2026, 08:00, schedule, failed after 3 attempts: MAIL_UNREACHABLE');
    expect(html).toContain('could not reach the SMTP server (ECONNECTION)');
    // Next runs: the scan at 12:15 (17:15Z), the pack on 5 December 08:00.
    expect(html).toContain('<td>15 Nov 2026, 12:15</td>');
    expect(html).toContain('<td>5 Dec 2026, 08:00</td>');
    // The form carries its own CSRF field (no rewrite of the finished page adds it any more).
    expect(html).toContain('<form method="post" action="/admin/jobs/board-pack/run"><input type="hidden" name="_csrf" value="test-csrf-token"><button type="submit">Run now</button></form>');
    expect(html).toMatch(/<h2>Recent runs<\/h2>[\s\S]*board-pack/);
  });
});

describe('POST /admin/jobs/:id/run', () => {
  it('starts the job and answers 303 back to the page, which says so', async () => {
    rec.hold();
    const res = await post('/admin/jobs/board-pack/run');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/jobs?started=board-pack');
    expect(rec.calls.map((c) => [c.id, c.trigger])).toEqual([['board-pack', 'manual']]);
    const page = await (await fetch(`${base}/admin/jobs?started=board-pack`)).text();
    expect(page).toContain('Started Monthly board pack.');
    expect(page).toContain('<button type="submit" disabled>Running</button>');
    expect(page).toContain('Running since 15 Nov 2026, 12:00 (manual, attempt 1)');
  });

  it('answers 409 with a clear message while the job runs, and does not start it again', async () => {
    rec.hold();
    expect((await post('/admin/jobs/board-pack/run')).status).toBe(303);
    const res = await post('/admin/jobs/board-pack/run');
    expect(res.status).toBe(409);
    expect(await res.text()).toBe('Monthly board pack is already running (since 15 Nov 2026, 12:00 EST), so it was not started again. Wait for it to finish, then try again.');
    expect(rec.calls).toHaveLength(1);
    rec.release();
    await scheduler.idle();
    expect((await post('/admin/jobs/board-pack/run')).status).toBe(303);
    expect(rec.calls).toHaveLength(2);
  });

  it('answers 404 for an unknown job and 403 for a form posted from another site', async () => {
    expect((await post('/admin/jobs/nope/run')).status).toBe(404);
    expect((await post('/admin/jobs/inbox-scan/run', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/admin/jobs/inbox-scan/run', { origin: base })).status).toBe(303);
    expect(rec.calls.map((c) => c.id)).toEqual(['inbox-scan']);
  });
});
