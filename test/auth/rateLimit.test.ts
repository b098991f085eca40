/**
 * Sign-in limits: the backoff rule by hand, then over HTTP — one answer for a wrong username, a
 * wrong password and a locked account; 5 failures lock an account for 15 minutes (even the
 * right password is refused), the next failure after that locks it for 30; 20 failures from one
 * address block the address; every step audited, with no username recorded for unknown ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FailureLimiter, IP_LIMIT, lockedUntilAfter, nextFailures, USER_LOCKOUT } from '../../server/auth/rateLimit.ts';
import { SIGNIN_FAILED } from '../../server/routes/auth.ts';
import { PASSWORDS, startAuthApp, T0, type AuthApp } from './authApp.ts';

const MIN = 60_000;

describe('backoff rule', () => {
  it('locks at the 5th failure for 15 minutes, doubling to a cap of one day', () => {
    const at = (n: number) => lockedUntilAfter(USER_LOCKOUT, n, T0)?.getTime() ?? null;
    expect(at(4)).toBeNull();
    expect(at(5)).toBe(T0.getTime() + 15 * MIN);
    expect(at(6)).toBe(T0.getTime() + 30 * MIN);
    expect(at(7)).toBe(T0.getTime() + 60 * MIN);
    expect(at(40)).toBe(T0.getTime() + 24 * 60 * MIN);
  });

  it('restarts the count after a quiet day', () => {
    expect(nextFailures(USER_LOCKOUT, 4, new Date(T0.getTime() - 60 * MIN), T0)).toBe(5);
    expect(nextFailures(USER_LOCKOUT, 4, new Date(T0.getTime() - 25 * 60 * MIN), T0)).toBe(1);
    expect(nextFailures(USER_LOCKOUT, 0, null, T0)).toBe(1);
  });

  it('keeps the in-memory limiter bounded, forgetting the oldest keys', () => {
    let now = T0.getTime();
    const limiter = new FailureLimiter({ ...IP_LIMIT, threshold: 1 }, () => new Date(now), 3);
    for (const ip of ['a', 'b', 'c', 'd']) limiter.fail(ip);
    expect(limiter.retryAfterMs('a')).toBe(0); // forgotten
    expect(limiter.retryAfterMs('d')).toBe(15 * MIN);
    now += 15 * MIN;
    expect(limiter.retryAfterMs('d')).toBe(0);
  });
});

describe('sign-in limits over HTTP', () => {
  let t: AuthApp;
  beforeEach(async () => {
    t = await startAuthApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const attempt = async (username: string, password: string) => {
    const c = t.client();
    const res = await c.signIn(username, password);
    return { status: res.status, text: res.status === 303 ? '' : await res.text(), client: c };
  };
  const messageOf = (html: string) => /<div class="errors" role="alert"><p>([^<]*)<\/p>/.exec(html)?.[1];

  it('gives the same answer for a wrong username and a wrong password', async () => {
    const wrongUser = await attempt('nobody-here', 'whatever-password');
    const wrongPass = await attempt('manager', 'not-the-password');
    expect(wrongUser.status).toBe(401);
    expect(wrongPass.status).toBe(401);
    expect(messageOf(wrongUser.text)).toBe(SIGNIN_FAILED);
    expect(messageOf(wrongPass.text)).toBe(messageOf(wrongUser.text));
    const failed = await t.rows("SELECT actor, target, details FROM audit_log WHERE action = 'auth.signin_failed' ORDER BY seq");
    expect(failed).toEqual([
      { actor: 'anonymous', target: null, details: '{"reason":"invalid_credentials"}' },
      { actor: t.userIds.manager, target: t.userIds.manager, details: '{"reason":"wrong_password"}' },
    ]);
    expect(JSON.stringify(await t.rows('SELECT * FROM audit_log'))).not.toContain('nobody-here');
  });

  it('locks an account after 5 failures for 15 minutes, then 30 after the next failure', async () => {
    for (let i = 0; i < 5; i += 1) expect((await attempt('board', `wrong-${i}-password`)).status).toBe(401);
    const locked = await attempt('board', PASSWORDS.board);
    expect(locked.status).toBe(401);
    expect(messageOf(locked.text)).toBe(SIGNIN_FAILED);
    const row = (await t.rows(`SELECT failed_attempts_n, strftime(locked_until, '%Y-%m-%dT%H:%M:%S') AS until FROM app_user WHERE username = 'board'`))[0];
    expect(row).toEqual({ failed_attempts_n: 5, until: '2026-11-15T15:15:00' });

    t.clock.advance(14 * MIN);
    expect((await attempt('board', PASSWORDS.board)).status).toBe(401);
    t.clock.advance(1 * MIN);
    // Unlocked at 15:15; one more failure locks for 30 minutes.
    expect((await attempt('board', 'wrong-again-password')).status).toBe(401);
    t.clock.advance(29 * MIN);
    expect((await attempt('board', PASSWORDS.board)).status).toBe(401);
    t.clock.advance(1 * MIN);
    expect((await attempt('board', PASSWORDS.board)).status).toBe(303);
    expect((await t.rows("SELECT failed_attempts_n, locked_until FROM app_user WHERE username = 'board'"))[0]).toEqual({ failed_attempts_n: 0, locked_until: null });

    const lockouts = await t.rows("SELECT actor, outcome, details FROM audit_log WHERE action = 'auth.lockout' ORDER BY seq");
    expect(lockouts.map((r) => [r.actor, r.outcome, JSON.parse(String(r.details)).failures_n])).toEqual([
      [t.userIds.board, 'denied', 5],
      [t.userIds.board, 'denied', 6],
    ]);
    const reasons = (await t.rows("SELECT actor, details FROM audit_log WHERE action = 'auth.signin_failed' ORDER BY seq"))
      .filter((r) => r.actor === t.userIds.board)
      .map((r) => JSON.parse(String(r.details)).reason);
    expect(reasons).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'locked', 'locked', 'wrong_password', 'locked']);
  });

  it('blocks an address after 20 failures, whatever the usernames, with 429 and Retry-After', async () => {
    for (let i = 0; i < 20; i += 1) expect((await attempt(`user${i}`, 'wrong-password-x')).status).toBe(401);
    const blocked = await attempt('manager', PASSWORDS.manager);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed sign-ins from this address');
    const c = t.client();
    const res = await c.signIn('manager', PASSWORDS.manager);
    expect(res.headers.get('retry-after')).toBe('900');
    t.clock.advance(15 * MIN);
    expect((await attempt('manager', PASSWORDS.manager)).status).toBe(303);
    const ipLock = await t.rows("SELECT actor, target, details FROM audit_log WHERE action = 'auth.lockout'");
    expect(ipLock).toHaveLength(1);
    expect(ipLock[0]).toMatchObject({ actor: 'anonymous', target: 'ip' });
  });

  it('refuses a disabled account with the same answer, even with the right password', async () => {
    await t.db.use((c) => c.run("UPDATE app_user SET disabled = true WHERE username = 'manager'"));
    const res = await attempt('manager', PASSWORDS.manager);
    expect(res.status).toBe(401);
    expect(messageOf(res.text)).toBe(SIGNIN_FAILED);
  });
});
