/**
 * The scheduled jobs' admin page. Works without JavaScript.
 *   GET  /admin/jobs           each job: schedule in words, status, last and next run, a "Run now"
 *                              button; then the recent runs. Times in the practice's time zone.
 *   POST /admin/jobs/:id/run   start the job now; 303 back to the page. The scheduler's errors
 *                              carry their status: 409 if it is running (refused, not queued),
 *                              404 for an unknown job, 503 while the server stops. A form posted
 *                              from another site has no CSRF token and is refused before this.
 */
import express, { type Request, type Response } from 'express';
import type { Scheduler } from '../jobs/scheduler.ts';
import { jobsPage } from '../views/jobs.ts';

export interface JobRoutesDeps {
  readonly scheduler: Pick<Scheduler, 'status' | 'runNow' | 'recentRuns' | 'timezone'>;
}

export function jobRoutes(deps: JobRoutesDeps): express.Router {
  const r = express.Router();
  const tz = deps.scheduler.timezone;

  r.get('/admin/jobs', async (req: Request, res: Response) => {
    const [jobs, runs] = await Promise.all([deps.scheduler.status(), deps.scheduler.recentRuns(25)]);
    const started = jobs.find((j) => j.id === req.query.started);
    res.set('Cache-Control', 'no-store').send(jobsPage(jobs, runs, tz, started));
  });

  r.post('/admin/jobs/:id/run', (req: Request, res: Response) => {
    const id = String(req.params.id);
    deps.scheduler.runNow(id);
    res.redirect(303, `/admin/jobs?started=${encodeURIComponent(id)}`);
  });

  return r;
}
