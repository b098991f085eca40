/**
 * The ETL pages: what each source covers and the recent runs with a "scan the inbox now"
 * button; one run's result (counts, control totals), its rejected rows (line, column, reason)
 * and, when it has rejects, the download of them and the form to load a corrected file.
 * Times in the practice's zone (a run's start labelled; a table says its zone once), dates as
 * '1 Nov 2026'. Every value is escaped by the `html` template; every form carries its CSRF field.
 */
import { presentDate, presentInstant, timesLabel } from '../../dashboards/present/index.ts';
import type { CoverageRow, RunDetail, RunRow } from '../../etl/history.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';
import { SOURCE_NAMES, type SourceName } from '../../etl/sources/contract.ts';
import type { LoadWarning } from '../../etl/load/warnings.ts';
import { csrfAction, csrfInput, html, type SafeHtml } from './html.ts';
import { htmlTable, layout, scrollTable } from './layout.ts';

export interface RejectRow {
  readonly line_n: number;
  readonly column_name: string | null;
  readonly reason: string;
}

const runLink = (id: string) => html`<a href="/etl/runs/${id}">${id}</a>`;

function summary(r: RunDetail, timezone: string): SafeHtml {
  const rows: [string, string][] = [
    ['Status', r.status],
    ['File', r.file_name],
    ['Source and profile', `${r.source} (${r.profile_id ?? 'none'})`],
    ['Started', presentInstant(r.started_at, timezone)],
    ['Rows read', String(r.rows_read)],
    ['Rows loaded', String(r.rows_loaded)],
    ['Rows rejected', String(r.rows_rejected)],
    ['Rows replaced (re-export)', String(r.rows_replaced)],
    ['Trailer rows', String(r.trailer_rows)],
    ['Control total of the file', r.file_total_usd ?? '—'],
    ['Total loaded', r.loaded_total_usd ?? '—'],
    // With a profile's `signs`, the loaded total is as stored; this one is as the file writes it.
    ...(r.loaded_as_written_usd !== null && r.loaded_as_written_usd !== r.loaded_total_usd ? [['Total loaded, as written in the file', r.loaded_as_written_usd] as [string, string]] : []),
    ['Total on the trailer row', r.trailer_total_usd ?? '—'],
  ];
  const dl = rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`);
  const corrects = r.corrects_run_id ? html`<p>This load corrects ${runLink(r.corrects_run_id)}.</p>` : '';
  const correctedBy = r.corrected_by?.length ? html`<p>Corrected by ${r.corrected_by.map((id, i) => html`${i ? ', ' : ''}${runLink(id)}`)}.</p>` : '';
  const message = r.message ? html`<p class="errors" role="status">${r.error_code ?? ''} ${r.message}</p>` : '';
  return html`<dl class="run">${dl}</dl>${message}${corrects}${correctedBy}`;
}

/** A source as its label ('Fee schedule'); a name the catalog does not know stays as it is. */
const sourceLabel = (s: string): string => (SOURCE_NAMES.includes(s as SourceName) ? SOURCES[s as SourceName].label : s);

/** `timezone`: the practice's IANA zone, in which every time is shown. */
export function etlPage(runs: readonly RunRow[], cov: readonly CoverageRow[], timezone: string): string {
  const at = (utc: string | null) => (utc ? presentInstant(utc, timezone, { zone: false }) : null);
  const day = (d: string | null) => (d ? presentDate(d) : null);
  return layout(
    'Data loads',
    html`<h1>Data loads</h1>
<form method="post" action="/etl/scan">${csrfInput()}<button type="submit">Scan the inbox now</button></form>
<p><a href="/upload">Upload a file</a></p>
<p class="note">${timesLabel(timezone)}.</p>
<h2>What each source covers</h2>
${htmlTable(['Source', 'Files', 'Rows', 'First date', 'Last date', 'Last load'], cov.map((c) => [sourceLabel(c.source), c.files_n, c.rows_n, day(c.first_date), day(c.last_date), at(c.last_loaded_at)]), [1, 2], 'What each source covers')}
<h2>Recent runs</h2>
${scrollTable('Recent runs', html`<table><thead><tr><th>Run</th><th>Started</th><th>Source</th><th>File</th><th>Status</th><th class="num">Read</th><th class="num">Loaded</th><th class="num">Rejected</th><th class="num">Loaded total</th></tr></thead><tbody>
${runs.map((x) => html`<tr><td>${runLink(x.run_id)}</td><td>${at(x.started_at)}</td><td>${sourceLabel(x.source)}</td><td><code>${x.file_name}</code></td><td>${x.status}</td><td class="num">${x.rows_read}</td><td class="num">${x.rows_loaded}</td><td class="num">${x.rows_rejected}</td><td class="num">${x.loaded_total_usd ?? ''}</td></tr>`)}
</tbody></table>`)}`,
    { active: '/etl' },
  );
}

/** `timezone`: the practice's IANA zone, in which the run's time is shown, labelled. */
export function runPage(id: string, run: RunDetail, rejects: readonly RejectRow[], timezone: string, warnings: readonly LoadWarning[] = [], remittance: SafeHtml | '' = ''): string {
  const rejectTable = rejects.length
    ? htmlTable(['Line', 'Column', 'Reason'], rejects.map((x) => [x.line_n, x.column_name, x.reason]), [0], 'Rejected rows')
    : html`<p>No rows were rejected.</p>`;
  // Rows that loaded but deserve a look (a warning rule, ids the reference data lacks): counts only.
  const warningBlock = warnings.length
    ? html`<h2>Warnings (${warnings.length})</h2>${htmlTable(['Column', 'Warning', 'Rows'], warnings.map((w) => [w.column, w.reason, w.rows]), [2], 'Warnings')}`
    : '';
  const canCorrect = rejects.length > 0 && SOURCE_NAMES.includes(run.source as SourceName);
  const correction = canCorrect
    ? html`<h2>Correct the rejected rows</h2>
<p><a href="/etl/runs/${id}/rejected.csv">Download the rejected rows</a> (admin only: they may hold patient identifiers) in the file's own layout, fix them, and load the corrected file here. The corrected rows count as loaded, and the history shows both runs.</p>
<p>Records that could not be split into fields (a wrong number of fields, an unclosed quote) are not in the download, since their raw text could hold columns that are never stored: correct them in the original file, kept under data/rejected or data/archive.</p>
<form method="post" action="${csrfAction(`/etl/runs/${id}/correct`)}" enctype="multipart/form-data">${csrfInput()}
<label>Corrected file <input type="file" name="file" accept=".csv,.txt,text/csv" required></label> <button type="submit">Load the correction</button></form>`
    : '';
  return layout(`Run ${id}`, html`<h1>Run ${id}</h1>${summary(run, timezone)}${remittance}${warningBlock}<h2>Rejected rows (${rejects.length})</h2>${rejectTable}${correction}<p><a href="/etl">All runs</a></p>`, { active: '/etl' });
}
