/**
 * Sessions over real HTTP: a new session id at sign-in (no fixation), the cookie's flags, idle
 * timeout and absolute lifetime by the injected clock, sign-out that deletes the server-side
 * session, and sessions that survive a restart of the store but not a disabled account.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore, sessionKey } from '../../server/auth/sessions.ts';
import { setDisabled } from '../../server/auth/users.ts';
import { PASSWORDS, startAuthApp, type AuthApp } from './authApp.ts';

const MIN = 60_000;
let t: AuthApp;
beforeEach(async () => {
  t = await startAuthApp();
});
afterEach(async () => {
  await t.close();
});

const sessionRows = async () => Number((await t.rows('SELECT count(*)::INTEGER AS n FROM auth_session'))[0]!.n);

describe('sessions', () => {
  it('goes back to the page after signing in when the role may open it, else to the role\'s home', async () => {
    // A manager sent to sign in from /financial returns there; a board member from the same
    // link lands on the packs (HOME), not on a refusal; a guessed address leads home.
    expect((await t.client().signIn('manager', PASSWORDS.manager, '/financial?month=2026-09')).headers.get('location')).toBe('/financial?month=2026-09');
    expect((await t.client().signIn('board', PASSWORDS.board, '/financial')).headers.get('location')).toBe('/reports');
    expect((await t.client().signIn('board', PASSWORDS.board, '/admin/users')).headers.get('location')).toBe('/reports');
    expect((await t.client().signIn('board', PASSWORDS.board, '/reports/2026-09')).headers.get('location')).toBe('/reports/2026-09');
    expect((await t.client().signIn('admin', PASSWORDS.admin, '/login')).headers.get('location')).toBe('/');
  });

  it('issues a new session id at sign-in: a cookie planted before sign-in is never signed in', async () => {
    const c = t.client();
    const planted = 'A'.repeat(43);
    c.jar.set('pb_session', planted);
    const res = await c.signIn('manager', PASSWORDS.manager);
    expect(res.status).toBe(303);
    const issued = c.jar.get('pb_session')!;
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued).not.toBe(planted);
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('pb_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    // The table keeps only the digest of the id.
    const keys = (await t.rows('SELECT session_sha256 FROM auth_session')).map((r) => r.session_sha256);
    expect(keys).toEqual([sessionKey(issued)]);

    // Signing in again (same browser) replaces the session; the previous id stops working.
    const attacker = t.client();
    attacker.jar.set('pb_session', issued);
    expect((await attacker.get('/financial')).status).toBe(200);
    const again = await c.post('/signin', { username: 'manager', password: PASSWORDS.manager, next: '/' });
    expect(again.status).toBe(303);
    expect(c.jar.get('pb_session')).not.toBe(issued);
    expect((await attacker.get('/financial')).status).toBe(302);
    expect(await sessionRows()).toBe(1);
  });

  it('ends a session after 30 minutes without a request, and says why on the sign-in page', async () => {
    const c = await t.as('manager');
    t.clock.advance(29 * MIN);
    expect((await c.get('/financial')).status).toBe(200);
    t.clock.advance(29 * MIN); // 58 minutes in, but active 29 minutes ago
    expect((await c.get('/financial')).status).toBe(200);
    t.clock.advance(30 * MIN);
    const res = await c.get('/financial');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Ffinancial&ended=idle');
    expect(c.jar.has('pb_session')).toBe(false);
    expect(await sessionRows()).toBe(0);
    const page = await (await c.get('/signin?next=%2Ffinancial&ended=idle')).text();
    expect(page).toContain('signed out after a period without activity');
    const ended = await t.rows("SELECT details FROM audit_log WHERE action = 'auth.signout'");
    expect(ended.map((r) => JSON.parse(String(r.details)))).toEqual([{ reason: 'idle_timeout' }]);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const c = await t.as('board');
    for (let i = 1; i <= 24; i += 1) {
      t.clock.advance(29 * MIN); // never idle for long; 696 minutes after sign-in at the end
      expect((await c.get('/reports')).status).toBe(200); // the board's home
    }
    t.clock.advance(29 * MIN); // 725 minutes after sign-in
    const res = await c.get('/reports');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('ended=lifetime');
  });

  it('sign-out deletes the session on the server: the old cookie no longer works', async () => {
    const c = await t.as('admin');
    const home = await (await c.get('/')).text();
    expect(home).toContain(`<form method="post" action="/signout" class="signout"><input type="hidden" name="_csrf" value="${c.csrf}"><span>The admin (admin)</span> <button type="submit">Sign out</button></form>`);
    const token = c.jar.get('pb_session')!;
    expect(await sessionRows()).toBe(1);
    const res = await c.post('/signout');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin');
    expect(c.jar.has('pb_session')).toBe(false);
    expect(await sessionRows()).toBe(0);
    const replay = t.client();
    replay.jar.set('pb_session', token);
    expect((await replay.get('/admin/users')).status).toBe(302);
    expect((await replay.get('/api/metrics')).status).toBe(401);
    const out = await t.rows("SELECT actor, details FROM audit_log WHERE action = 'auth.signout'");
    expect(out).toEqual([{ actor: t.userIds.admin, details: '{"reason":"signed_out"}' }]);
  });

  it('keeps sessions across a restart of the store, except those of an account disabled meanwhile', async () => {
    const m = await t.as('manager');
    const b = await t.as('board');
    await t.db.use((c) => setDisabled(c, t.userIds.board, true));
    const reopened = await SessionStore.open(t.db, { now: t.clock.now });
    expect(reopened.size).toBe(1);
    expect(await reopened.lookup(m.jar.get('pb_session')!)).toMatchObject({ session: { userId: t.userIds.manager, role: 'manager' } });
    expect(await reopened.lookup(b.jar.get('pb_session')!)).toBeUndefined();
    expect(await sessionRows()).toBe(1);
  });
});
