/**
 * Signing in and out.
 *   GET  /signin    the form (a signed-in user is sent on)
 *   POST /signin    checks the attempt (signin.ts), starts a NEW session (no fixation), and
 *                   returns to the page asked for; one message for every kind of failure. For
 *                   an account with multi-factor sign-in, a right password starts no session:
 *                   it starts a pending second step (5 minutes, cookie pb_mfa) instead
 *   GET  /signin/mfa   the second step's form (a code or a recovery code)
 *   POST /signin/mfa   checks the code (mfa.ts: throttled, replay refused); only then a session
 *   /account/mfa, the admin's reset, the requirement setting: server/routes/mfa.ts
 *   POST /signout   deletes the session on the server, clears the cookie, audited
 *   GET/POST /account/password   a user sets their own password (current one required); an
 *                   account an admin created or reset reaches nothing else until then
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { audit } from '../audit/log.ts';
import { mayAccess, safeNext } from '../auth/authorize.ts';
import { HOME } from '../auth/policy.ts';
import { clearCookie, cookieNames, readCookie, setCookie } from '../auth/cookies.ts';
import { csrfToken } from '../auth/csrf.ts';
import type { Auth, SignedIn } from '../auth/index.ts';
import { sessionKey } from '../auth/sessions.ts';
import { signinPage, signOutForm as signOutView } from '../views/signin.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/password.ts';
import { clearPasswordChange, forcePasswordChange, mustChangePassword } from '../auth/passwordChange.ts';
import { findUserById, setPasswordHash, type User } from '../auth/users.ts';
import { KeyedMutex } from '../auth/inFlight.ts';
import { forceMfaEnrolment } from '../auth/mfaGuard.ts';
import { passwordPage } from '../views/password.ts';
import { secondStepPage } from '../views/mfa.ts';
import { mfaRoutes } from './mfa.ts';

const SigninBody = z.object({
  username: z.string().max(200).default(''),
  password: z.string().max(1024).default(''),
  next: z.string().max(500).optional(),
});

const CodeBody = z.object({ code: z.string().max(64).default('') });

const PasswordBody = z.object({ current: z.string().max(1024), next: z.string().max(1024), confirm: z.string().max(1024) });

export const SIGNIN_FAILED = 'The username or password is not right, or the account is paused for a while after repeated failed attempts.';

export const MFA_FAILED = 'The code is not right or was already used, or this step is paused for a while after repeated wrong codes.';

export const SIGNIN_BUSY = 'Too many sign-ins are being checked at once from this address or for this username. Try again in a moment.';

const ENDED: Record<string, string> = {
  idle: 'You were signed out after a period without activity. Sign in again to continue.',
  lifetime: 'Your session reached its time limit. Sign in again to continue.',
  mfa: 'The second step was not completed within 5 minutes, or was paused after wrong codes. Sign in again to continue.',
};

/** The cookie of a pending second step (mfaPending.ts): `__Host-` behind TLS, as the others. */
export const mfaCookieName = (secure: boolean) => (secure ? '__Host-pb_mfa' : 'pb_mfa');

/** The sign-out button for the page header: a POST form carrying the session's CSRF token. */
export const signOutForm = (res: Response): string => signOutView(res.locals.auth, csrfToken(res));

