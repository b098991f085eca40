/**
 * The second step under concurrency, throttled by the same reservation as passwords: per
 * account, each attempt's failure is written before its code is compared, so N concurrent
 * wrong codes count N failures and none is compared past the threshold; a right password does
 * not clear the count of wrong codes; per address, failed codes and failed passwords share one
 * limit; the work one client can queue is bounded (429 at once). Behaviour only, no timings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IP_LIMIT } from '../../server/auth/rateLimit.ts';
import { Client, PASSWORDS, startAuthApp, type AuthApp } from './authApp.ts';
import { codeAt, enrol, passwordStep, secondStep } from './mfaFlow.ts';

let t: AuthApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const WIDE = { maxInFlightPerIp: 100, maxInFlightPerAccount: 100 };
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
const reasons = async (app: AuthApp) =>
  (await app.rows("SELECT details FROM audit_log WHERE action = 'mfa.failed' ORDER BY seq")).map((r) => JSON.parse(String(r.details)).reason as string);

/** `n` concurrent second steps with wrong codes, all on the one pending step of `client`. */
async function burst(client: Client, n: number): Promise<number[]> {
  const token = Client.tokenIn(await (await client.get('/signin/mfa')).text());
  const wrong = (i: number) => String(100000 + i * 7919);
  const res = await Promise.all(Array.from({ length: n }, (_, i) => client.request('POST', '/signin/mfa', { form: { _csrf: token, code: wrong(i) } })));
  return res.map((r) => r.status);
}

describe('the second step is reserved before it is checked', () => {
  it('12 concurrent wrong codes: exactly 5 compared, the step locked for 15 minutes, the right code refused until then', async () => {
    t = await startAuthApp({ auth: WIDE });
    const { secret } = await enrol(await t.as('board'), t.clock.now());
    t.clock.advance(60_000);
    const { client } = await passwordStep(t.base, 'board', PASSWORDS.board);
    expect(tally(await burst(client, 12))).toEqual({ 401: 12 });
    const r = await reasons(t);
    expect(r.filter((x) => x === 'wrong_code')).toHaveLength(5);
    expect(r.filter((x) => x === 'locked')).toHaveLength(7);
    const [row] = await t.rows(`SELECT failed_attempts_n, strftime(locked_until, '%Y-%m-%dT%H:%M:%S') AS until FROM mfa_enrolment WHERE user_id = '${t.userIds.board}'`);
    expect(row).toEqual({ failed_attempts_n: 5, until: '2026-11-15T15:16:00' }); // 15:01 + 15 minutes
    // Locked: the pending step is gone, and a new password step cannot pass the code either.
    expect((await secondStep(client, codeAt(secret, t.clock.now()))).headers.get('location')).toBe('/signin?ended=mfa');
    const again = await passwordStep(t.base, 'board', PASSWORDS.board);
    expect((await secondStep(again.client, codeAt(secret, t.clock.now()))).status).toBe(401);
    // After the lock, the right code passes.
    t.clock.advance(15 * 60_000);
    const later = await passwordStep(t.base, 'board', PASSWORDS.board);
    expect((await secondStep(later.client, codeAt(secret, t.clock.now()))).status).toBe(303);
    const [cleared] = await t.rows(`SELECT failed_attempts_n, locked_until FROM mfa_enrolment WHERE user_id = '${t.userIds.board}'`);
    expect(cleared).toEqual({ failed_attempts_n: 0, locked_until: null });
    expect((await t.rows("SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'auth.lockout' AND details LIKE '%\"mfa\"%'"))[0]).toEqual({ n: 1 });
  });

  it('a right password does not clear the count of wrong codes', async () => {
    t = await startAuthApp({ auth: WIDE });
    await enrol(await t.as('board'), t.clock.now());
    for (let round = 0; round < 5; round += 1) {
      const { client, res } = await passwordStep(t.base, 'board', PASSWORDS.board);
      expect(res.headers.get('location')).toBe('/signin/mfa');
      expect((await secondStep(client, '000000')).status).toBe(401);
    }
    const [row] = await t.rows(`SELECT failed_attempts_n, locked_until IS NOT NULL AS locked FROM mfa_enrolment WHERE user_id = '${t.userIds.board}'`);
    expect(row).toEqual({ failed_attempts_n: 5, locked: true });
  });

  it('checks at most 2 second steps of one account at once, whatever the addresses; more are refused at once', async () => {
    t = await startAuthApp();
    await enrol(await t.as('manager'), t.clock.now());
    // Started in one go: the bound is taken synchronously, before any of them awaits.
    const tries = Array.from({ length: 6 }, (_, i) => t!.auth.mfa.verify(t!.userIds.manager, '000000', `192.0.2.${i}`));
    const results = await Promise.all(tries);
    expect(results.map((r) => (r.ok ? 'ok' : r.reason === 'rate_limited' ? r.scope : r.reason))).toEqual(['invalid', 'invalid', 'busy', 'busy', 'busy', 'busy']);
    expect((await reasons(t)).sort()).toEqual([...Array(4).fill('too_many_at_once'), 'wrong_code', 'wrong_code']);
  });

  it('counts failed codes and failed passwords from one address against one limit', async () => {
    t = await startAuthApp({ auth: { ipRule: { ...IP_LIMIT, threshold: 4 } } });
    const { secret } = await enrol(await t.as('manager'), t.clock.now());
    t.clock.advance(60_000);
    for (let i = 0; i < 2; i += 1) expect((await passwordStep(t.base, 'nobody', 'wrong-password-1')).res.status).toBe(401);
    const { client } = await passwordStep(t.base, 'manager', PASSWORDS.manager);
    expect((await secondStep(client, '000000')).status).toBe(401);
    expect((await secondStep(client, '111111')).status).toBe(401);
    // 4 failures from this address: the right code and the right password are both refused now.
    const blocked = await secondStep(client, codeAt(secret, t.clock.now()));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60);
    expect((await passwordStep(t.base, 'admin', PASSWORDS.admin)).res.status).toBe(429);
    expect((await reasons(t)).filter((x) => x === 'ip_rate_limited')).toHaveLength(1);
  });
});
