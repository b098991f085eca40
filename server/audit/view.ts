/**
 * The HTML of the audit page: whether the chain verifies (and what is wrong if it does not),
 * the search form, the entries found, and a link to the same search as CSV.
 */
import { escapeHtml as e } from '../views/layout.ts';
import { AUDIT_ACTIONS } from './log.ts';
import type { AuditQuery, AuditRow } from './search.ts';
import type { ChainReport } from './verify.ts';

function chainBox(report: ChainReport): string {
  if (report.ok) {
    const head = report.head ? ` The last entry is #${report.head.seq}, hash <code>${e(report.head.hash)}</code>: keep a copy of it outside PracticeBoard.` : '';
    return `<p class="chain ok" role="status"><strong>The audit chain verifies:</strong> ${report.entries_n} entries, none edited or deleted.${head}</p>`;
  }
  const items = report.problems.map((p) => `<li>${e(p.message)}</li>`).join('');
  return `<div class="errors" role="alert"><p><strong>The audit chain does not verify.</strong> Entries were changed or removed outside PracticeBoard:</p><ul>${items}</ul></div>`;
}

export function auditPage(rows: readonly AuditRow[], q: AuditQuery, report: ChainReport, exportQuery: string, errors: readonly string[] = []): string {
  const opt = (v: string, cur?: string) => `<option value="${e(v)}"${v === cur ? ' selected' : ''}>${e(v || 'any')}</option>`;
  const bad = errors.length ? `<div class="errors" role="alert"><ul>${errors.map((x) => `<li>${e(x)}</li>`).join('')}</ul></div>` : '';
  const body = rows
    .map(
      (r) =>
        `<tr><td class="num">${r.seq}</td><td>${e(r.occurred_at.toISOString())}</td><td>${e(r.actor_username ?? r.actor)}</td><td>${e(r.action)}</td><td>${e(r.target_username ?? r.target ?? '')}</td><td>${e(r.outcome)}</td><td>${e(r.ip ?? '')}</td><td><code>${e(r.details)}</code></td></tr>`,
    )
    .join('');
  return `<h1>Audit log</h1>
${chainBox(report)}${bad}
<form method="get" action="/audit" class="filters">
<label>Actor (username or id)<input name="actor" value="${e(q.actor ?? '')}" maxlength="64"></label>
<label>Action<select name="action">${['', ...AUDIT_ACTIONS].map((a) => opt(a, q.action)).join('')}</select></label>
<label>From<input type="date" name="from" value="${e(q.from ?? '')}"></label>
<label>To<input type="date" name="to" value="${e(q.to ?? '')}"></label>
<button type="submit">Search</button>
</form>
<p class="downloads"><a href="/audit/export.csv?${e(exportQuery)}">Download these entries as CSV</a> (up to 100,000)</p>
<table><caption>${rows.length} entries, newest first${rows.length === q.limit ? ` (the first ${q.limit}; narrow the search for more)` : ''}</caption>
<thead><tr><th class="num">#</th><th>When (UTC)</th><th>Actor</th><th>Action</th><th>Target</th><th>Outcome</th><th>IP</th><th>Details</th></tr></thead>
<tbody>${body}</tbody></table>`;
}
