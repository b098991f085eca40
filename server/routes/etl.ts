/**
 * The ETL pages: what each source covers and the recent runs with a "scan the inbox now"
 * button; one run's result (counts, control totals) and its rejected rows (line, column,
 * reason); the admin's download of the rejected rows in the file's own layout, and the upload
 * of a corrected file, loaded as a correction of that run so the history shows both.
 */
import express, { type Request } from 'express';
import { coverage, listRuns, runDetail, runQuarantine, runRejects } from '../../etl/history.ts';
import type { SourceName } from '../../etl/sources/contract.ts';
import { runWarnings } from '../../etl/load/warnings.ts';
import Papa from 'papaparse';
import { guardFormula } from '../../dashboards/export/csv.ts';
import type { Context } from '../context.ts';
import { detectIfChanged } from '../restatementStep.ts';
import type { ConnectionPool } from '../../core/pool.ts';
import { etlPage, runPage } from '../views/etl.ts';
import { HttpError } from '../../core/errors.ts';
import { discardingUpload, intoInbox, uploadMiddleware } from '../upload/storage.ts';
import { remittanceRunHtml } from '../views/remittanceRun.ts';

export interface EtlRouteDeps {
  readonly ctx: Context;
  readonly pool: ConnectionPool;
  /** The injected clock, for the restatement step after a load. */
  readonly now: () => Date;
}

const RUN_ID = /^r\d{8}-\d{6}-[0-9a-f]{6}$/;

function runIdOf(req: Request): string {
  const id = String(req.params.run);
  if (!RUN_ID.test(id)) throw new HttpError(404, 'No such run. Run ids look like r20261101-120000-abc123; see Data loads.');
  return id;
}

export function etlRoutes(deps: EtlRouteDeps): express.Router {
  const { ctx, pool } = deps;
  const r = express.Router();
  const upload = uploadMiddleware(ctx.config.paths.tmp, ctx.config.upload.maxMegabytes * 1024 * 1024);

  r.get('/etl', async (_req, res) => {
    const { runs, cov } = await pool.use(async (c) => ({ runs: await listRuns(c, 100), cov: await coverage(c) }));
    res.set('Cache-Control', 'no-store').send(etlPage(runs, cov, ctx.config.timezone));
  });

  r.post('/etl/scan', async (_req, res) => {
    const reports = await ctx.etl.scan({ settleMs: ctx.config.etl.settleMs });
    await detectIfChanged(ctx, deps.now, reports);
    res.redirect(303, '/etl');
  });

  r.get('/etl/runs/:run', async (req, res) => {
    const id = runIdOf(req);
    const { run, rejects, warnings, remittance } = await pool.use(async (c) => {
      const detail = await runDetail(c, id);
      return { run: detail, rejects: await runRejects(c, id, 5000), warnings: await runWarnings(c, id), remittance: detail?.source === 'remittance' ? await remittanceRunHtml(c, id) : ('' as const) };
    });
    if (!run) throw new HttpError(404, `No run ${id}.`);
    res.set('Cache-Control', 'no-store').send(runPage(id, run, rejects, ctx.config.timezone, warnings, remittance));
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
    await detectIfChanged(ctx, deps.now, [report]);
    res.redirect(303, `/etl/runs/${report.runId}`);
  }));
  return r;
}
