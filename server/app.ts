/**
 * The Express application, built apart from `listen` so tests can import it. Pages render on
 * the server; errors map to responses in one place and never show a stack trace.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { coverage, listRuns } from '../etl/history.ts';
import type { Context } from './context.ts';
import { internalApi } from './internalApi.ts';
import { layout, escapeHtml, htmlTable } from './html.ts';

export function createApp(ctx: Context, opts: { internalToken?: string } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (opts.internalToken) app.use('/internal', internalApi(ctx, opts.internalToken));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/etl', async (_req, res) => {
    const { runs, cov } = await ctx.warehouse.withConnection(async (c) => ({ runs: await listRuns(c, 50), cov: await coverage(c) }));
    res.set('Cache-Control', 'no-store');
    res.send(
      layout(
        'ETL status',
        `<h1>ETL status</h1>
        <h2>What each source covers</h2>
        ${htmlTable(['Source', 'Files', 'Rows', 'First date', 'Last date', 'Last load'], cov.map((c) => [c.source, c.files_n, c.rows_n, c.first_date, c.last_date, c.last_loaded_at]), [1, 2])}
        <h2>Recent runs</h2>
        ${htmlTable(
          ['Run', 'Started', 'Source', 'File', 'Status', 'Read', 'Loaded', 'Rejected', 'Loaded total'],
          runs.map((r) => [r.run_id, r.started_at, r.source, r.file_name, r.status, r.rows_read, r.rows_loaded, r.rows_rejected, r.loaded_total_usd]),
          [5, 6, 7, 8],
        )}`,
      ),
    );
  });

  app.get('/', (_req, res) => {
    res.redirect('/etl');
  });

  app.use((_req, res) => {
    res.status(404).send(layout('Not found', '<h1>Not found</h1><p>There is no page at this address.</p>'));
  });

  // One place maps errors to responses: a message a person can act on, never a stack trace.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    ctx.logger.error({ path: req.path, status, name: (err as Error).name }, 'request failed');
    const message = status < 500 ? escapeHtml((err as Error).message) : 'Something went wrong on the server; it has been logged.';
    res.status(status).send(layout('Error', `<h1>Error</h1><p>${message}</p>`));
  });
  return app;
}
