/**
 * Express middleware that writes an audit entry for every request of a signed-in user when its
 * response ends: a page view, a download (a response sent as an attachment, or an address
 * ending in .csv, .arrow, .json, .pdf or .html), or a state-changing request. It records the
 * method, the path, the status and the dashboard filter parameters only: any other query value
 * could be typed by a person and is left out (only the count of left-out parameters is kept).
 * Sign-in and sign-out write their own, richer entries; static files under /assets/ hold no
 * data and are not recorded. A failed audit write is logged (never silently dropped) and does
 * not fail the response, which has already been sent.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { FILTER_PARAMS } from '../../dashboards/filters/index.ts';
import { audit, type AuditAction, type AuditOutcome } from './log.ts';
import type { Db } from '../../core/db.ts';


/** The part of the logger the audit needs (pino's Logger fits). */
export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

export interface AuditRequestsOptions {
  readonly db: Db;
  readonly logger: ErrorLogger;
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

export type AuditRequests = RequestHandler & {
  /** Resolves when every entry started so far has been written (for tests and shutdown). */
  settled(): Promise<void>;
};

const SELF_AUDITED = new Set(['/signin', '/signout', '/healthz']);
const ALLOWED_PARAMS = new Set<string>(FILTER_PARAMS);
const DOWNLOAD_PATH = /\.(csv|arrow|json|pdf|html)$/i;

function recordedQuery(req: Request): { query: string; dropped: number } {
  const url = new URL(req.originalUrl, 'http://x');
  const kept = new URLSearchParams();
  let dropped = 0;
  for (const [k, v] of url.searchParams) {
    if (ALLOWED_PARAMS.has(k)) kept.append(k, v);
    else dropped += 1;
  }
  return { query: kept.toString().slice(0, 300), dropped };
}

function actionOf(req: Request, res: Response): AuditAction {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 'request.write';
  const attachment = /^attachment/i.test(String(res.get('Content-Disposition') ?? ''));
  return attachment || DOWNLOAD_PATH.test(req.path) ? 'data.download' : 'page.view';
}

function outcomeOf(res: Response): AuditOutcome {
  if (!res.writableFinished || res.statusCode >= 500) return 'failed';
  if (res.statusCode === 401 || res.statusCode === 403) return 'denied';
  return res.statusCode >= 400 ? 'failed' : 'ok';
}

export function auditRequests(opts: AuditRequestsOptions): AuditRequests {
  const now = opts.now ?? (() => new Date());
  const pending = new Set<Promise<void>>();
  const handler = (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.auth;
    if (!user || SELF_AUDITED.has(req.path) || req.path.startsWith('/assets/')) {
      next();
      return;
    }
    const path = req.path;
    const { query, dropped } = recordedQuery(req);
    // 'finish' when the response was sent (before the client can read it), 'close' if cut off.
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const write = opts.db
        .use((conn) =>
          audit(conn, {
            actor: user.userId,
            action: actionOf(req, res),
            target: path,
            outcome: outcomeOf(res),
            ip: req.ip ?? null,
            at: now(),
            details: { method: req.method, status: res.statusCode, query, ...(dropped ? { params_dropped_n: dropped } : {}) },
          }),
        )
        .then(
          () => undefined,
          (err: unknown) => opts.logger.error({ name: (err as Error).name, path }, 'audit entry for a request could not be written'),
        );
      pending.add(write);
      void write.finally(() => pending.delete(write));
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
  return Object.assign(handler, {
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
  });
}
