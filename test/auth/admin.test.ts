/**
 * User management and the first admin: creating a user shows a random password once and it
 * works; a role change or disabling takes effect at once (the user's sessions end); a reset
 * password replaces the old one; PracticeBoard never loses its last enabled admin; each change
 * is audited. ensureFirstAdmin creates one admin on first start only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emergencyResetPassword, ensureFirstAdmin } from '../../server/auth/firstAdmin.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { openHarness } from '../helpers/etlHarness.ts';
import { PASSWORDS, startAuthApp, TEST_PARAMS, type AuthApp, type Client } from './authApp.ts';

let t: AuthApp;
let admin: Client;
beforeEach(async () => {
  t = await startAuthApp();
  admin = await t.as('admin');
});
afterEach(async () => {
  await t.close();
});

const passwordOn = (html: string) => /<code style="font-size:1.3rem">([A-Za-z0-9_-]{24})<\/code>/.exec(html)?.[1];
const userId = async (username: string) => String((await t.rows('SELECT user_id, username FROM app_user')).find((r) => r.username === username)!.user_id);

describe('user management', () => {
  it('adds a user with a random password shown once, that signs in', async () => {
    const res = await admin.post('/admin/users', { username: 'Carol.Chair', displayName: 'Carol <Chair>', role: 'board' });
    expect(res.status).toBe(201);
    const html = await res.text();
    const password = passwordOn(html)!;
    expect(password).toBeDefined();
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = await (await admin.get('/admin/users')).text();
    expect(list).toContain('carol.chair');
    expect(list).toContain('Carol &lt;Chair&gt;');
    expect(list).not.toContain(password);
    const stored = (await t.rows('SELECT username, password_hash, role FROM app_user')).find((r) => r.username === 'carol.chair')!;
    expect(stored.role).toBe('board');
    expect(await verifyPassword(password, String(stored.password_hash))).toBe(true);
    expect((await t.client().signIn('carol.chair', password)).status).toBe(303);
    const created = await t.rows("SELECT actor, target, details FROM audit_log WHERE action = 'user.create'");
    expect(created).toEqual([{ actor: t.userIds.admin, target: await userId('carol.chair'), details: '{"role":"board","username":"carol.chair"}' }]);
  });

  it('refuses a taken username or a bad form, naming the problem', async () => {
    const taken = await admin.post('/admin/users', { username: 'manager', displayName: 'Again', role: 'manager' });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('username: &quot;manager&quot; is taken');
    const bad = await admin.post('/admin/users', { username: 'a b', displayName: '', role: 'owner' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('username: 2 to 64 letters');
    expect(text).toContain('displayName: required');
    expect(text).toContain('role:');
  });

  it('changes a role at once: the user is signed out and signs in with the new role', async () => {
    const board = await t.as('board');
    expect((await board.get('/financial')).status).toBe(403);
    const res = await admin.post(`/admin/users/${t.userIds.board}/role`, { role: 'manager' });
    expect(res.status).toBe(303);
    expect((await board.get('/financial')).status).toBe(302);
    await board.signIn('board', PASSWORDS.board);
    expect((await board.get('/financial')).status).toBe(200);
    const change = await t.rows("SELECT target, details FROM audit_log WHERE action = 'user.role_change'");
    expect(change).toEqual([{ target: t.userIds.board, details: '{"from":"board","to":"manager"}' }]);
  });

  it('disables and enables a user, ending their sessions; enabling also lifts a lockout', async () => {
    const m = await t.as('manager');
    expect((await admin.post(`/admin/users/${t.userIds.manager}/disable`)).status).toBe(303);
    expect((await m.get('/financial')).status).toBe(302);
    expect((await t.client().signIn('manager', PASSWORDS.manager)).status).toBe(401);
    await t.db.use((c) => c.run("UPDATE app_user SET failed_attempts_n = 5, locked_until = TIMESTAMP '2099-01-01' WHERE username = 'manager'"));
    expect((await admin.post(`/admin/users/${t.userIds.manager}/enable`)).status).toBe(303);
    expect((await t.client().signIn('manager', PASSWORDS.manager)).status).toBe(303);
    const actions = (await t.rows("SELECT action FROM audit_log WHERE action LIKE 'user.%' ORDER BY seq")).map((r) => r.action);
    expect(actions).toEqual(['user.disable', 'user.enable']);
  });

  it('resets a password to a new random one shown once; the old one stops working', async () => {
    const res = await admin.post(`/admin/users/${t.userIds.manager}/password`);
    expect(res.status).toBe(200);
    const password = passwordOn(await res.text())!;
    expect((await t.client().signIn('manager', PASSWORDS.manager)).status).toBe(401);
    expect((await t.client().signIn('manager', password)).status).toBe(303);
    expect((await t.rows("SELECT target FROM audit_log WHERE action = 'user.password_reset'"))).toEqual([{ target: t.userIds.manager }]);
  });

  it('never leaves PracticeBoard without an enabled admin, and admins do not change their own account', async () => {
    expect((await admin.post(`/admin/users/${t.userIds.admin}/disable`)).status).toBe(400);
    expect((await admin.post(`/admin/users/${t.userIds.admin}/role`, { role: 'board' })).status).toBe(400);
    // A second admin may demote the first only while another enabled admin remains.
    await admin.post(`/admin/users/${t.userIds.manager}/role`, { role: 'admin' });
    const second = await t.as('manager');
    expect((await second.post(`/admin/users/${t.userIds.admin}/role`, { role: 'board' })).status).toBe(303);
    expect((await admin.get('/admin/users')).status).toBe(302); // demoted: signed out
    const last = await second.post(`/admin/users/${t.userIds.manager}/disable`);
    expect(last.status).toBe(400);
    expect((await t.rows("SELECT count(*)::INTEGER AS n FROM app_user WHERE role = 'admin' AND NOT disabled"))[0]!.n).toBe(1);
    expect((await second.post('/admin/users/not-a-uuid/disable')).status).toBe(404);
  });

  // Each change reads before it writes (the admins left, the names taken): side by side, two
  // admins demoting or disabling each other both counted two admins and left none, and the same
  // new name added twice at once failed with a server error. Changes now run one at a time.
  it('keeps an enabled admin when two admins demote or disable each other at the same moment', async () => {
    await admin.post(`/admin/users/${t.userIds.manager}/role`, { role: 'admin' });
    const second = await t.as('manager');
    const both = await Promise.all([admin.post(`/admin/users/${t.userIds.manager}/role`, { role: 'board' }), second.post(`/admin/users/${t.userIds.admin}/disable`)]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 400]);
    const admins = await t.rows("SELECT username FROM app_user WHERE role = 'admin' AND NOT disabled");
    expect(admins).toHaveLength(1);
    // The one refused was told why, by name.
    const refused = both.find((r) => r.status === 400)!;
    expect(await refused.text()).toContain('This is the only enabled admin');
  });

  it('adds a name given twice at the same moment once, and tells the second it is taken', async () => {
    const other = await t.as('admin');
    const both = await Promise.all([admin, other].map((c) => c.post('/admin/users', { username: 'dana.board', displayName: 'Dana', role: 'board' })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 400]);
    expect(await both.find((r) => r.status === 400)!.text()).toContain('username: &quot;dana.board&quot; is taken');
    expect(await t.rows("SELECT count(*)::INTEGER AS n FROM app_user WHERE username = 'dana.board'")).toEqual([{ n: 1 }]);
  });
});

describe('ensureFirstAdmin', () => {
  it('creates one admin on first start with a random password printed once, then never again', async () => {
    const h = await openHarness();
    try {
      const lines: string[] = [];
      const print = (l: string) => lines.push(l);
      const first = await h.warehouse.use((c) => ensureFirstAdmin(c, { env: {}, print, passwordParams: TEST_PARAMS }));
      expect(first).toEqual({ created: true, username: 'admin' });
      expect(lines).toHaveLength(1);
      const password = /with the password (\S+)\n/.exec(lines[0]!)![1]!;
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const [row] = await h.rows("SELECT role, password_hash, disabled FROM app_user WHERE username = 'admin'");
      expect(row!.role).toBe('admin');
      expect(row!.disabled).toBe(false);
      expect(await verifyPassword(password, String(row!.password_hash))).toBe(true);
      expect(await h.rows("SELECT actor, action FROM audit_log WHERE action <> 'audit.chain_keyed'")).toEqual([{ actor: 'system', action: 'user.create' }]);

      const again = await h.warehouse.use((c) => ensureFirstAdmin(c, { env: {}, print, passwordParams: TEST_PARAMS }));
      expect(again).toEqual({ created: false });
      expect(lines).toHaveLength(1);
    } finally {
      h.close();
    }
  });

  it('takes the password from PRACTICEBOARD_ADMIN_PASSWORD without printing it, and refuses a short one', async () => {
    const h = await openHarness();
    try {
      const lines: string[] = [];
      await expect(h.warehouse.use((c) => ensureFirstAdmin(c, { env: { PRACTICEBOARD_ADMIN_PASSWORD: 'short' }, print: (l) => lines.push(l) }))).rejects.toThrow(/at least 12/);
      const env = { PRACTICEBOARD_ADMIN_PASSWORD: 'a-long-chosen-password' };
      await h.warehouse.use((c) => ensureFirstAdmin(c, { env, print: (l) => lines.push(l), passwordParams: TEST_PARAMS }));
      expect(lines).toEqual(['PracticeBoard: created the admin account "admin" with the password from PRACTICEBOARD_ADMIN_PASSWORD.']);
      const [row] = await h.rows("SELECT password_hash FROM app_user WHERE username = 'admin'");
      expect(await verifyPassword('a-long-chosen-password', String(row!.password_hash))).toBe(true);
    } finally {
      h.close();
    }
  });
});

describe('emergencyResetPassword', () => {
  it('gives a locked, disabled admin a new password printed once, and ends their sessions', async () => {
    await t.as('admin');
    const adminSessions = async () => (await t.rows('SELECT user_id FROM auth_session')).filter((r) => r.user_id === t.userIds.admin).length;
    expect(await adminSessions()).toBe(2);
    await t.db.use((c) => c.run("UPDATE app_user SET disabled = true, failed_attempts_n = 9, locked_until = TIMESTAMP '2099-01-01' WHERE username = 'admin'"));
    const lines: string[] = [];
    await t.db.use((c) => emergencyResetPassword(c, 'ADMIN', { print: (l) => lines.push(l), now: t.clock.now, passwordParams: TEST_PARAMS }));
    expect(lines).toHaveLength(1);
    const password = /the password (\S+)\n/.exec(lines[0]!)![1]!;
    expect(await adminSessions()).toBe(0);
    expect((await t.client().signIn('admin', PASSWORDS.admin)).status).toBe(401);
    expect((await t.client().signIn('admin', password)).status).toBe(303);
    const entry = await t.rows("SELECT actor, details FROM audit_log WHERE action = 'user.password_reset'");
    expect(entry).toEqual([{ actor: 'system', details: '{"change_required":true,"emergency":true,"mfa_cleared":false,"was_disabled":true}' }]);
    await expect(t.db.use((c) => emergencyResetPassword(c, 'nobody', { print: () => undefined }))).rejects.toThrow('there is no account "nobody"');
  });
});
