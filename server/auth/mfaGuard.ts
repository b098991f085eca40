/**
 * Enrolment before anything else: when the practice requires multi-factor sign-in for a role
 * (server/settings/mfaRequired.ts) and a signed-in user of that role has not enrolled, every
 * request of theirs other than the enrolment page, the password form and sign-out is sent to
 * /account/mfa (a page) or refused with 403 (anything else). Checked per request, so turning
 * the setting on, or an admin's reset, takes effect at once for sessions already open.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MfaService } from './mfa.ts';

export const ENROL_PATH = '/account/mfa';
const OPEN = new Set([ENROL_PATH, '/account/password', '/signout']);

export function forceMfaEnrolment(mfa: MfaService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.auth;
    if (!user || OPEN.has(req.path) || req.path.startsWith('/assets/')) return next();
    if (!(await mfa.mustEnrol(user))) return next();
    if ((req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/')) return res.redirect(303, ENROL_PATH);
    res.status(403).type('text/plain').send('Set up multi-factor sign-in first, at /account/mfa.');
  };
}
