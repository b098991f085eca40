/**
 * CSRF: every state-changing request needs the synchronizer token of its own session, in the
 * `_csrf` field or the `x-csrf-token` header; without it, or with a wrong or another session's
 * token, it is refused with 403 and nothing happens. The sign-in form is protected by the
 * anonymous double-submit cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORDS, startAuthApp, type AuthApp } from './authApp.ts';

let t: AuthApp;
beforeAll(async () => {
  t = await startAuthApp();
});
afterAll(async () => {
  await t.close();
});

const approveCount = async () => Number((await t.rows("SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'request.write' AND outcome = 'ok'"))[0]!.n);

describe('CSRF protection', () => {
  it('refuses a POST without a token, or with a wrong one, with 403; accepts the right one', async () => {
    const m = await t.as('manager');
    const before = await approveCount();
    const none = await m.request('POST', '/reports/2026-10/approve', { form: { ok: '1' } });
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('did not come from PracticeBoard');
    expect((await m.request('POST', '/reports/2026-10/approve', { form: { _csrf: 'x'.repeat(43) } })).status).toBe(403);
    expect((await m.request('POST', '/reports/2026-10/approve', { form: { _csrf: '' } })).status).toBe(403);
    expect(await approveCount()).toBe(before);

    const field = await m.post('/reports/2026-10/approve');
    expect(field.status).toBe(200);
    expect(await field.text()).toContain('stub POST /reports/2026-10/approve');
    const header = await m.request('POST', '/reports/2026-10/approve', { json: { ok: true }, headers: { 'x-csrf-token': m.csrf } });
    expect(header.status).toBe(200);
    expect(await approveCount()).toBe(before + 2);
  });

  it("refuses another session's token, and a token after sign-out", async () => {
    const a = await t.as('manager');
    const b = await t.as('admin');
    expect(a.csrf).not.toBe(b.csrf);
    expect((await a.request('POST', '/reports/2026-10/commentary', { form: { _csrf: b.csrf } })).status).toBe(403);
    const old = a.csrf;
    await a.post('/signout');
    await a.signIn('manager', PASSWORDS.manager);
    expect(a.csrf).not.toBe(old);
    expect((await a.request('POST', '/reports/2026-10/commentary', { form: { _csrf: old } })).status).toBe(403);
    expect((await a.post('/reports/2026-10/commentary')).status).toBe(200);
  });

  it('protects the sign-in form with the anonymous token of its cookie', async () => {
    const c = t.client();
    const form = await c.get('/signin');
    const cookie = form.headers.getSetCookie().find((h) => h.startsWith('pb_csrf='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const token = Client.tokenIn(await form.text());
    expect(c.jar.get('pb_csrf')).toBe(token);

    // A cross-site form post carries no cookie of ours, or the wrong token.
    const stranger = t.client();
    expect((await stranger.request('POST', '/signin', { form: { _csrf: token, username: 'manager', password: PASSWORDS.manager } })).status).toBe(403);
    expect((await c.request('POST', '/signin', { form: { _csrf: 'y'.repeat(43), username: 'manager', password: PASSWORDS.manager } })).status).toBe(403);
    expect(c.jar.has('pb_session')).toBe(false);

    const ok = await c.request('POST', '/signin', { form: { _csrf: token, username: 'manager', password: PASSWORDS.manager } });
    expect(ok.status).toBe(303);
    // The anonymous token is spent: the session has its own.
    expect(c.jar.has('pb_csrf')).toBe(false);
  });

  it('does not apply to GET, and exempts only the token-guarded /internal/ API', async () => {
    const m = await t.as('manager');
    expect((await m.get('/financial')).status).toBe(200);
    // The loopback API checks its own bearer token (server/internalApi.ts); no cookie reaches it.
    const anon = t.client();
    expect((await anon.request('POST', '/internal/etl/run', { json: { scan: true } })).status).toBe(200);
    expect((await anon.request('POST', '/reports/2026-10/approve', { json: {} })).status).toBe(401);
  });
});
