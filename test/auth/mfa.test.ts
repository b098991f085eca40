/**
 * Multi-factor sign-in end to end over HTTP (issue 11, "Multi-factor sign-in"): enrolment in
 * the browser (QR code and secret, a first code, 10 recovery codes once), the second step after
 * the password (no session before it passes), wrong and replayed codes refused, a recovery code
 * that works once, the 5-minute pending step, and what is stored (sealed secret, keyed hashes,
 * a 0600 key file outside the database). Codes are made with otpauth from the secret the page
 * showed, at the test's clock.
 */
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { create as qrCreate } from 'qrcode';
import { mfaKeyFile } from '../../server/auth/index.ts';
import { matchStep } from '../../server/auth/mfaTotp.ts';
import { PASSWORDS, startAuthApp, T0, type AuthApp } from './authApp.ts';
import { adoptSession, codeAt, enrol, passwordStep, secondStep } from './mfaFlow.ts';

let t: AuthApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const auditActions = async (app: AuthApp, action: string) =>
  (await app.rows(`SELECT actor, target, outcome, details FROM audit_log WHERE action = '${action}' ORDER BY seq`)).map((r) => ({ ...r, details: JSON.parse(String(r.details)) as Record<string, unknown> }) as { actor: unknown; target: unknown; outcome?: unknown; details: Record<string, unknown> });

describe('RFC 6238', () => {
  it('accepts the RFC test vector (SHA-1) in its step and one step either side, not two', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s -> 94287082 (8 digits); 6 digits: 287082, step 1.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(matchStep(secret, '287082', new Date(59_000))).toBe(1);
    expect(matchStep(secret, '287 082', new Date(89_000))).toBe(1); // one step later, typed with a space
    expect(matchStep(secret, '287082', new Date(120_000))).toBeUndefined(); // step 4: three steps on
    expect(matchStep(secret, '287083', new Date(59_000))).toBeUndefined();
  });
});

