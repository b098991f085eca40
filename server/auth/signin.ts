/**
 * Checking a sign-in attempt. Guarantees:
 * - a wrong username, a wrong password, a disabled or a locked account give the same answer,
 *   after the same scrypt work (a dummy hash stands in for a missing account);
 * - per username: 5 consecutive failures lock the account for 15 minutes, doubling with each
 *   further failure (rateLimit.ts USER_LOCKOUT); the counters live in app_user;
 * - per IP address: 20 failures block the address the same way, before any password is hashed;
 * - every attempt is audited (sign-in, failed sign-in, lockout). A failed attempt on an unknown
 *   username records no username: people type passwords into the username field.
 * - a password kept at weaker scrypt parameters is re-hashed at the current ones.
 */
import { audit } from '../audit/log.ts';
import type { Db } from '../../core/db.ts';
import { hashPassword, needsRehash, PASSWORD_PARAMS, verifyPassword, type PasswordParams } from './password.ts';
import { FailureLimiter, IP_LIMIT, lockedUntilAfter, nextFailures, USER_LOCKOUT, type BackoffRule } from './rateLimit.ts';
import { findUserByUsername, recordFailure, recordSuccess, setPasswordHash, Username, type User } from './users.ts';

export interface SignInOptions {
  readonly db: Db;
  readonly now: () => Date;
  /** Hashing parameters; tests pass cheaper ones. Default PASSWORD_PARAMS. */
  readonly passwordParams?: PasswordParams;
  readonly userRule?: BackoffRule;
  readonly ipRule?: BackoffRule;
}

export type SignInResult =
  | { readonly ok: true; readonly user: User }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly retryAfterS: number };

export interface Attempt {
  readonly username: string;
  readonly password: string;
  readonly ip: string;
}

export class SignInService {
  readonly #ip: FailureLimiter;
  readonly #params: PasswordParams;
  readonly #userRule: BackoffRule;
  #dummy: Promise<string> | undefined;

  constructor(private readonly opts: SignInOptions) {
    this.#params = opts.passwordParams ?? PASSWORD_PARAMS;
    this.#userRule = opts.userRule ?? USER_LOCKOUT;
    this.#ip = new FailureLimiter(opts.ipRule ?? IP_LIMIT, opts.now);
  }

  async attempt(a: Attempt): Promise<SignInResult> {
    const now = this.opts.now();
    const base = { ip: a.ip, at: now } as const;
    const wait = this.#ip.retryAfterMs(a.ip);
    if (wait > 0) {
      await this.#audit({ ...base, actor: 'anonymous', action: 'auth.signin_failed', outcome: 'denied', details: { reason: 'ip_rate_limited' } });
      return { ok: false, reason: 'rate_limited', retryAfterS: Math.ceil(wait / 1000) };
    }
    const name = Username.safeParse(a.username);
    const user = name.success ? await this.opts.db.use((c) => findUserByUsername(c, name.data)) : undefined;
    this.#dummy ??= hashPassword('not a password of anyone', this.#params);
    const matches = await verifyPassword(a.password, user?.passwordHash ?? (await this.#dummy));
    const locked = !!user?.lockedUntil && user.lockedUntil > now;

    if (user && matches && !locked && !user.disabled) {
      await this.opts.db.use(async (c) => {
        await recordSuccess(c, user.userId);
        if (needsRehash(user.passwordHash, this.#params)) await setPasswordHash(c, user.userId, await hashPassword(a.password, this.#params));
      });
      await this.#audit({ ...base, actor: user.userId, action: 'auth.signin', target: user.userId, details: { role: user.role } });
      return { ok: true, user };
    }

    const ipLockedUntil = this.#ip.fail(a.ip);
    if (ipLockedUntil) {
      await this.#audit({ ...base, actor: 'anonymous', action: 'auth.lockout', target: 'ip', outcome: 'denied', details: { scope: 'ip', locked_until: ipLockedUntil.toISOString() } });
    }
    if (!user) {
      await this.#audit({ ...base, actor: 'anonymous', action: 'auth.signin_failed', outcome: 'failed', details: { reason: 'invalid_credentials' } });
      return { ok: false, reason: 'invalid' };
    }
    const reason = user.disabled ? 'disabled' : locked ? 'locked' : 'wrong_password';
    await this.#audit({ ...base, actor: user.userId, action: 'auth.signin_failed', target: user.userId, outcome: 'failed', details: { reason } });
    // A locked account's lock is not extended by attempts during it: the owner gets back in on time.
    if (!locked) {
      const failures = nextFailures(this.#userRule, user.failedAttempts, user.lastFailedAt, now);
      const until = lockedUntilAfter(this.#userRule, failures, now);
      await this.opts.db.use((c) => recordFailure(c, user.userId, failures, now, until));
      if (until) {
        await this.#audit({ ...base, actor: user.userId, action: 'auth.lockout', target: user.userId, outcome: 'denied', details: { scope: 'user', failures_n: failures, locked_until: until.toISOString() } });
      }
    }
    return { ok: false, reason: 'invalid' };
  }

  #audit(entry: Parameters<typeof audit>[1]) {
    return this.opts.db.use((c) => audit(c, entry));
  }
}
