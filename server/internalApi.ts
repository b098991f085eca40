/**
 * The loopback API the command line uses when this server holds the warehouse. Only
 * requests from this machine carrying the token of data/server.json are served.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { coverage, listRuns, runExists, runQuarantine, runRejects } from '../etl/history.ts';
import { INBOX_SOURCES } from '../etl/inbox.ts';
import { packHtml, packPdf } from '../reports/deliver.ts';
import type { Context } from './context.ts';

const RunBody = z.union([
  z.object({ scan: z.literal(true), sources: z.array(z.enum(INBOX_SOURCES)).optional() }).strict(),
  z
    .object({
      files: z.array(z.object({ source: z.enum(INBOX_SOURCES), name: z.string().regex(/^[^/\\]+$/, 'a file name in the inbox'), profileId: z.string().optional() }).strict()).min(1),
    })
    .strict(),
]);

function tokenGuard(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req: Request, res: Response, next: NextFunction) => {
    const got = Buffer.from(req.get('authorization') ?? '');
    const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    if (!loopback || got.length !== expected.length || !timingSafeEqual(got, expected)) {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };
}

export function internalApi(ctx: Context, token: string): Router {
  const r = express.Router();
  r.use(tokenGuard(token), express.json({ limit: '64kb' }));
  r.post('/etl/run', async (req, res) => {
    const body = RunBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    const b = body.data;
    const reports =
      'scan' in b
        ? await ctx.etl.scan({ settleMs: 0, ...(b.sources ? { sources: b.sources } : {}) })
        : await Promise.all(b.files.map((f) => ctx.etl.loadInboxFile(f.source, f.name, f.profileId ? { profileId: f.profileId } : {})));
    res.json({ reports });
  });
  r.get('/etl/status', async (req, res) => {
    const limit = z.coerce.number().int().min(1).max(500).catch(20).parse(req.query.limit);
    res.json(await ctx.warehouse.use(async (c) => ({ runs: await listRuns(c, limit), coverage: await coverage(c) })));
  });
  r.get('/etl/rejects/:run', async (req, res) => {
    const run = req.params.run;
    res.json(
      await ctx.warehouse.use(async (c) => ({
        exists: await runExists(c, run),
        rejects: await runRejects(c, run),
        raw: req.query.raw === '1' ? await runQuarantine(c, run) : [],
      })),
    );
  });
  r.get('/report/:month', async (req, res) => {
    const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).safeParse(req.params.month);
    const size = z.enum(['letter', 'a4']).catch('letter').parse(req.query.size);
    if (!month.success) {
      res.status(400).json({ error: 'month: use YYYY-MM' });
      return;
    }
    const opts = { month: month.data, now: new Date(), practiceName: ctx.config.practiceName };
    if (req.query.format === 'html') {
      const { html } = await ctx.warehouse.use((c) => packHtml(c, opts));
      res.type('html').send(html);
    } else {
      const { pdf } = await ctx.warehouse.use((c) => packPdf(c, { ...opts, size }));
      res.type('application/pdf').send(pdf);
    }
  });
  return r;
}
