/**
 * Users set their own password. An account created or reset by an admin (who saw the generated
 * password) is marked; until its user sets a password of their own, every request of that user
 * other than the change form and sign-out is sent to /account/password. So what an admin does
 * with a generated password cannot pass as the user's own doing for long, and the audit log
 * shows when the user took the account over (user.password_change).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../core/db.ts';

const SQL_REQUIRE = 'INSERT OR REPLACE INTO password_change_required VALUES ($id, epoch_ms($now_ms::BIGINT))';
const SQL_CLEAR = 'DELETE FROM password_change_required WHERE user_id = $id';
const SQL_IS = 'SELECT count(*)::INTEGER FROM password_change_required WHERE user_id = $id';

export const CHANGE_PATH = '/account/password';

export const requirePasswordChange = (conn: DuckDBConnection, id: string, now: Date) => conn.run(SQL_REQUIRE, { id, now_ms: now.getTime() });
export const clearPasswordChange = (conn: DuckDBConnection, id: string) => conn.run(SQL_CLEAR, { id });
export async function mustChangePassword(conn: DuckDBConnection, id: string): Promise<boolean> {
  return Number((await conn.runAndReadAll(SQL_IS, { id })).getRows()[0]![0]) > 0;
}

/** Sessions remembered at most (past it the memory starts over: only a repeated check is lost). */
const MAX_REMEMBERED = 10_000;

/**
 * Sends a signed-in user who must change their password to the form, whatever they asked for.
 * A session once seen not to need a change is not checked again: every way a password change
 * becomes required (an admin's reset, the emergency reset, a new account) ends the user's
 * sessions first, so within one session the answer can only go from "must" to "need not". The
 * check therefore reads the database once per session, not once per request (it shares the
 * sign-in connection, where one read per page would queue every page behind the others).
 */
export function forcePasswordChange(db: Db): RequestHandler {
  const cleared = new Set<string>();
  return async (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.auth;
    if (!user || req.path === CHANGE_PATH || req.path === '/signout' || req.path.startsWith('/assets/')) return next();
    if (cleared.has(user.sessionKey)) return next();
    if (!(await db.use((c) => mustChangePassword(c, user.userId)))) {
      if (cleared.size >= MAX_REMEMBERED) cleared.clear();
      cleared.add(user.sessionKey);
      return next();
    }
    if (req.method === 'GET' && !req.path.startsWith('/api/')) return res.redirect(303, CHANGE_PATH);
    res.status(403).type('text/plain').send('Set your own password first, at /account/password.');
  };
}
