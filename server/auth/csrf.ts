/**
 * CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE): a synchronizer
 * token. A signed-in user's token belongs to the session (a new one at every sign-in); before
 * sign-in the token is the one in the SameSite=Strict `pb_csrf` cookie (double submit). Forms
 * carry it as the hidden field `_csrf` (server/views/html.ts `csrfInput`); scripts send the `x-csrf-token`
 * header. A multipart upload form, whose body is read only by its own route, may put it in the
 * query string instead. A missing or wrong token is refused with 403 before any handler runs.
 * Exempt: paths with their own guard that no browser cookie can satisfy (/internal/).
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../core/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfOptions {
  /** Path prefixes exempt from the check. Default: ['/internal/']. */
  readonly exempt?: readonly string[];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function submitted(req: Request): unknown {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && '_csrf' in body) return body._csrf;
  const header = req.get('x-csrf-token');
  if (header) return header;
  return req.is('multipart/form-data') ? req.query._csrf : undefined;
}

export function csrfProtection(opts: CsrfOptions = {}): RequestHandler {
  const exempt = opts.exempt ?? ['/internal/'];
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || exempt.some((p) => req.path.startsWith(p))) {
      next();
      return;
    }
    const expected = res.locals.csrfToken;
    const got = submitted(req);
    if (!expected || typeof got !== 'string' || !same(got, expected)) {
      next(new HttpError(403, 'This form has expired or did not come from PracticeBoard. Reload the page and try again.'));
      return;
    }
    next();
  };
}

/** The CSRF token for a form on this response (issuing an anonymous one if needed). */
export function csrfToken(res: Response): string {
  const token = res.locals.csrfToken ?? res.locals.issueCsrfToken?.();
  if (!token) throw new Error('csrfToken: the session middleware has not run for this request');
  return token;
}
