/**
 * Checking a sign-in attempt. Guarantees:
 * - a wrong username, a wrong password, a disabled or a locked account give the same answer;
 *   a missing account costs the same scrypt work as a present one (a dummy hash stands in), and
 *   a locked key (account, or a username with no account) costs none, alike;
 * - per username: 5 consecutive failures lock the account for 15 minutes, doubling with each
 *   further failure (rateLimit.ts USER_LOCKOUT); the counters live in app_user (usernames with
 *   no account are counted in memory by the same rule);
 * - per IP address: 20 failures block the address the same way;
 * - every attempt is RESERVED before its password is hashed: the IP's reservation is taken
 *   synchronously, the account's failure is written (counter read and written under a per-
 *   username mutex) before hashing and cleared again on success. N concurrent wrong passwords
 *   therefore count N failures, and none of them is checked once the threshold is reached;
 * - the work one client can queue is bounded: at most `maxInFlightPerIp` attempts per address
 *   and `maxInFlightPerAccount` per username are being checked at once; more are refused at
 *   once (429) without hashing, so other people's sign-ins do not wait behind them;
 * - every attempt is audited (sign-in, failed sign-in, lockout). A failed attempt on an unknown
 *   username records no username: people type passwords into the username field.
 * - a password kept at weaker scrypt parameters is re-hashed at the current ones;
 * - for an account enrolled in multi-factor sign-in (`hasSecondStep`), a right password is not
 *   a sign-in: it is audited as mfa.challenge and answered `secondStep: true`; the caller
 *   starts the second step (mfa.ts), not a session.
 */
import { audit } from '../audit/log.ts';
import type { Db } from '../../core/db.ts';
import { InFlight, KeyedMutex } from './inFlight.ts';
import { hashPassword, needsRehash, PASSWORD_PARAMS, verifyPassword, type PasswordParams } from './password.ts';
import { FailureLimiter, IP_LIMIT, lockedUntilAfter, nextFailures, PENDING_RETRY_MS, USER_LOCKOUT, type BackoffRule } from './rateLimit.ts';
import { findUserByUsername, recordFailure, recordSuccess, setPasswordHash, Username, type User } from './users.ts';

export interface SignInOptions {
  readonly db: Db;
  readonly now: () => Date;
  /** Hashing parameters; tests pass cheaper ones. Default PASSWORD_PARAMS. */
  readonly passwordParams?: PasswordParams;
  readonly userRule?: BackoffRule;
  readonly ipRule?: BackoffRule;
  /** Attempts from one address checked at once; more are refused. Default 4. */
  readonly maxInFlightPerIp?: number;
  /** Attempts for one username checked at once; more are refused. Default 2. */
  readonly maxInFlightPerAccount?: number;
  /** The password check; tests pass one they hold. Default verifyPassword. */
  readonly verify?: (password: string, stored: string) => Promise<boolean>;
  /** The per-address limiter; give the same one to the second step (mfa.ts). Default: its own, by `ipRule`. */
  readonly ipLimiter?: FailureLimiter;
  /** Whether a user must pass a second step after the password (MFA enrolled). Default: never. */
  readonly hasSecondStep?: (userId: string) => Promise<boolean>;
}

export type SignInResult =
  | { readonly ok: true; readonly user: User; readonly secondStep: boolean }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly scope: 'ip' | 'busy'; readonly retryAfterS: number };

export interface Attempt {
  readonly username: string;
  readonly password: string;
  readonly ip: string;
}

/** What the reservation of an account found and wrote. */
interface Reserved {
  readonly user: User | undefined;
  readonly locked: boolean;
  /** The failure count and lock written ahead of the check (undefined when locked). */
  readonly failures?: number;
  readonly until?: Date | null;
}

export class SignInService {
  readonly #ip: FailureLimiter;
  readonly #unknown: FailureLimiter;
  readonly #params: PasswordParams;
  readonly #userRule: BackoffRule;
  readonly #ipSlots: InFlight;
  readonly #accountSlots: InFlight;
  readonly #accounts = new KeyedMutex();
  readonly #verify: (password: string, stored: string) => Promise<boolean>;
  #dummy: Promise<string> | undefined;

  constructor(private readonly opts: SignInOptions) {
    this.#params = opts.passwordParams ?? PASSWORD_PARAMS;
    this.#userRule = opts.userRule ?? USER_LOCKOUT;
    this.#ip = opts.ipLimiter ?? new FailureLimiter(opts.ipRule ?? IP_LIMIT, opts.now);
    this.#unknown = new FailureLimiter(this.#userRule, opts.now);
    this.#ipSlots = new InFlight(opts.maxInFlightPerIp ?? 4);
    this.#accountSlots = new InFlight(opts.maxInFlightPerAccount ?? 2);
    this.#verify = opts.verify ?? verifyPassword;
  }

