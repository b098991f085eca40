/**
 * HTTP hardening: helmet's headers and the Content Security Policy on every response,
 * `Cache-Control: no-store`, HSTS and Secure `__Host-` cookies only behind TLS, body size
 * limits, and body errors answered without a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthApp, type AuthApp } from './authApp.ts';

let plain: AuthApp;
let tls: AuthApp;
beforeAll(async () => {
  [plain, tls] = await Promise.all([startAuthApp(), startAuthApp({ secure: true })]);
});
afterAll(async () => {
  await Promise.all([plain.close(), tls.close()]);
});

const csp = (res: Response) =>
  Object.fromEntries(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v.join(' ')]),
  );

describe('security headers', () => {
  it('sets helmet headers and a CSP without inline script on pages, redirects and errors alike', async () => {
    const m = await plain.as('manager');
    for (const res of [await m.get('/financial'), await plain.client().get('/financial'), await m.get('/etl'), await plain.client().get('/signin')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(csp(res)).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'script-src-attr': "'none'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'font-src': "'self'",
        'connect-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'form-action': "'self'",
        'frame-ancestors': "'self'",
      });
    }
  });

  it('keeps downloads out of caches', async () => {
    const res = await (await plain.as('admin')).get('/api/dashboards/financial/payer-mix.csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('behind TLS adds HSTS and upgrade-insecure-requests, and sets Secure __Host- cookies', async () => {
    const c = tls.client();
    const form = await c.get('/signin');
    expect(form.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(csp(form)['upgrade-insecure-requests']).toBe('');
    const csrfCookie = form.headers.getSetCookie()[0]!;
    expect(csrfCookie).toMatch(/^__Host-pb_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    // fetch keeps Secure cookies for http too, which lets this test sign in over loopback.
    const signedIn = await c.signIn('board', 'board-password-123');
    const session = signedIn.headers.getSetCookie().find((h) => h.startsWith('__Host-pb_session='))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect((await c.get('/reports')).status).toBe(200); // the board's home
  });
});

describe('request bodies', () => {
  it('refuses a body over the limit with 413 and no stack trace', async () => {
    const m = await plain.as('manager');
    const big = await m.post('/reports/2026-10/commentary', { text: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const text = await big.text();
    expect(text).toContain('The request is too large.');
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    const json = await m.request('POST', '/reports/2026-10/commentary', { json: { text: 'y'.repeat(270_000) }, headers: { 'x-csrf-token': m.csrf } });
    expect(json.status).toBe(413);
  });

  it("answers malformed JSON with 400, without the parser's message or a stack trace", async () => {
    const m = await plain.as('manager');
    const bad = await fetch(`${plain.base}/reports/2026-10/commentary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `pb_session=${m.jar.get('pb_session')}`, 'x-csrf-token': m.csrf },
      body: '{"text": ',
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('The request body is not valid JSON.');
    expect(text).not.toMatch(/SyntaxError|Unexpected end|at .*:\d+/);
  });
});
