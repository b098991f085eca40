/**
 * Issue 11 item 10, the paths around the admin pages, over HTTP: the first admin's generated
 * password (printed on the console) must be changed at the first sign-in, while a password the
 * operator chose in PRACTICEBOARD_ADMIN_PASSWORD is not forced; a password from the emergency
 * reset (`practiceboard users reset-password`) must be changed at the next sign-in; and a
 * password change ends the user's other sessions (an own change keeps the session that made it,
 * an admin reset ends them all).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emergencyResetPassword, ensureFirstAdmin } from '../../server/auth/firstAdmin.ts';
import { enrol, passwordStep } from './mfaFlow.ts';
import { PASSWORDS, startAuthApp, TEST_PARAMS, type AuthApp, type Client } from './authApp.ts';

let t: AuthApp;
beforeEach(async () => {
  t = await startAuthApp();
});
afterEach(() => t.close());

const change = (c: Client, current: string, next: string) => c.post('/account/password', { current, next, confirm: next });
const printedPassword = (lines: string[]) => /the password (\S+)\n/.exec(lines.join('\n'))?.[1];
/** Where a GET of a dashboard page sends this client: null when it is served. */
async function sentTo(c: Client): Promise<string | null> {
  const res = await c.get('/financial');
  return res.status === 200 ? null : (res.headers.get('location') ?? String(res.status));
}

/** A data folder with no accounts yet: the first start's situation. */
async function noAccounts(): Promise<void> {
  await t.db.use(async (c) => {
    await c.run('DELETE FROM auth_session');
    await c.run('DELETE FROM password_change_required');
    await c.run('DELETE FROM app_user');
  });
}

describe('the first admin', () => {
  it('must replace a generated password printed on the console at the first sign-in', async () => {
    await noAccounts();
    const lines: string[] = [];
    await t.db.use((c) => ensureFirstAdmin(c, { env: {}, print: (l) => lines.push(l), now: t.clock.now, passwordParams: TEST_PARAMS }));
    const generated = printedPassword(lines)!;
    expect(lines.join('\n')).toContain('set your own at once');
    const admin = t.client();
    expect((await admin.signIn('admin', generated)).status).toBe(303);
    expect(await sentTo(admin)).toBe('/account/password');
    expect((await admin.get('/admin/users')).headers.get('location')).toBe('/account/password');
    expect((await change(admin, generated, 'first-admin-own-password')).status).toBe(303);
    expect(await sentTo(admin)).toBeNull();
    expect((await admin.get('/admin/users')).status).toBe(200);
  });

  it('is not forced to change a password the operator chose in PRACTICEBOARD_ADMIN_PASSWORD', async () => {
    await noAccounts();
    await t.db.use((c) => ensureFirstAdmin(c, { env: { PRACTICEBOARD_ADMIN_PASSWORD: 'operator-chosen-password' }, print: () => undefined, now: t.clock.now, passwordParams: TEST_PARAMS }));
    const admin = t.client();
    expect((await admin.signIn('admin', 'operator-chosen-password')).status).toBe(303);
    expect(await sentTo(admin)).toBeNull();
  });
});

describe('the emergency reset', () => {
  it('gives a password that must be changed at the next sign-in', async () => {
    const lines: string[] = [];
    await t.db.use((c) => emergencyResetPassword(c, 'manager', { print: (l) => lines.push(l), now: t.clock.now, passwordParams: TEST_PARAMS }));
    expect(lines.join('\n')).toContain('must be changed at the next sign-in');
    const reset = printedPassword(lines)!;
    const manager = t.client();
    expect((await manager.signIn('manager', reset)).status).toBe(303);
    expect(await sentTo(manager)).toBe('/account/password');
    expect((await manager.post('/reports/2026-10/commentary', { section: 'financial', text: 'x' })).status).toBe(403);
    expect((await change(manager, reset, 'manager-after-emergency')).status).toBe(303);
    expect(await sentTo(manager)).toBeNull();
  });

  it("clears the account's multi-factor enrolment, so a lost phone cannot lock the only admin out", async () => {
    await enrol(await t.as('admin'), t.clock.now());
    expect((await passwordStep(t.base, 'admin', PASSWORDS.admin)).res.headers.get('location')).toMatch(/^\/signin\/mfa/);
    const lines: string[] = [];
    await t.db.use((c) => emergencyResetPassword(c, 'admin', { print: (l) => lines.push(l), now: t.clock.now, passwordParams: TEST_PARAMS }));
    const { res } = await passwordStep(t.base, 'admin', printedPassword(lines)!);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).not.toMatch(/mfa/);
    const left = await t.rows(`SELECT count(*)::INTEGER AS n FROM mfa_enrolment WHERE user_id = '${t.userIds.admin}'`);
    expect(left[0]!.n).toBe(0);
  });
});

describe('a password change ends the other sessions', () => {
  it('keeps the session that changed its own password and signs every other one out', async () => {
    const here = await t.as('manager');
    const elsewhere = await t.as('manager');
    const other = await t.as('board');
    expect(await sentTo(elsewhere)).toBeNull();
    expect((await change(here, PASSWORDS.manager, 'manager-new-password-7')).status).toBe(303);
    expect(await sentTo(here)).toBeNull();
    expect(await sentTo(elsewhere)).toMatch(/^\/signin/);
    expect((await other.get('/reports')).status).toBe(200); // another user's session is untouched
    const left = await t.rows(`SELECT count(*)::INTEGER AS n FROM auth_session WHERE user_id = '${t.userIds.manager}'`);
    expect(left).toEqual([{ n: 1 }]);
  });

  it('ends every session of the user when an admin resets the password', async () => {
    const manager = await t.as('manager');
    const admin = await t.as('admin');
    expect((await admin.post(`/admin/users/${t.userIds.manager}/password`)).status).toBe(200);
    expect(await sentTo(manager)).toMatch(/^\/signin/);
    expect(await t.rows(`SELECT count(*)::INTEGER AS n FROM auth_session WHERE user_id = '${t.userIds.manager}'`)).toEqual([{ n: 0 }]);
  });
});