  async attempt(a: Attempt): Promise<SignInResult> {
    const now = this.opts.now();
    const base = { ip: a.ip, at: now } as const;
    const name = Username.safeParse(a.username);
    // Every text that is no valid username shares one key: it can never sign in.
    const key = name.success ? name.data : '\u0000invalid';

    // Synchronous from here to the first await: check and reserve cannot interleave.
    if (!this.#ipSlots.enter(a.ip)) return this.#refuse(base, 'busy', PENDING_RETRY_MS);
    if (!this.#accountSlots.enter(key)) {
      this.#ipSlots.leave(a.ip);
      return this.#refuse(base, 'busy', PENDING_RETRY_MS);
    }
    const ipWait = this.#ip.reserve(a.ip);
    if (ipWait > 0) {
      this.#leave(a.ip, key);
      return this.#refuse(base, 'ip', ipWait);
    }
    let failed = true;
    try {
      const r = await this.#accounts.run(key, () => this.#reserveAccount(key, name.success, now));
      const user = r.user;
      this.#dummy ??= hashPassword('not a password of anyone', this.#params);
      const matches = r.locked ? false : await this.#verify(a.password, user?.passwordHash ?? (await this.#dummy));

      if (user && matches && !user.disabled) {
        failed = false;
        await this.opts.db.use(async (c) => {
          await recordSuccess(c, user.userId);
          if (needsRehash(user.passwordHash, this.#params)) await setPasswordHash(c, user.userId, await hashPassword(a.password, this.#params));
        });
        const secondStep = (await this.opts.hasSecondStep?.(user.userId)) ?? false;
        await this.#audit({ ...base, actor: user.userId, action: secondStep ? 'mfa.challenge' : 'auth.signin', target: user.userId, details: { role: user.role } });
        return { ok: true, user, secondStep };
      }
      if (!user) {
        if (!r.locked && name.success) this.#unknown.settle(key, true);
        await this.#audit({ ...base, actor: 'anonymous', action: 'auth.signin_failed', outcome: 'failed', details: { reason: 'invalid_credentials' } });
        return { ok: false, reason: 'invalid' };
      }
      const reason = user.disabled ? 'disabled' : r.locked ? 'locked' : 'wrong_password';
      await this.#audit({ ...base, actor: user.userId, action: 'auth.signin_failed', target: user.userId, outcome: 'failed', details: { reason } });
      if (r.until) {
        await this.#audit({ ...base, actor: user.userId, action: 'auth.lockout', target: user.userId, outcome: 'denied', details: { scope: 'user', failures_n: r.failures ?? 0, locked_until: r.until.toISOString() } });
      }
      return { ok: false, reason: 'invalid' };
    } finally {
      const ipLockedUntil = this.#ip.settle(a.ip, failed);
      this.#leave(a.ip, key);
      if (ipLockedUntil) {
        await this.#audit({ ...base, actor: 'anonymous', action: 'auth.lockout', target: 'ip', outcome: 'denied', details: { scope: 'ip', locked_until: ipLockedUntil.toISOString() } });
      }
    }
  }

  /**
   * Read the account and write this attempt's failure ahead of the check; a success clears it.
   * A locked account's lock is not extended by attempts during it: the owner gets back in on time.
   */
  async #reserveAccount(key: string, valid: boolean, now: Date): Promise<Reserved> {
    const user = valid ? await this.opts.db.use((c) => findUserByUsername(c, key)) : undefined;
    if (!user) {
      // No account: the same rule, in memory, so that "locked" does not tell who exists.
      const locked = valid && this.#unknown.reserve(key) > 0;
      return { user, locked };
    }
    if (user.lockedUntil && user.lockedUntil > now) return { user, locked: true };
    const failures = nextFailures(this.#userRule, user.failedAttempts, user.lastFailedAt, now);
    const until = lockedUntilAfter(this.#userRule, failures, now);
    await this.opts.db.use((c) => recordFailure(c, user.userId, failures, now, until));
    return { user, locked: false, failures, until };
  }

  #leave(ip: string, key: string): void {
    this.#ipSlots.leave(ip);
    this.#accountSlots.leave(key);
  }

  async #refuse(base: { ip: string; at: Date }, scope: 'ip' | 'busy', waitMs: number): Promise<SignInResult> {
    const reason = scope === 'ip' ? 'ip_rate_limited' : 'too_many_at_once';
    await this.#audit({ ...base, actor: 'anonymous', action: 'auth.signin_failed', outcome: 'denied', details: { reason } });
    return { ok: false, reason: 'rate_limited', scope, retryAfterS: Math.ceil(waitMs / 1000) };
  }

  #audit(entry: Parameters<typeof audit>[1]) {
    return this.opts.db.use((c) => audit(c, entry));
  }
}
