/**
 * Reads the session cookie on every request. A live session puts the user and the session's
 * CSRF token on `res.locals`; a timed-out one is destroyed, its cookie cleared, and the
 * automatic sign-out written to the audit log. An anonymous request gets the CSRF token of
 * its `pb_csrf` cookie, and a way to issue one when it shows a form (the sign-in page).
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { audit } from '../audit/log.ts';
import type { Db } from '../../core/db.ts';
import { clearCookie, cookieNames, readCookie, setCookie } from './cookies.ts';
import type { SessionStore } from './sessions.ts';

export interface SessionMiddlewareOptions {
  readonly store: SessionStore;
  readonly db: Db;
  readonly now: () => Date;
  /** True behind TLS: Secure, `__Host-` cookies. */
  readonly secureCookies: boolean;
}

export function sessionMiddleware(opts: SessionMiddlewareOptions): RequestHandler {
  const names = cookieNames(opts.secureCookies);
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req, names.session);
    if (token) {
      const found = await opts.store.lookup(token);
      if (found && 'session' in found) {
        const s = found.session;
        res.locals.auth = { userId: s.userId, username: s.username, displayName: s.displayName, role: s.role, sessionKey: s.key };
        res.locals.csrfToken = s.csrfToken;
        next();
        return;
      }
      clearCookie(res, names.session, opts.secureCookies, 'lax');
      if (found) {
        res.locals.sessionEnded = found.expired;
        await opts.db.use((c) =>
          audit(c, { actor: found.userId, action: 'auth.signout', outcome: 'ok', ip: req.ip ?? null, at: opts.now(), details: { reason: `${found.expired}_timeout` } }),
        );
      }
    }
    const anon = readCookie(req, names.csrf);
    if (anon) res.locals.csrfToken = anon;
    res.locals.issueCsrfToken = () => {
      const fresh = randomBytes(32).toString('base64url');
      setCookie(res, names.csrf, fresh, opts.secureCookies, 'strict');
      res.locals.csrfToken = fresh;
      return fresh;
    };
    next();
  };
}
