/**
 * The scheduled jobs' admin page: each job with its schedule in words, status, last and next
 * run and a "Run now" form, then the recent runs. Times in the practice's time zone, labelled ('08:00 EST'). Every
 * value is escaped by the `html` template; every form carries its CSRF field.
 */
import { presentInstant, timesLabel } from '../../dashboards/present/index.ts';
import type { JobStatus } from '../jobs/scheduler.ts';
import type { JobRun } from '../jobs/store.ts';
import { csrfInput, html, type SafeHtml } from './html.ts';
import { htmlTable, layout, scrollTable } from './layout.ts';

/** A time in a table under the page's 'Times in <zone>' label. */
const at = (d: Date, tz: string): string => presentInstant(d, tz, { zone: false });

const STATE_WORDS: Record<JobStatus['state'], string> = { idle: 'Waiting', running: 'Running', retrying: 'Waiting to retry', disabled: 'Off (run now only)' };

function lastRunText(run: JobRun | null, tz: string): string {
  if (!run) return 'never';
  const when = at(run.startedAt, tz);
  const error = run.errorCode ? `: ${run.errorCode}` : '';
  return `${when}, ${run.trigger}, ${run.status}${run.attempts > 1 ? ` after ${run.attempts} attempts` : ''}${error}`;
}

function jobRow(j: JobStatus, tz: string): SafeHtml {
  const current = j.current ? ` since ${at(j.current.startedAt, tz)} (${j.current.trigger}, attempt ${j.current.attempt})` : '';
  const button = j.current ? html`<button type="submit" disabled>Running</button>` : html`<button type="submit">Run now</button>`;
  const error = j.lastRun?.errorMessage ? html`<br><span class="note">${j.lastRun.errorMessage}</span>` : '';
  return html`<tr><th scope="row">${j.label}<br><code>${j.id}</code></th><td>${j.scheduleWords}<br><code>${j.schedule}</code></td><td>${STATE_WORDS[j.state] + current}</td><td>${lastRunText(j.lastRun, tz)}${error}</td><td>${j.nextRun ? at(j.nextRun, tz) : '\u2014'}</td><td style="white-space:nowrap"><form method="post" action="/admin/jobs/${encodeURIComponent(j.id)}/run">${csrfInput()}${button}</form></td></tr>`;
}

export function jobsPage(jobs: readonly JobStatus[], runs: readonly JobRun[], tz: string, started: JobStatus | undefined): string {
  const flash = started ? html`<p role="status" class="freshness">Started ${started.label}. Reload this page to follow it.</p>` : '';
  const recent = htmlTable(
    ['Started', 'Job', 'Trigger', 'Schedule slot', 'Status', 'Attempts', 'Ended', 'Error'],
    runs.map((run) => [
      at(run.startedAt, tz),
      run.jobId,
      run.trigger,
      run.scheduledFor ? at(run.scheduledFor, tz) : '',
      run.status,
      run.attempts,
      run.endedAt ? at(run.endedAt, tz) : '',
      run.errorCode ? `${run.errorCode}: ${run.errorMessage ?? ''}` : '',
    ]),
    [5],
    'Recent runs',
  );
  const body = html`<h1>Scheduled jobs</h1>
      <p class="subtitle">${timesLabel(tz)}. A missed run is made up once when the server starts; a job never runs twice at once.</p>
      ${flash}
      ${scrollTable('Jobs', html`<table><caption>Jobs</caption><thead><tr><th>Job</th><th>Schedule</th><th>Status</th><th>Last run</th><th>Next run</th><th><span class="skip">Action</span></th></tr></thead>
      <tbody>${jobs.map((j) => jobRow(j, tz))}</tbody></table>`)}
      <h2>Recent runs</h2>
      ${recent}`;
  return layout('Scheduled jobs', body, { active: '/admin/jobs' });
}
