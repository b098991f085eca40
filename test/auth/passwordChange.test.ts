/**
 * Issue 11 item 10: users set their own password. An account an admin created or reset (the
 * admin saw the generated password) reaches nothing but the change form until its user sets
 * one; the change needs the current password, is audited as the user's own act, and any user
 * can change theirs at any time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORDS, startAuthApp, type AuthApp, type Client } from './authApp.ts';

let t: AuthApp;
beforeEach(async () => {
  t = await startAuthApp();
});
afterEach(() => t.close());

const passwordOn = (html: string) => /<code style="font-size:1.3rem">([A-Za-z0-9_-]{24})<\/code>/.exec(html)?.[1];
const change = (c: Client, current: string, next: string, confirm = next) => c.post('/account/password', { current, next, confirm });

describe('a generated password must be replaced', () => {
  it('sends a new account to the form until its user sets a password, then lets it through', async () => {
    const admin = await t.as('admin');
    const generated = passwordOn(await (await admin.post('/admin/users', { username: 'dana', displayName: 'Dana', role: 'manager' })).text())!;
    const dana = t.client();
    expect((await dana.signIn('dana', generated)).status).toBe(303);
    const blocked = await dana.get('/financial');
    expect([blocked.status, blocked.headers.get('location')]).toEqual([303, '/account/password']);
    expect((await dana.post('/reports/2026-10/commentary', { section: 'financial', text: 'x' })).status).toBe(403);

    expect((await change(dana, 'not-the-current-one', 'dana-own-password-1')).status).toBe(400);
    expect((await change(dana, generated, 'short')).status).toBe(400);
    expect((await change(dana, generated, 'dana-own-password-1', 'dana-own-password-2')).status).toBe(400);
    expect((await dana.get('/financial')).status).toBe(303); // still required

    expect((await change(dana, generated, 'dana-own-password-1')).status).toBe(303);
    expect((await dana.get('/financial')).status).toBe(200);
    const rows = await t.rows("SELECT actor, target FROM audit_log WHERE action = 'user.password_change'");
    const danaId = (await t.rows("SELECT user_id FROM app_user WHERE username = 'dana'"))[0]!.user_id;
    expect(rows).toEqual([{ actor: danaId, target: danaId }]);
    // The admin's generated password no longer works; the user's own does.
    expect((await t.client().signIn('dana', generated)).status).toBe(401);
    expect((await t.client().signIn('dana', 'dana-own-password-1')).status).toBe(303);
  });

  it('forces a change again after an admin reset', async () => {
    const admin = await t.as('admin');
    const reset = passwordOn(await (await admin.post(`/admin/users/${t.userIds.manager}/password`)).text())!;
    const manager = t.client();
    expect((await manager.signIn('manager', reset)).status).toBe(303);
    expect((await manager.get('/financial')).headers.get('location')).toBe('/account/password');
    expect((await change(manager, reset, 'manager-own-password-2')).status).toBe(303);
    expect((await manager.get('/financial')).status).toBe(200);
  });

  it('lets any user change their own password at any time', async () => {
    const board = await t.as('board');
    expect((await board.get('/account/password')).status).toBe(200);
    expect((await change(board, PASSWORDS.board, 'board-new-password-9')).status).toBe(303);
    expect((await t.client().signIn('board', 'board-new-password-9')).status).toBe(303);
  });

  // Two tabs, the same moment: both passed the check of the current password and both answered
  // "changed", though only one new password worked. The second is now checked against the first's.
  it('changes a password sent from two tabs at the same moment once, and tells the other tab the current one is not right', async () => {
    const tabs = [await t.as('board'), await t.as('board')];
    const news = ['board-first-tab-pass', 'board-second-tab-pass'];
    const res = await Promise.all(tabs.map((tab, i) => change(tab, PASSWORDS.board, news[i]!)));
    expect(res.map((r) => r.status).sort()).toEqual([303, 400]);
    expect(await res.find((r) => r.status === 400)!.text()).toContain('The current password is not right.');
    const kept = news[res.findIndex((r) => r.status === 303)]!;
    const lost = news.find((n) => n !== kept)!;
    expect((await t.client().signIn('board', kept)).status).toBe(303);
    expect((await t.client().signIn('board', lost)).status).not.toBe(303);
  });
});