describe('enrolment in the browser', () => {
  it('shows the QR code of the otpauth URI and the secret, confirms with a first code, and shows 10 recovery codes once', async () => {
    t = await startAuthApp();
    const board = await t.as('board');
    const page = await (await board.get('/account/mfa')).text();
    const secret = /<code style="font-size:1.1rem">([A-Z2-7 ]+)<\/code>/.exec(page)![1]!.replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
    // The QR code is the otpauth URI of this secret (SHA-1, 6 digits, 30 s), drawn inline.
    const uri = new TOTP({ issuer: 'PracticeBoard', label: 'board', algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).toString();
    const { size, data } = qrCreate(uri, { errorCorrectionLevel: 'M' }).modules;
    const dark = [...data.keys()].filter((i) => data[i]).map((i) => `${(i % size) + 2} ${Math.floor(i / size) + 2}`);
    const drawn = [.../<svg[^>]*>.*?<path fill="#000" d="([^"]*)"/s.exec(page)![1]!.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(drawn.sort()).toEqual(dark.sort());
    expect(dark.length).toBeGreaterThan(100);
    expect(page).not.toMatch(/<script|<img/);
    // The same unconfirmed secret on a reload (the phone may already have scanned it).
    expect(await (await board.get('/account/mfa')).text()).toContain(secret.slice(0, 4));

    const wrong = await board.post('/account/mfa', { code: codeAt(secret, new Date(T0.getTime() - 5 * 60_000)) });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The code is not right');
    const done = await board.post('/account/mfa', { code: codeAt(secret, T0) });
    expect(done.status).toBe(200);
    const codes = [...(await done.text()).matchAll(/<li>([a-z2-7]{5}-[a-z2-7]{5})<\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Shown once: the page now tells the state, with no secret and no codes.
    const after = await (await board.get('/account/mfa')).text();
    expect(after).toContain('Multi-factor sign-in is on');
    expect(after).toContain('Recovery codes left: 10 of 10');
    expect(after).not.toContain(secret);
    for (const c of codes) expect(after).not.toContain(c!);

    // Stored: the secret sealed (not in clear, not base32 of it), the codes as keyed hashes.
    const [row] = await t.rows(`SELECT secret_sealed, confirmed_at IS NOT NULL AS confirmed FROM mfa_enrolment WHERE user_id = '${t.userIds.board}'`);
    expect(row!.confirmed).toBe(true);
    expect(String(row!.secret_sealed)).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(String(row!.secret_sealed)).not.toContain(secret);
    const stored = await t.rows(`SELECT code_hmac FROM mfa_recovery_code WHERE user_id = '${t.userIds.board}'`);
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(await t.rows('SELECT * FROM mfa_recovery_code')) + JSON.stringify(await t.rows('SELECT * FROM audit_log'));
    for (const c of codes) expect(dump).not.toContain(c!.replace('-', ''));
    expect(dump).not.toContain(secret);
    // The key is a file of its own in the data folder, owner-only.
    expect(statSync(mfaKeyFile(t.harness.dir)).mode & 0o777).toBe(0o600);
    const enrolled = await auditActions(t, 'mfa.enrolled');
    expect(enrolled).toEqual([{ actor: t.userIds.board, target: t.userIds.board, outcome: 'ok', details: { method: 'totp', recovery_codes_n: 10 } }]);
    expect((await auditActions(t, 'mfa.failed')).map((e) => e.details)).toEqual([{ stage: 'enrol', reason: 'wrong_code' }]);
  });
});

describe('the second step of a sign-in', () => {
  it('starts no session after the password; a wrong code is refused; the right one signs in and returns to the page asked for', async () => {
    t = await startAuthApp();
    const { secret } = await enrol(await t.as('board'), T0);
    t.clock.advance(60_000);
    const { client, res } = await passwordStep(t.base, 'board', PASSWORDS.board, '/reports');
    expect([res.status, res.headers.get('location')]).toEqual([303, '/signin/mfa']);
    expect([...client.jar.keys()]).not.toContain('pb_session');
    expect(client.jar.has('pb_mfa')).toBe(true);
    // Nothing is reachable yet: the pending step is not a session.
    const home = await client.get('/reports');
    expect([home.status, home.headers.get('location')]).toEqual([302, '/signin?next=%2Freports']);

    const wrong = await secondStep(client, codeAt(secret, new Date(t.clock.now().getTime() - 10 * 60_000)));
    expect(wrong.status).toBe(401);
    expect([...client.jar.keys()]).not.toContain('pb_session');
    const ok = await secondStep(client, codeAt(secret, t.clock.now()));
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/reports']);
    expect(client.jar.has('pb_session')).toBe(true);
    expect(client.jar.has('pb_mfa')).toBe(false);
    expect((await client.get('/reports')).status).toBe(200);

    const signins = await auditActions(t, 'auth.signin');
    expect(signins.at(-1)!.details).toEqual({ role: 'board', mfa: 'totp' });
    expect((await auditActions(t, 'mfa.challenge')).map((e) => e.actor)).toEqual([t.userIds.board]);
    expect((await auditActions(t, 'mfa.verified')).map((e) => e.details)).toEqual([{ method: 'totp' }]);
    expect((await auditActions(t, 'mfa.failed')).map((e) => e.details.reason)).toEqual(['wrong_code']);
  });

  it('refuses a code whose time step was already used, and takes the next one', async () => {
    t = await startAuthApp();
    const { secret } = await enrol(await t.as('board'), T0); // enrolment used T0's step
    const again = await passwordStep(t.base, 'board', PASSWORDS.board);
    expect((await secondStep(again.client, codeAt(secret, T0))).status).toBe(401); // the enrolment's own code
    t.clock.advance(30_000);
    const code = codeAt(secret, t.clock.now());
    expect((await secondStep(again.client, code)).status).toBe(303);
    // The same code from another browser, within its step and the step after: refused.
    const replay = await passwordStep(t.base, 'board', PASSWORDS.board);
    expect((await secondStep(replay.client, code)).status).toBe(401);
    t.clock.advance(30_000);
    expect((await secondStep(replay.client, code)).status).toBe(401);
    // A code of the previous step (window -1) after a later one was used: refused too.
    expect((await secondStep(replay.client, codeAt(secret, new Date(t.clock.now().getTime() - 30_000)))).status).toBe(401);
    expect((await secondStep(replay.client, codeAt(secret, t.clock.now()))).status).toBe(303);
    expect((await auditActions(t, 'mfa.failed')).map((e) => e.details.reason)).toEqual(['replayed', 'replayed', 'replayed', 'replayed']);
  });

  it('takes a recovery code once, in any case and with or without its dash', async () => {
    t = await startAuthApp();
    const { codes } = await enrol(await t.as('manager'), T0);
    const first = await passwordStep(t.base, 'manager', PASSWORDS.manager);
    expect((await secondStep(first.client, ` ${codes[3]!.toUpperCase().replace('-', ' ')} `)).status).toBe(303);
    await adoptSession(first.client, '/');
    expect((await first.client.get('/account/mfa').then((r) => r.text()))).toContain('Recovery codes left: 9 of 10');
    const second = await passwordStep(t.base, 'manager', PASSWORDS.manager);
    expect((await secondStep(second.client, codes[3]!)).status).toBe(401);
    expect((await secondStep(second.client, codes[4]!)).status).toBe(303);
    expect((await auditActions(t, 'mfa.recovery_used')).map((e) => e.details)).toEqual([{ recovery_codes_left_n: 9 }, { recovery_codes_left_n: 8 }]);
    const used = await t.rows(`SELECT code_n FROM mfa_recovery_code WHERE used_at IS NOT NULL ORDER BY code_n`);
    expect(used).toEqual([{ code_n: 4 }, { code_n: 5 }]);
  });

  it('lasts 5 minutes: after that the password is asked again', async () => {
    t = await startAuthApp();
    const { secret } = await enrol(await t.as('board'), T0);
    const { client } = await passwordStep(t.base, 'board', PASSWORDS.board);
    t.clock.advance(5 * 60_000 + 1000);
    const late = await secondStep(client, codeAt(secret, t.clock.now()));
    expect([late.status, late.headers.get('location')]).toEqual([303, '/signin?ended=mfa']);
    expect(client.jar.has('pb_session')).toBe(false);
    expect(t.auth.mfa.pending.size).toBe(0);
    // Without a pending step the form is not even shown; a forged cookie is worth nothing.
    const forged = t.client();
    forged.jar.set('pb_mfa', 'A'.repeat(43));
    expect((await forged.get('/signin/mfa')).headers.get('location')).toBe('/signin?ended=mfa');
  });

  it('a user without MFA signs in with the password alone, audited as before', async () => {
    t = await startAuthApp();
    const { res } = await passwordStep(t.base, 'board', PASSWORDS.board, '/reports');
    expect([res.status, res.headers.get('location')]).toEqual([303, '/reports']);
    expect((await auditActions(t, 'auth.signin')).map((e) => e.details)).toEqual([{ role: 'board' }]);
  });
});