/** `timezone`: the practice's IANA zone, for the times the pages show (default UTC, labelled so). */
export function authRoutes(auth: Auth, opts: { readonly timezone?: string } = {}): express.Router {
  const r = express.Router();
  const names = cookieNames(auth.secureCookies);
  const mfaCookie = mfaCookieName(auth.secureCookies);
  // Mounted before every other router: a user who must set a password, or enrol in multi-factor
  // sign-in where the practice requires it, reaches nothing else.
  r.use(forcePasswordChange(auth.db));
  r.use(forceMfaEnrolment(auth.mfa));
  r.use(mfaRoutes(auth, opts));

  /**
   * A NEW session for `u` (a session id planted before sign-in is worth nothing), then `next`,
   * when the user's role may open it; otherwise the role's home (a board member sent to sign in
   * from a link to a dashboard lands on the packs, not on a refusal).
   */
  const startSession = async (req: Request, res: Response, u: User, next: string) => {
    const old = readCookie(req, names.session);
    if (old) await auth.sessions.destroyKey(sessionKey(old));
    const { token } = await auth.sessions.create({ userId: u.userId, username: u.username, displayName: u.displayName, role: u.role });
    setCookie(res, names.session, token, auth.secureCookies, 'lax');
    clearCookie(res, names.csrf, auth.secureCookies, 'strict');
    clearCookie(res, mfaCookie, auth.secureCookies, 'strict');
    res.redirect(303, mayAccess(u.role, 'GET', new URL(next, 'http://x').pathname) ? next : HOME[u.role]);
  };

  r.get('/account/password', async (_req: Request, res: Response) => {
    const user = res.locals.auth!;
    const required = await auth.db.use((c) => mustChangePassword(c, user.userId));
    res.type('html').send(passwordPage({ required }));
  });

  // One change of an account's password at a time: each checks the current password, then sets
  // the new one. Side by side (two tabs), both passed the check and both answered "changed",
  // though only one of the new passwords worked; now the second is checked against the first's.
  const passwordChanges = new KeyedMutex();
  r.post('/account/password', async (req: Request, res: Response) => {
    const user = res.locals.auth!;
    await passwordChanges.run(user.userId, () => changePassword(req, res, user));
  });
  const changePassword = async (req: Request, res: Response, user: SignedIn): Promise<void> => {
    const body = PasswordBody.safeParse(req.body ?? {});
    const form = body.success ? body.data : { current: '', next: '', confirm: '' };
    const account = await auth.db.use((c) => findUserById(c, user.userId));
    const errors: string[] = [];
    if (!account || !(await verifyPassword(form.current, account.passwordHash))) errors.push('The current password is not right.');
    if (form.next.length < MIN_PASSWORD_LENGTH) errors.push(`The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (form.next !== form.confirm) errors.push('The two new passwords differ.');
    if (form.next === form.current) errors.push('The new password must differ from the current one.');
    if (errors.length) {
      const required = await auth.db.use((c) => mustChangePassword(c, user.userId));
      res.status(400).type('html').send(passwordPage({ required, errors }));
      return;
    }
    const hash = await hashPassword(form.next, auth.passwordParams);
    await auth.db.use(async (c) => {
      await setPasswordHash(c, user.userId, hash);
      await clearPasswordChange(c, user.userId);
      await audit(c, { actor: user.userId, action: 'user.password_change', target: user.userId, ip: req.ip ?? null, at: auth.now(), details: {} });
    });
    // Whoever else held a session with the old password (an admin who knew a generated one) is out.
    await auth.sessions.destroyForUser(user.userId, { keep: user.sessionKey });
    res.redirect(303, '/');
  };

  r.get('/signin', (req: Request, res: Response) => {
    const next = safeNext(req.query.next);
    if (res.locals.auth) {
      res.redirect(303, next);
      return;
    }
    const ended = ENDED[String(req.query.ended)];
    res.type('html').send(signinPage({ csrf: csrfToken(res), next, ...(ended ? { notice: ended } : {}) }));
  });

  r.post('/signin', async (req: Request, res: Response) => {
    const parsed = SigninBody.safeParse(req.body ?? {});
    const body = parsed.success ? parsed.data : { username: '', password: '', next: '/' };
    const next = safeNext(body.next);
    const result = await auth.signIn.attempt({ username: body.username, password: body.password, ip: req.ip ?? 'unknown' });
    if (!result.ok) {
      const limited = result.reason === 'rate_limited';
      if (limited) res.set('Retry-After', String(result.retryAfterS));
      const message = !limited ? SIGNIN_FAILED : result.scope === 'busy' ? SIGNIN_BUSY : `Too many failed sign-ins from this address. Try again in ${Math.ceil(result.retryAfterS / 60)} minutes.`;
      res.status(limited ? 429 : 401).type('html').send(signinPage({ csrf: csrfToken(res), next, message, username: body.username.slice(0, 64) }));
      return;
    }
    if (result.secondStep) {
      // Not a session: a pending second step, for this account only, for 5 minutes.
      setCookie(res, mfaCookie, auth.mfa.pending.create(result.user.userId, next), auth.secureCookies, 'strict');
      res.redirect(303, '/signin/mfa');
      return;
    }
    await startSession(req, res, result.user, next);
  });

  r.get('/signin/mfa', (req: Request, res: Response) => {
    if (!auth.mfa.pending.find(readCookie(req, mfaCookie))) {
      res.redirect(303, '/signin?ended=mfa');
      return;
    }
    res.type('html').send(secondStepPage({ csrf: csrfToken(res) }));
  });

  r.post('/signin/mfa', async (req: Request, res: Response) => {
    const pending = auth.mfa.pending.find(readCookie(req, mfaCookie));
    if (!pending) {
      clearCookie(res, mfaCookie, auth.secureCookies, 'strict');
      res.redirect(303, '/signin?ended=mfa');
      return;
    }
    const body = CodeBody.safeParse(req.body ?? {});
    const result = await auth.mfa.verify(pending.userId, body.success ? body.data.code : '', req.ip ?? 'unknown');
    if (!result.ok) {
      const limited = result.reason === 'rate_limited';
      if (limited) res.set('Retry-After', String(result.retryAfterS));
      const message = !limited ? MFA_FAILED : result.scope === 'busy' ? SIGNIN_BUSY : `Too many failed sign-ins from this address. Try again in ${Math.ceil(result.retryAfterS / 60)} minutes.`;
      res.status(limited ? 429 : 401).type('html').send(secondStepPage({ csrf: csrfToken(res), message }));
      return;
    }
    await startSession(req, res, result.user, pending.next);
  });

  r.post('/signout', async (req: Request, res: Response) => {
    const user = res.locals.auth;
    if (user) {
      await auth.sessions.destroyKey(user.sessionKey);
      await auth.db.use((c) => audit(c, { actor: user.userId, action: 'auth.signout', target: user.userId, ip: req.ip ?? null, at: auth.now(), details: { reason: 'signed_out' } }));
    }
    clearCookie(res, names.session, auth.secureCookies, 'lax');
    res.redirect(303, '/signin');
  });
  return r;
}
