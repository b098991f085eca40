/**
 * Multi-factor sign-in pages of a signed-in user and of the admin (the second step of a
 * sign-in is in routes/auth.ts).
 *   GET  /account/mfa                  enrol (QR code and secret), or the account's MFA state
 *   POST /account/mfa                  confirm enrolment with a first code; shows the 10
 *                                      recovery codes once
 *   POST /admin/users/:id/mfa/reset    an admin removes a user's enrolment (lost phone); the
 *                                      user's sessions end; audited (mfa.reset)
 *   POST /admin/settings/mfa           an admin requires MFA for admin and manager, or not;
 *                                      audited (mfa.setting_change)
 * Who may reach which is the access policy's (server/auth/policy.ts).
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { HttpError } from '../../core/errors.ts';
import { audit } from '../audit/log.ts';
import type { Auth } from '../auth/index.ts';
import { findUserById } from '../auth/users.ts';
import { enrolPage, mfaStatusPage, qrCodeSvg, recoveryCodesPage } from '../views/mfa.ts';
import { groupedSecret } from '../auth/mfaTotp.ts';

const CodeBody = z.object({ code: z.string().max(64).default('') });
const RequiredBody = z.object({ required: z.enum(['on', 'off']) });
const UserId = z.uuid();

/** `timezone`: the practice's IANA zone, for the time the status page shows (default UTC, labelled so). */
export function mfaRoutes(auth: Auth, opts: { readonly timezone?: string } = {}): express.Router {
  const r = express.Router();
  const signedIn = (res: Response) => {
    const user = res.locals.auth;
    if (!user) throw new HttpError(401, 'Sign in first.');
    return user;
  };

  const renderEnrolment = async (res: Response, status: number, errors?: readonly string[]) => {
    const user = signedIn(res);
    const view = await auth.mfa.enrolment(user);
    if (view.state === 'enrolled') {
      res.status(status).type('html').send(mfaStatusPage(view, opts.timezone ?? 'UTC'));
      return;
    }
    const page = enrolPage({ qr: qrCodeSvg(view.uri), secret: groupedSecret(view.secret), required: auth.mfa.required.requires(user.role), ...(errors ? { errors } : {}) });
    res.status(status).type('html').send(page);
  };

  r.get('/account/mfa', async (_req, res) => renderEnrolment(res, 200));

  r.post('/account/mfa', async (req: Request, res: Response) => {
    const user = signedIn(res);
    if (await auth.mfa.isEnrolled(user.userId)) throw new HttpError(409, 'Multi-factor sign-in is already on for your account.');
    const body = CodeBody.safeParse(req.body ?? {});
    const codes = await auth.mfa.confirm(user, body.success ? body.data.code : '', req.ip ?? null);
    if (!codes) return renderEnrolment(res, 400, ['The code is not right. Check that the phone\u2019s clock is right, and enter the code the app shows now.']);
    res.type('html').send(recoveryCodesPage(codes));
  });

  r.post('/admin/users/:id/mfa/reset', async (req: Request, res: Response) => {
    const admin = signedIn(res);
    const id = UserId.safeParse(req.params.id);
    const user = id.success ? await auth.db.use((c) => findUserById(c, id.data)) : undefined;
    if (!user) throw new HttpError(404, 'There is no such user.');
    if (user.userId === admin.userId) throw new HttpError(400, 'You cannot reset your own multi-factor sign-in here; ask another admin.');
    await auth.mfa.reset(user.userId, admin.userId, req.ip ?? null);
    await auth.sessions.destroyForUser(user.userId);
    res.redirect(303, '/admin/users');
  });

  r.post('/admin/settings/mfa', async (req: Request, res: Response) => {
    const admin = signedIn(res);
    const body = RequiredBody.safeParse(req.body ?? {});
    if (!body.success) throw new HttpError(400, 'The setting was not saved.', ['required: "on" or "off"']);
    const on = body.data.required === 'on';
    await auth.mfa.required.set(on, admin.userId, auth.now());
    await auth.db.use((c) => audit(c, { actor: admin.userId, action: 'mfa.setting_change', target: 'mfa_required_staff', ip: req.ip ?? null, at: auth.now(), details: { required: on } }));
    res.redirect(303, '/admin/settings?saved=mfa');
  });
  return r;
}
