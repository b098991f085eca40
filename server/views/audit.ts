/**
 * The audit page: whether the chain verifies (and what is wrong if it does not), the search
 * form, the entries found, and a link to the same search as CSV. Times in the practice's zone,
 * said once in the table's caption (the CSV keeps ISO 8601 UTC). Every value is escaped by the
 * `html` template.
 */
import { presentInstant, timesLabel } from '../../dashboards/present/index.ts';
import { AUDIT_ACTIONS } from '../audit/log.ts';
import type { AuditQuery, AuditRow } from '../audit/search.ts';
import type { AuditAnchor, ChainReport } from '../audit/verify.ts';
import { html, type SafeHtml } from './html.ts';
import { layout, scrollTable } from './layout.ts';

function chainBox(report: ChainReport, anchor?: AuditAnchor): SafeHtml {
  const against = anchor ? html` Checked against the head you gave, entry #${anchor.seq}.` : '';
  if (report.ok) {
    const head = report.head ? html` The last entry is #${report.head.seq}, MAC <code>${report.head.hash}</code>: keep a copy of it outside PracticeBoard.` : '';
    return html`<p class="chain ok" role="status"><strong>The audit chain verifies:</strong> ${report.entries_n} entries, keyed from entry #${report.keyed_from ?? '-'}, none edited or deleted.${against}${head}</p>`;
  }
  return html`<div class="errors" role="alert"><p><strong>The audit chain does not verify.</strong>${against} Entries were changed or removed outside PracticeBoard:</p><ul>${report.problems.map((p) => html`<li>${p.message}</li>`)}</ul></div>`;
}

/** Download the head to keep elsewhere; paste one kept earlier to check the chain against it. */
const headBox = (): SafeHtml => html`<section class="audit-head"><h2>Keep the head elsewhere</h2>
<p><a href="/audit/head.json" download>Download the head</a> (entry number, MAC and time, as JSON) and keep it where PracticeBoard cannot write, daily. The chain alone cannot show that its end was cut and its head moved back; a head kept elsewhere can.</p>
<form method="get" action="/audit/check"><label>A head kept earlier (paste the JSON)<textarea name="head" rows="2" cols="80" maxlength="2000" required placeholder='{"seq":41,"mac":"…","at":"…"}'></textarea></label>
<button type="submit">Check the chain against it</button></form></section>`;

/** `timezone`: the practice's IANA zone, in which every time is shown. */
export function auditPage(rows: readonly AuditRow[], q: AuditQuery, report: ChainReport, exportQuery: string, timezone: string, errors: readonly string[] = [], anchor?: AuditAnchor): string {
  const opt = (v: string, cur?: string) => html`<option value="${v}"${v === cur ? html` selected` : ''}>${v ? v.replace(/[._]/g, ' ') : 'any'}</option>`;
  const bad = errors.length ? html`<div class="errors" role="alert"><ul>${errors.map((x) => html`<li>${x}</li>`)}</ul></div>` : '';
  const body = rows.map(
    (r) =>
      html`<tr><td class="num">${r.seq}</td><td>${presentInstant(r.occurred_at, timezone, { zone: false })}</td><td>${r.actor_username ?? r.actor}</td><td>${r.action}</td><td>${r.target_username ?? r.target ?? ''}</td><td>${r.outcome}</td><td>${r.ip ?? ''}</td><td><code>${r.details}</code></td></tr>`,
  );
  const capped = rows.length === q.limit ? ` (the first ${q.limit}; narrow the search for more)` : '';
  const page = html`<h1>Audit log</h1>
${chainBox(report, anchor)}${bad}
${headBox()}
<form method="get" action="/audit" class="filters">
<label>Actor (username or id)<input name="actor" value="${q.actor ?? ''}" maxlength="64"></label>
<label>Action<select name="action">${['', ...AUDIT_ACTIONS].map((a) => opt(a, q.action))}</select></label>
<label>From<input type="date" name="from" value="${q.from ?? ''}"></label>
<label>To<input type="date" name="to" value="${q.to ?? ''}"></label>
<button type="submit">Search</button>
</form>
<p class="downloads"><a href="/audit/export.csv?${exportQuery}">Download these entries as CSV</a> (up to 100,000)</p>
${scrollTable('Audit entries', html`<table><caption>${rows.length} entries, newest first${capped}. ${timesLabel(timezone)}.</caption>
<thead><tr><th class="num">#</th><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Outcome</th><th>IP</th><th>Details</th></tr></thead>
<tbody>${body}</tbody></table>`)}`;
  return layout('Audit log', page, { active: '/audit' });
}
