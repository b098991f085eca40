/**
 * Sign-in under concurrency (issue 11, item 1). Each attempt is reserved before its password
 * is hashed, so concurrent wrong passwords are all counted and none is checked past the
 * threshold; the work one address or one username can queue is bounded, so another person's
 * sign-in is checked after at most that many. Behaviour only: counts of answers, lockout
 * state, and the order in which checks start (a password check the test holds), never timings.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IP_LIMIT } from '../../server/auth/rateLimit.ts';
import { SignInService, type SignInResult } from '../../server/auth/signin.ts';
import { PASSWORDS, startAuthApp, T0, type AuthApp } from './authApp.ts';

const MIN = 60_000;
let t: AuthApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Wide bounds, so that every concurrent attempt reaches the reservation. */
const WIDE = { maxInFlightPerIp: 100, maxInFlightPerAccount: 100 };

async function burst(app: AuthApp, n: number, who: (i: number) => string, password = (i: number) => `wrong-${i}-password`): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: n }, async () => {
    const c = app.client();
    const form = await c.get('/signin');
    return { c, token: /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]! };
  }));
  const res = await Promise.all(clients.map(({ c, token }, i) => c.request('POST', '/signin', { form: { _csrf: token, username: who(i), password: password(i), next: '/' } })));
  return res.map((r) => r.status);
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
const reasons = async (app: AuthApp) =>
  (await app.rows("SELECT details FROM audit_log WHERE action = 'auth.signin_failed' ORDER BY seq")).map((r) => JSON.parse(String(r.details)).reason as string);

describe('concurrent sign-ins are reserved before the hash', () => {
  it('12 concurrent wrong passwords lock the account after exactly 5 checks', async () => {
    t = await startAuthApp({ auth: WIDE });
    const statuses = await burst(t, 12, () => 'board');
    expect(tally(statuses)).toEqual({ 401: 12 });
    const row = (await t.rows("SELECT failed_attempts_n, strftime(locked_until, '%Y-%m-%dT%H:%M:%S') AS until FROM app_user WHERE username = 'board'"))[0];
    expect(row).toEqual({ failed_attempts_n: 5, until: '2026-11-15T15:15:00' });
    const r = await reasons(t);
    expect(r.filter((x) => x === 'wrong_password')).toHaveLength(5);
    expect(r.filter((x) => x === 'locked')).toHaveLength(7);
    expect((await burst(t, 1, () => 'board', () => PASSWORDS.board))[0]).toBe(401);
  });

  it('three bursts of 12 check 7 passwords in all and leave the account locked', async () => {
    // The address limit out of the way: the account's own lock is under test.
    t = await startAuthApp({ auth: { ...WIDE, ipRule: { ...IP_LIMIT, threshold: 1000 } } });
    await burst(t, 12, () => 'board');
    t.clock.advance(15 * MIN); // the 15-minute lock has run out: one more failure locks for 30
    await burst(t, 12, () => 'board');
    t.clock.advance(30 * MIN);
    await burst(t, 12, () => 'board');
    expect((await reasons(t)).filter((x) => x === 'wrong_password')).toHaveLength(7);
    const row = (await t.rows("SELECT failed_attempts_n, strftime(locked_until, '%Y-%m-%dT%H:%M:%S') AS until FROM app_user WHERE username = 'board'"))[0];
    expect(row).toEqual({ failed_attempts_n: 7, until: '2026-11-15T16:45:00' }); // 15:45 + 60 minutes
    expect((await burst(t, 1, () => 'board', () => PASSWORDS.board))[0]).toBe(401);
  });

  it('26 concurrent failures from one address: 20 answered 401, 6 refused 429, then blocked', async () => {
    t = await startAuthApp({ auth: WIDE });
    const statuses = await burst(t, 26, (i) => `nobody${i}`);
    expect(tally(statuses)).toEqual({ 401: 20, 429: 6 });
    expect((await burst(t, 1, () => 'manager', () => PASSWORDS.manager))[0]).toBe(429);
  });

  it('a username with no account is "locked" after 5 failures too, so a lock does not tell who exists', async () => {
    t = await startAuthApp();
    const checked: string[] = [];
    const verify = async (password: string) => {
      checked.push(password);
      return false;
    };
    const service = new SignInService({ db: t.db, now: t.clock.now, verify, ipRule: { ...IP_LIMIT, threshold: 1000 } });
    for (const username of ['nobody-here', 'manager']) {
      for (let i = 0; i < 8; i += 1) expect(await service.attempt({ username, password: `${username}-${i}`, ip: '192.0.2.1' })).toEqual({ ok: false, reason: 'invalid' });
    }
    // Both names: 5 checks, then 3 refused without a hash, whether or not the account exists.
    expect(checked).toEqual([0, 1, 2, 3, 4].map((i) => `nobody-here-${i}`).concat([0, 1, 2, 3, 4].map((i) => `manager-${i}`)));
    expect(t.auth.now().getTime()).toBe(T0.getTime());
  });
});

/** A password check the test releases by hand; records the order in which checks start. */
function heldCheck() {
  const started: string[] = [];
  const releases: (() => void)[] = [];
  const verify = async (password: string) => {
    started.push(password);
    await new Promise<void>((resolve) => releases.push(resolve));
    return password === PASSWORDS.manager;
  };
  return { started, verify, releaseAll: () => releases.splice(0).forEach((r) => r()) };
}

describe('the work one client can queue is bounded', () => {
  it('40 bogus sign-ins from one address hold 4 checks; another address is checked next', async () => {
    t = await startAuthApp();
    const held = heldCheck();
    const service = new SignInService({ db: t.db, now: t.clock.now, verify: held.verify });
    const attacker = Array.from({ length: 40 }, (_, i) => service.attempt({ username: `guess${i}`, password: `attacker-${i}`, ip: '203.0.113.9' }));
    await vi.waitFor(() => expect(held.started).toHaveLength(4), { timeout: 20_000 });
    const refused: SignInResult[] = await Promise.all(attacker.slice(4));
    expect(refused.every((r) => !r.ok && r.reason === 'rate_limited' && r.scope === 'busy')).toBe(true);

    const person = service.attempt({ username: 'manager', password: PASSWORDS.manager, ip: '198.51.100.7' });
    await vi.waitFor(() => expect(held.started).toHaveLength(5), { timeout: 20_000 });
    expect(held.started[4]).toBe(PASSWORDS.manager); // checked fifth, not 41st
    held.releaseAll();
    expect((await person).ok).toBe(true);
    expect((await Promise.all(attacker.slice(0, 4))).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
  });

  it('one username is checked at most twice at once, whatever the addresses', async () => {
    t = await startAuthApp();
    const held = heldCheck();
    const service = new SignInService({ db: t.db, now: t.clock.now, verify: held.verify });
    const tries = Array.from({ length: 10 }, (_, i) => service.attempt({ username: 'manager', password: `guess-${i}-password`, ip: `192.0.2.${i}` }));
    const refused = await Promise.all(tries.slice(2));
    expect(refused.map((r) => (!r.ok && r.reason === 'rate_limited' ? r.scope : 'other'))).toEqual(Array(8).fill('busy'));
    await vi.waitFor(() => expect(held.started).toHaveLength(2), { timeout: 20_000 });
    held.releaseAll();
    expect((await Promise.all(tries.slice(0, 2))).map((r) => r.ok)).toEqual([false, false]);
  });
});
