/**
 * The ETL pages: what each source covers and the recent runs with a "scan the inbox now"
 * button; one run's result (counts, control totals) and its rejected rows (line, column,
 * reason); the admin's download of the rejected rows in the file's own layout, and the upload
 * of a corrected file, loaded as a correction of that run so the history shows both.
 */
import express, { type Request } from 'express';
import Papa from 'papaparse';
import { guardFormula } from '../../dashboards/export/csv.ts';
import { coverage, listRuns, runDetail, runQuarantine, runRejects, type RunDetail } from '../../etl/history.ts';
import { SOURCE_NAMES, type SourceName } from '../../etl/sources/contract.ts';
import type { Context } from '../context.ts';
import type { ConnectionPool } from '../../core/pool.ts';
import { htmlTable, layout } from '../views/layout.ts';
import { csrfAction, csrfInput, html, type SafeHtml } from '../views/html.ts';
import { HttpError } from '../../core/errors.ts';
import { discardingUpload, intoInbox, uploadMiddleware } from '../upload/storage.ts';

export interface EtlRouteDeps {
  readonly ctx: Context;
  readonly pool: ConnectionPool;
}

const RUN_ID = /^r\d{8}-\d{6}-[0-9a-f]{6}$/;

function runIdOf(req: Request): string {
  const id = String(req.params.run);
  if (!RUN_ID.test(id)) throw new HttpError(404, 'No such run. Run ids look like r20261101-120000-abc123; see Data loads.');
  return id;
}

const runLink = (id: string) => html`<a href="/etl/runs/${id}">${id}</a>`;

