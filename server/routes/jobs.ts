/**
 * The scheduled jobs' admin page. Works without JavaScript.
 *   GET  /admin/jobs           each job: schedule in words, status, last and next run, a "Run now"
 *                              button; then the recent runs. Times in the practice's time zone.
 *   POST /admin/jobs/:id/run   start the job now; 303 back to the page, 409 if it is running
 *                              (refused, not queued), 404 for an unknown job, 403 for a form
 *                              posted from another site.
 */
import express, { type Request, type Response } from 'express';
import { PracticeBoardError } from '../../core/errors.ts';
import { escapeHtml, htmlTable, layout } from '../views/layout.ts';
import { HttpError } from '../../core/errors.ts';
import { JobBusyError, UnknownJobError } from '../jobs/errors.ts';
import { localDateTime } from '../../core/localTime.ts';
import type { JobStatus, Scheduler } from '../jobs/scheduler.ts';
import type { JobRun } from '../jobs/store.ts';
import { csrfInput, trusted } from '../views/html.ts';

export interface JobRoutesDeps {
  readonly scheduler: Pick<Scheduler, 'status' | 'runNow' | 'recentRuns' | 'timezone'>;
}

const STATE_WORDS: Record<JobStatus['state'], string> = { idle: 'Waiting', running: 'Running', retrying: 'Waiting to retry', disabled: 'Off (run now only)' };

function lastRunText(run: JobRun | null, tz: string): string {
  if (!run) return 'never';
  const when = localDateTime(run.startedAt, tz);
  const error = run.errorCode ? `: ${run.errorCode}` : '';
  return `${when}, ${run.trigger}, ${run.status}${run.attempts > 1 ? ` after ${run.attempts} attempts` : ''}${error}`;
}

function jobRow(j: JobStatus, tz: string): string {
  const current = j.current ? ` since ${localDateTime(j.current.startedAt, tz)} (${j.current.trigger}, attempt ${j.current.attempt})` : '';
  const button = j.current ? '<button type="submit" disabled>Running</button>' : '<button type="submit">Run now</button>';
  const cells = [
    `<th scope="row">${escapeHtml(j.label)}<br><code>${escapeHtml(j.id)}</code></th>`,
    `<td>${escapeHtml(j.scheduleWords)}<br><code>${escapeHtml(j.schedule)}</code></td>`,
    `<td>${escapeHtml(STATE_WORDS[j.state] + current)}</td>`,
    `<td>${escapeHtml(lastRunText(j.lastRun, tz))}${j.lastRun?.errorMessage ? `<br><span class="note">${escapeHtml(j.lastRun.errorMessage)}</span>` : ''}</td>`,
    `<td>${escapeHtml(j.nextRun ? localDateTime(j.nextRun, tz) : '\u2014')}</td>`,
    `<td style="white-space:nowrap"><form method="post" action="/admin/jobs/${encodeURIComponent(j.id)}/run">${csrfInput()}${button}</form></td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

/** A form posted from another site (a browser always names the page's origin on a POST). */
function crossSite(req: Request): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return false; // not sent by a browser's cross-site form
  if (origin === 'null') return true; // an opaque origin (sandboxed frame, data: page)
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

export function jobRoutes(deps: JobRoutesDeps): express.Router {
  const r = express.Router();
  const tz = deps.scheduler.timezone;

  r.get('/admin/jobs', async (req: Request, res: Response) => {
    const [jobs, runs] = await Promise.all([deps.scheduler.status(), deps.scheduler.recentRuns(25)]);
    const started = jobs.find((j) => j.id === req.query.started);
    const flash = started ? `<p role="status" class="freshness">Started ${escapeHtml(started.label)}. Reload this page to follow it.</p>` : '';
    const body = `<h1>Scheduled jobs</h1>
      <p class="subtitle">Times are in ${escapeHtml(tz)}. A missed run is made up once when the server starts; a job never runs twice at once.</p>
      ${flash}
      <table><caption>Jobs</caption><thead><tr><th>Job</th><th>Schedule</th><th>Status</th><th>Last run</th><th>Next run</th><th><span class="skip">Action</span></th></tr></thead>
      <tbody>${jobs.map((j) => jobRow(j, tz)).join('')}</tbody></table>
      <h2>Recent runs</h2>
      ${htmlTable(
        ['Started', 'Job', 'Trigger', 'Schedule slot', 'Status', 'Attempts', 'Ended', 'Error'],
        runs.map((run) => [
          localDateTime(run.startedAt, tz),
          run.jobId,
          run.trigger,
          run.scheduledFor ? localDateTime(run.scheduledFor, tz) : '',
          run.status,
          run.attempts,
          run.endedAt ? localDateTime(run.endedAt, tz) : '',
          run.errorCode ? `${run.errorCode}: ${run.errorMessage ?? ''}` : '',
        ]),
        [5],
      )}`;
    res.set('Cache-Control', 'no-store');
    res.send(layout('Scheduled jobs', trusted(body), { active: '/admin/jobs' }));
  });

  r.post('/admin/jobs/:id/run', async (req: Request, res: Response) => {
    if (crossSite(req)) throw new HttpError(403, 'This form can only be sent from PracticeBoard itself.');
    const id = String(req.params.id);
    try {
      deps.scheduler.runNow(id);
    } catch (err) {
      if (err instanceof UnknownJobError) throw new HttpError(404, `There is no job "${id}".`);
      if (err instanceof JobBusyError) {
        const label = (await deps.scheduler.status()).find((j) => j.id === id)?.label ?? id;
        throw new HttpError(409, `${label} is already running (since ${localDateTime(err.runningSince, tz)}), so it was not started again. Wait for it to finish, then try again.`);
      }
      if (err instanceof PracticeBoardError && err.code === 'SCHEDULER_STOPPED') throw new HttpError(503, 'The server is stopping; no job can start now.');
      throw err;
    }
    res.redirect(303, `/admin/jobs?started=${encodeURIComponent(id)}`);
  });

  return r;
}
