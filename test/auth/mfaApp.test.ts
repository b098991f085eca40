/**
 * Multi-factor sign-in in the real app. The settings page: the requirement off on a fresh demo
 * install, set by the admin's form, shown as set. No secret in the logs: the real app (server/app.ts wiring, the key file in the data folder),
 * every log line captured at debug level, through enrolment, a wrong code, a TOTP sign-in, a
 * recovery-code sign-in and a second step gone wrong at the edge (an over-long code). Neither
 * the TOTP secret, its sealed form, a recovery code nor a typed code appears in the log, the
 * responses after enrolment, or the audit log.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mfaKeyFile } from '../../server/auth/index.ts';
import { TEST_PARAMS } from './authApp.ts';
import { APP_NOW, APP_PASSWORD, captureLog, startAppServer, type AppServer } from '../helpers/appServer.ts';
import { codeAt, enrol, passwordStep, secondStep } from './mfaFlow.ts';

const log = captureLog('debug');
let s: AppServer;
beforeAll(async () => {
  s = await startAppServer({ months: 1, logger: log.logger, passwordParams: TEST_PARAMS });
}, 120_000);
afterAll(() => s?.close());

describe('multi-factor sign-in writes no secret to the log', () => {
  it('keeps the secret, the codes and the sealed secret out of the log, the audit log and later pages', async () => {
    const manager = await s.as('manager');
    const { secret, codes } = await enrol(manager, APP_NOW); // the app's clock is fixed at APP_NOW
    const typed: string[] = [codeAt(secret, APP_NOW)];
    const bodies: string[] = [];

    const wrong = await passwordStep(s.base, 'manager1', APP_PASSWORD);
    expect((await secondStep(wrong.client, '123456')).status).toBe(401);
    expect((await secondStep(wrong.client, 'x'.repeat(5000))).status).toBe(401);
    const next = codeAt(secret, new Date(APP_NOW.getTime() + 30_000)); // the next step: one step ahead is accepted
    typed.push(next);
    const ok = await secondStep(wrong.client, next);
    expect(ok.status).toBe(303);
    bodies.push(await (await wrong.client.get('/account/mfa')).text());

    const recovery = await passwordStep(s.base, 'manager1', APP_PASSWORD);
    expect((await secondStep(recovery.client, codes[0]!)).status).toBe(303);
    bodies.push(await (await recovery.client.get('/')).text());

    const sealed = await s.ctx.warehouse.use(async (c) => (await c.runAndReadAll('SELECT secret_sealed FROM mfa_enrolment')).getRows().map((r) => String(r[0])));
    const auditText = await s.ctx.warehouse.use(async (c) => JSON.stringify((await c.runAndReadAll('SELECT * FROM audit_log')).getRowObjectsJson()));
    expect(auditText).toContain('mfa.recovery_used'); // the audit log is there, and holds the events
    const logText = log.text();
    expect(logText.length).toBeGreaterThan(0);
    const secrets = [secret, secret.toLowerCase(), ...sealed, ...codes, ...codes.map((c) => c.replace('-', ''))];
    for (const where of [logText, auditText, ...bodies]) {
      for (const x of secrets) expect(where).not.toContain(x);
      // A typed code as a number of its own (not a run of digits inside a timestamp).
      for (const code of typed) expect(where).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
    }
    // The key file is the app's own, in the data folder, owner-only, apart from the patient-hash key.
    const keyFile = mfaKeyFile(s.ctx.config.paths.data);
    expect(keyFile).not.toBe(s.ctx.config.paths.keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  }, 60_000);
});

describe('the setting on the real settings page', () => {
  it('is off on a fresh demo install, and an admin turns it on through the form', async () => {
    const admin = await s.as('admin');
    const before = await (await admin.get('/admin/settings')).text();
    expect(before).toContain('<input type="radio" name="required" value="off" checked>');
    expect(before).toContain('Currently not required');
    admin.csrf = /action="\/admin\/settings\/mfa">\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(before)![1]!;
    const saved = await admin.post('/admin/settings/mfa', { required: 'on' });
    expect(saved.headers.get('location')).toBe('/admin/settings?saved=mfa');
    // The admin has not enrolled: held to enrolment at once, so the page is read after enrolling.
    expect((await admin.get('/admin/settings')).headers.get('location')).toBe('/account/mfa');
    await enrol(admin, APP_NOW);
    const after = await (await admin.get('/admin/settings?saved=mfa')).text();
    expect(after).toContain('<input type="radio" name="required" value="on" checked>');
    expect(after).toContain('Saved. It applies at once');
  }, 60_000);
});
