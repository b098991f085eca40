/**
 * The loopback API the command line uses when this server holds the warehouse. Only
 * requests from this machine carrying the token of data/server.json are served. Each endpoint
 * calls the same command function (server/commands/) as the command line does on its own
 * warehouse, over this server's connection pool and clock; errors carry their status.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../core/errors.ts';
import { INBOX_SOURCES } from '../etl/inbox.ts';
import type { Context } from './context.ts';
import { etlRejects, etlStatus } from './commands/etlHistory.ts';
import { runEtl } from './commands/etlRun.ts';
import type { Invocation } from './commands/invocation.ts';
import { buildPack } from './commands/reportBuild.ts';
import { exportAuditHead, verifyAudit } from './commands/audit.ts';
import { parseExportedHead } from './audit/verify.ts';

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

export function internalApi(ctx: Context, token: string, opts: { now?: () => Date } = {}): Router {
  const inv: Invocation = { via: 'server', now: opts.now ?? (() => new Date()) };
  const r = express.Router();
  r.use(tokenGuard(token), express.json({ limit: '64kb' }));
  r.post('/etl/run', async (req, res) => {
    const body = RunBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    res.json({ reports: await runEtl(ctx, body.data, { now: inv.now }) });
  });
  r.get('/etl/status', async (req, res) => {
    const limit = z.coerce.number().int().min(1).max(500).catch(20).parse(req.query.limit);
    res.json(await etlStatus(ctx, limit, inv));
  });
  r.get('/etl/rejects/:run', async (req, res) => {
    res.json(await etlRejects(ctx, req.params.run, { raw: req.query.raw === '1' }, inv));
  });
  r.get('/report/:month', async (req, res) => {
    const size = z.enum(['letter', 'a4']).catch('letter').parse(req.query.size);
    const format = req.query.format === 'html' ? 'html' : 'pdf';
    const { bytes } = await buildPack(ctx, { month: req.params.month, size, format }, inv);
    res.type(format === 'html' ? 'html' : 'application/pdf').send(bytes);
  });
  r.get('/audit/head', async (_req, res) => {
    res.json(await exportAuditHead(ctx, inv));
  });
  r.post('/audit/verify', async (req, res) => {
    const head = (req.body as { head?: unknown } | undefined)?.head;
    res.json(await verifyAudit(ctx, typeof head === 'string' ? parseExportedHead(head) : undefined));
  });
  return r;
}