function summary(r: RunDetail): SafeHtml {
  const rows: [string, string][] = [
    ['Status', r.status],
    ['File', r.file_name],
    ['Source and profile', `${r.source} (${r.profile_id ?? 'none'})`],
    ['Started', r.started_at],
    ['Rows read', String(r.rows_read)],
    ['Rows loaded', String(r.rows_loaded)],
    ['Rows rejected', String(r.rows_rejected)],
    ['Rows replaced (re-export)', String(r.rows_replaced)],
    ['Trailer rows', String(r.trailer_rows)],
    ['Control total of the file', r.file_total_usd ?? '—'],
    ['Total loaded', r.loaded_total_usd ?? '—'],
    ['Total on the trailer row', r.trailer_total_usd ?? '—'],
  ];
  const dl = rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`);
  const corrects = r.corrects_run_id ? html`<p>This load corrects ${runLink(r.corrects_run_id)}.</p>` : '';
  const correctedBy = r.corrected_by?.length ? html`<p>Corrected by ${r.corrected_by.map((id, i) => html`${i ? ', ' : ''}${runLink(id)}`)}.</p>` : '';
  const message = r.message ? html`<p class="errors" role="status">${r.error_code ?? ''} ${r.message}</p>` : '';
  return html`<dl class="run">${dl}</dl>${message}${corrects}${correctedBy}`;
}

export function etlRoutes(deps: EtlRouteDeps): express.Router {
  const { ctx, pool } = deps;
  const r = express.Router();
  const upload = uploadMiddleware(ctx.config.paths.tmp, ctx.config.upload.maxMegabytes * 1024 * 1024);

  r.get('/etl', async (_req, res) => {
    const { runs, cov } = await pool.use(async (c) => ({ runs: await listRuns(c, 100), cov: await coverage(c) }));
    res.set('Cache-Control', 'no-store').send(
      layout(
        'Data loads',
        html`<h1>Data loads</h1>
<form method="post" action="/etl/scan">${csrfInput()}<button type="submit">Scan the inbox now</button></form>
<p><a href="/upload">Upload a file</a></p>
<h2>What each source covers</h2>
${htmlTable(['Source', 'Files', 'Rows', 'First date', 'Last date', 'Last load'], cov.map((c) => [c.source, c.files_n, c.rows_n, c.first_date, c.last_date, c.last_loaded_at]), [1, 2])}
<h2>Recent runs</h2>
<table><thead><tr><th>Run</th><th>Started</th><th>Source</th><th>File</th><th>Status</th><th class="num">Read</th><th class="num">Loaded</th><th class="num">Rejected</th><th class="num">Loaded total</th></tr></thead><tbody>
${runs.map((x) => html`<tr><td>${runLink(x.run_id)}</td><td>${x.started_at}</td><td>${x.source}</td><td>${x.file_name}</td><td>${x.status}</td><td class="num">${x.rows_read}</td><td class="num">${x.rows_loaded}</td><td class="num">${x.rows_rejected}</td><td class="num">${x.loaded_total_usd ?? ''}</td></tr>`)}
</tbody></table>`,
        { active: '/etl' },
      ),
    );
  });

  r.post('/etl/scan', async (_req, res) => {
    await ctx.etl.scan({ settleMs: ctx.config.etl.settleMs });
    res.redirect(303, '/etl');
  });

  r.get('/etl/runs/:run', async (req, res) => {
    const id = runIdOf(req);
    const { run, rejects } = await pool.use(async (c) => ({ run: await runDetail(c, id), rejects: await runRejects(c, id, 5000) }));
    if (!run) throw new HttpError(404, `No run ${id}.`);
    const rejectTable = rejects.length
      ? htmlTable(['Line', 'Column', 'Reason'], rejects.map((x) => [x.line_n, x.column_name, x.reason]), [0])
      : html`<p>No rows were rejected.</p>`;
    const canCorrect = rejects.length > 0 && SOURCE_NAMES.includes(run.source as SourceName);
    const correction = canCorrect
      ? html`<h2>Correct the rejected rows</h2>
<p><a href="/etl/runs/${id}/rejected.csv">Download the rejected rows</a> (admin only: they may hold patient identifiers) in the file's own layout, fix them, and load the corrected file here. The corrected rows count as loaded, and the history shows both runs.</p>
<p>Records that could not be split into fields (a wrong number of fields, an unclosed quote) are not in the download, since their raw text could hold columns that are never stored: correct them in the original file, kept under data/rejected or data/archive.</p>
<form method="post" action="${csrfAction(`/etl/runs/${id}/correct`)}" enctype="multipart/form-data">${csrfInput()}
<label>Corrected file <input type="file" name="file" accept=".csv,.txt,text/csv" required></label> <button type="submit">Load the correction</button></form>`
      : '';
    res.set('Cache-Control', 'no-store').send(
      layout(`Run ${id}`, html`<h1>Run ${id}</h1>${summary(run)}<h2>Rejected rows (${rejects.length})</h2>${rejectTable}${correction}<p><a href="/etl">All runs</a></p>`, { active: '/etl' }),
    );
  });

  r.get('/etl/runs/:run/rejected.csv', async (req, res) => {
    const id = runIdOf(req);
    const { run, raw } = await pool.use(async (c) => ({ run: await runDetail(c, id), raw: await runQuarantine(c, id) }));
    if (!run) throw new HttpError(404, `No run ${id}.`);
    const header = run.header_text ?? '';
    // The rows keep the file's own layout (delimiter, columns) so that the corrected file loads,
    // but a field a spreadsheet would run as a formula opens as text (issue 11 item 7); a plain
    // number ('-12.50') is no formula and is left as it is.
    const delimiter = Papa.parse<string[]>(header, { delimiter: '' }).meta.delimiter || ',';
    const safeRecord = (line: string) =>
      Papa.unparse(
        Papa.parse<string[]>(line, { delimiter }).data.map((fields) => fields.map((f) => (/^[-+]?\d+(\.\d+)?$/.test(f.trim()) ? f : guardFormula(f)))),
        { delimiter, newline: '\r\n' },
      );
    res
      .set('Cache-Control', 'no-store')
      .type('text/csv')
      .attachment(`rejected-${id}.csv`)
      .send([header ? safeRecord(header) : '', ...raw.map((x) => safeRecord(x.raw_record))].join('\r\n') + '\r\n');
  });

  r.post('/etl/runs/:run/correct', upload, discardingUpload(async (req, res) => {
    const id = runIdOf(req);
    const run = await pool.use((c) => runDetail(c, id));
    if (!run) throw new HttpError(404, `No run ${id}.`);
    if (!req.file) throw new HttpError(400, 'Choose the corrected file to load.');
    const source = run.source as SourceName;
    const name = intoInbox(ctx.config.paths.inbox, source, req.file.path, req.file.originalname);
    const report = await ctx.etl.loadInboxFile(source, name, { ...(run.profile_id ? { profileId: run.profile_id } : {}), correctsRunId: id });
    res.redirect(303, `/etl/runs/${report.runId}`);
  }));
  return r;
}
