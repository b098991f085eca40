/**
 * The practice's settings (admin role only, by the access policy's /admin rule).
 *   GET  /admin/settings   the form
 *   POST /admin/settings   set the practice's name; 303 back to the page. Audited by the request
 *                          audit (request.write of /admin/settings, with its status); the
 *                          setting's row keeps who set it and when.
 */
import express from 'express';
import { z } from 'zod';
import { HttpError } from '../../core/errors.ts';
import type { Auth } from '../auth/index.ts';
import type { PracticeNameSetting } from '../settings/practiceName.ts';
import { settingsPage } from '../views/settings.ts';

const SettingsBody = z.object({ practiceName: z.string().trim().min(1, 'practice name: required').max(120, 'practice name: at most 120 characters') });

export function settingsRoutes(deps: { auth: Auth; practiceName: PracticeNameSetting }): express.Router {
  const r = express.Router();
  r.get('/admin/settings', (req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(settingsPage({ practiceName: deps.practiceName.current(), isSet: deps.practiceName.isSet(), mfaRequired: deps.auth.mfa.required.current(), saved: req.query.saved === '1', mfaSaved: req.query.saved === 'mfa' }));
  });
  r.post('/admin/settings', async (req, res) => {
    const user = res.locals.auth;
    if (!user) throw new HttpError(401, 'Sign in first.');
    const body = SettingsBody.safeParse(req.body ?? {});
    if (!body.success) throw new HttpError(400, 'The settings were not saved.', body.error.issues.map((i) => i.message));
    await deps.practiceName.set(body.data.practiceName, user.userId, deps.auth.now());
    res.redirect(303, '/admin/settings?saved=1');
  });
  return r;
}
