/**
 * Steps of the multi-factor sign-in flow through the HTTP forms, for the MFA tests: enrolment
 * (reading the secret and the recovery codes off the pages, as a person would), the password
 * step, and the second step. Codes are made here with `otpauth` from the secret the page showed
 * and the test's clock, not by the product's code.
 */
import { Secret, TOTP } from 'otpauth';
import { hashPassword } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/users.ts';
import { Client, TEST_PARAMS, type AuthApp } from './authApp.ts';

/** The 6-digit code of `secret` at `at` (SHA-1, 30 s), as an authenticator app shows it. */
export const codeAt = (secret: string, at: Date): string =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** The secret shown as text on the enrolment page (spaces removed). */
export function secretIn(page: string): string {
  const m = /<code style="font-size:1.1rem">([A-Z2-7 ]+)<\/code>/.exec(page);
  if (!m) throw new Error('no secret on the enrolment page');
  return m[1]!.replace(/ /g, '');
}

/** The recovery codes listed on the page shown after enrolment. */
export function codesIn(page: string): string[] {
  const list = /<ul class="codes"[^>]*>(.*?)<\/ul>/s.exec(page);
  if (!list) throw new Error('no recovery codes on the page');
  return [...list[1]!.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]!);
}

/** Enrol the signed-in `client` at `now`: returns the secret shown and the recovery codes. */
export async function enrol(client: Client, now: Date): Promise<{ secret: string; codes: string[]; enrolPage: string }> {
  const res = await client.get('/account/mfa');
  if (res.status !== 200) throw new Error(`GET /account/mfa answered ${res.status}`);
  const enrolPage = await res.text();
  client.csrf = Client.tokenIn(enrolPage);
  const secret = secretIn(enrolPage);
  const done = await client.post('/account/mfa', { code: codeAt(secret, now) });
  if (done.status !== 200) throw new Error(`POST /account/mfa answered ${done.status}`);
  return { secret, codes: codesIn(await done.text()), enrolPage };
}

/** The password step in a fresh client; returns the client and the POST's response. */
export async function passwordStep(base: string, username: string, password: string, next = '/'): Promise<{ client: Client; res: Response }> {
  const client = new Client(base);
  const form = await client.get(`/signin?next=${encodeURIComponent(next)}`);
  const token = Client.tokenIn(await form.text());
  const res = await client.request('POST', '/signin', { form: { _csrf: token, username, password, next } });
  return { client, res };
}

/** The second step with `code` through its form; returns the POST's response. */
export async function secondStep(client: Client, code: string): Promise<Response> {
  const form = await client.get('/signin/mfa');
  if (form.status !== 200) return form;
  const token = Client.tokenIn(await form.text());
  return client.request('POST', '/signin/mfa', { form: { _csrf: token, code } });
}

/** After a passed second step: the client's CSRF token of its new session, from a page it may see. */
export async function adoptSession(client: Client, path: string): Promise<void> {
  const page = await client.get(path);
  client.csrf = Client.tokenIn(await page.text());
}

/**
 * Every MFA event once, through the forms, by a user of its own (`mfa-user`, board): enrolled
 * (after a wrong first code), challenge, a failed and a recovery-code second step, a verified
 * one, the admin's setting (left off) and reset. For the test that every audit action is written.
 */
export async function exerciseMfaEvents(app: AuthApp, admin: Client): Promise<void> {
  const password = 'mfa-user-password-1';
  const id = await app.db.use(async (c) => insertUser(c, { username: 'mfa-user', displayName: 'MFA user', role: 'board', passwordHash: await hashPassword(password, TEST_PARAMS), now: app.clock.now() }));
  const { client } = await passwordStep(app.base, 'mfa-user', password);
  await adoptSession(client, '/reports');
  await client.post('/account/mfa', { code: 'not-a-code' });
  const { secret, codes } = await enrol(client, app.clock.now());
  const first = await passwordStep(app.base, 'mfa-user', password);
  await secondStep(first.client, '000000');
  await secondStep(first.client, codes[0]!);
  app.clock.advance(30_000);
  const second = await passwordStep(app.base, 'mfa-user', password);
  await secondStep(second.client, codeAt(secret, app.clock.now()));
  await admin.post('/admin/settings/mfa', { required: 'off' });
  await admin.post(`/admin/users/${id}/mfa/reset`);
}
