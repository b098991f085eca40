/**
 * Multi-factor sign-in: enrolment, the second step of a sign-in, and an admin's reset.
 * Guarantees:
 * - a TOTP secret is stored only sealed (mfaCrypto.ts), recovery codes only as keyed hashes;
 *   neither, nor a typed code, is written to a log or the audit log;
 * - a code is accepted at most once: its time step must be later than the last step accepted;
 *   a recovery code is marked used by the attempt that used it;
 * - the second step is reserved before it is checked, as a password is (signin.ts): per
 *   account, the failure is written (under a per-account mutex) before the code is compared and
 *   cleared on success, 5 failures lock the second step for 15 minutes, doubling (rateLimit.ts
 *   USER_LOCKOUT), and a right password does not clear that count; per address, the one
 *   FailureLimiter that counts failed passwords counts failed codes too; at most
 *   `maxInFlightPerIp` / `maxInFlightPerAccount` checks run at once, more are refused (429);
 * - every event is audited: challenge (password right, code asked), enrolled, verified,
 *   failed (with the reason: wrong code, replayed, locked), recovery code used, reset.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { HttpError } from '../../core/errors.ts';
import type { Db } from '../../core/db.ts';
import { audit, type AuditInput } from '../audit/log.ts';
import type { MfaRequiredSetting } from '../settings/mfaRequired.ts';
import { InFlight, KeyedMutex } from './inFlight.ts';
import { lazyMfaKeys, sameDigest, type MfaKeys } from './mfaCrypto.ts';
import { PendingSecondSteps } from './mfaPending.ts';
import { confirmEnrolment, deleteEnrolment, enrolledUserIds, findEnrolment, recordMfaFailure, recordMfaSuccess, startEnrolment, unusedCodes, useCode, useStep } from './mfaStore.ts';
import { matchStep, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, totpUri } from './mfaTotp.ts';
import { FailureLimiter, lockedUntilAfter, nextFailures, PENDING_RETRY_MS, USER_LOCKOUT, type BackoffRule } from './rateLimit.ts';
import type { Role } from './roles.ts';
import { findUserById, type User } from './users.ts';

export interface MfaOptions {
  readonly db: Db;
  readonly now: () => Date;
  /** The key file (mfaCrypto.ts mfaKeyFile); without it nobody can enrol and no second step passes. */
  readonly keyFile?: string;
  /** The per-address limiter shared with password sign-in. */
  readonly ipLimiter: FailureLimiter;
  readonly required: MfaRequiredSetting;
  /** Per account. Default USER_LOCKOUT. */
  readonly rule?: BackoffRule;
  /** Second steps checked at once per address / per account; defaults 4 and 2. */
  readonly maxInFlightPerIp?: number;
  readonly maxInFlightPerAccount?: number;
}

export type EnrolmentView =
  | { readonly state: 'enrolled'; readonly confirmedAt: Date | null; readonly codesLeft: number }
  | { readonly state: 'pending'; readonly secret: string; readonly uri: string };

export type SecondStepResult =
  | { readonly ok: true; readonly user: User; readonly method: 'totp' | 'recovery' }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly scope: 'ip' | 'busy'; readonly retryAfterS: number };

type Checked =
  | { readonly ok: true; readonly method: 'totp' | 'recovery'; readonly codesLeft?: number }
  | { readonly ok: false; readonly reason: 'wrong_code' | 'replayed' | 'locked' | 'not_enrolled'; readonly failures?: number; readonly until?: Date | null };

export class MfaService {
  readonly pending: PendingSecondSteps;
  readonly required: MfaRequiredSetting;
  readonly #keys: (() => MfaKeys) | undefined;
  readonly #rule: BackoffRule;
  readonly #accounts = new KeyedMutex();
  readonly #ipSlots: InFlight;
  readonly #accountSlots: InFlight;

  constructor(private readonly opts: MfaOptions) {
    this.pending = new PendingSecondSteps(opts.now);
    this.required = opts.required;
    this.#keys = opts.keyFile ? lazyMfaKeys(opts.keyFile) : undefined;
    this.#rule = opts.rule ?? USER_LOCKOUT;
    this.#ipSlots = new InFlight(opts.maxInFlightPerIp ?? 4);
    this.#accountSlots = new InFlight(opts.maxInFlightPerAccount ?? 2);
  }

  #keysOrRefuse(): MfaKeys {
    if (!this.#keys) throw new HttpError(503, 'Multi-factor sign-in is not set up on this server (it has no MFA key file).');
    return this.#keys();
  }

  async isEnrolled(userId: string): Promise<boolean> {
    return (await this.opts.db.use((c) => findEnrolment(c, userId)))?.confirmed ?? false;
  }

  /** True when the setting requires `user`'s role to use MFA and the user has not enrolled. */
  async mustEnrol(user: { userId: string; role: Role }): Promise<boolean> {
    return this.opts.required.requires(user.role) && !(await this.isEnrolled(user.userId));
  }

  enrolledUserIds(): Promise<Set<string>> {
    return this.opts.db.use((c) => enrolledUserIds(c));
  }

  /** The account's MFA state; for an account not enrolled, the secret to enrol (kept until confirmed). */
  async enrolment(user: { userId: string; username: string }): Promise<EnrolmentView> {
    return this.#accounts.run(user.userId, () =>
      this.opts.db.use(async (c) => {
        const e = await findEnrolment(c, user.userId);
        if (e?.confirmed) return { state: 'enrolled', confirmedAt: e.confirmedAt, codesLeft: (await unusedCodes(c, user.userId)).length };
        const keys = this.#keysOrRefuse();
        let secret: string;
        if (e) secret = keys.open(user.userId, e.secretSealed);
        else {
          secret = newTotpSecret();
          await startEnrolment(c, user.userId, keys.seal(user.userId, secret), this.opts.now());
        }
        return { state: 'pending', secret, uri: totpUri(secret, user.username) };
      }),
    );
  }

  /** Confirm an enrolment with its first code; returns the 10 recovery codes (shown once), or undefined for a wrong code. */
  async confirm(user: { userId: string }, code: string, ip: string | null): Promise<string[] | undefined> {
    const now = this.opts.now();
    const base = { actor: user.userId, target: user.userId, ip, at: now } as const;
    return this.#accounts.run(user.userId, () =>
      this.opts.db.use(async (c) => {
        const e = await findEnrolment(c, user.userId);
        if (!e || e.confirmed) throw new HttpError(409, 'There is no enrolment waiting for its first code; open the page again.');
        const keys = this.#keysOrRefuse();
        const step = matchStep(keys.open(user.userId, e.secretSealed), code, now);
        if (step === undefined) {
          await audit(c, { ...base, action: 'mfa.failed', outcome: 'failed', details: { stage: 'enrol', reason: 'wrong_code' } });
          return undefined;
        }
        const codes = newRecoveryCodes();
        await confirmEnrolment(c, user.userId, step, codes.map((k) => keys.codeHash(user.userId, normalizeRecoveryCode(k)!)), now);
        await audit(c, { ...base, action: 'mfa.enrolled', details: { method: 'totp', recovery_codes_n: codes.length } });
        return codes;
      }),
    );
  }

  /**
   * The second step of `userId`'s sign-in with `code` (a TOTP code or a recovery code) from
   * address `ip`. One answer for a wrong, replayed or locked code.
   */
  async verify(userId: string, code: string, ip: string): Promise<SecondStepResult> {
    const now = this.opts.now();
    const base = { ip, at: now, actor: userId, target: userId } as const;
    // Synchronous from here to the first await: check and reserve cannot interleave.
    if (!this.#ipSlots.enter(ip)) return this.#refuse(base, 'busy', PENDING_RETRY_MS);
    if (!this.#accountSlots.enter(userId)) {
      this.#ipSlots.leave(ip);
      return this.#refuse(base, 'busy', PENDING_RETRY_MS);
    }
    const ipWait = this.opts.ipLimiter.reserve(ip);
    if (ipWait > 0) {
      this.#leave(ip, userId);
      return this.#refuse(base, 'ip', ipWait);
    }
    let failed = true;
    try {
      const r = await this.#accounts.run(userId, () => this.opts.db.use((c) => this.#check(c, userId, code, now)));
      const user = r.ok ? await this.opts.db.use((c) => findUserById(c, userId)) : undefined;
      if (r.ok && user && !user.disabled) {
        failed = false;
        this.pending.drop(userId);
        const action = r.method === 'totp' ? 'mfa.verified' : 'mfa.recovery_used';
        await this.#audit({ ...base, action, details: r.method === 'recovery' ? { recovery_codes_left_n: r.codesLeft ?? 0 } : { method: 'totp' } });
        await this.#audit({ ...base, action: 'auth.signin', details: { role: user.role, mfa: r.method } });
        return { ok: true, user, method: r.method };
      }
      const reason = r.ok ? 'disabled' : r.reason;
      await this.#audit({ ...base, action: 'mfa.failed', outcome: 'failed', details: { stage: 'signin', reason } });
      if (!r.ok && r.until) {
        this.pending.drop(userId); // locked: the password is asked again, after the lock
        await this.#audit({ ...base, action: 'auth.lockout', outcome: 'denied', details: { scope: 'mfa', failures_n: r.failures ?? 0, locked_until: r.until.toISOString() } });
      }
      return { ok: false, reason: 'invalid' };
    } finally {
      const ipLockedUntil = this.opts.ipLimiter.settle(ip, failed);
      this.#leave(ip, userId);
      if (ipLockedUntil) {
        await this.#audit({ ...base, actor: 'anonymous', target: 'ip', action: 'auth.lockout', outcome: 'denied', details: { scope: 'ip', locked_until: ipLockedUntil.toISOString() } });
      }
    }
  }

  /** Under the account's mutex: reserve the failure, then compare the code. */
  async #check(c: DuckDBConnection, userId: string, code: string, now: Date): Promise<Checked> {
    const e = await findEnrolment(c, userId);
    if (!e?.confirmed) return { ok: false, reason: 'not_enrolled' };
    if (e.lockedUntil && e.lockedUntil > now) return { ok: false, reason: 'locked' };
    const failures = nextFailures(this.#rule, e.failedAttempts, e.lastFailedAt, now);
    const until = lockedUntilAfter(this.#rule, failures, now);
    await recordMfaFailure(c, userId, failures, now, until);
    const keys = this.#keysOrRefuse();
    const step = matchStep(keys.open(userId, e.secretSealed), code, now);
    if (step !== undefined) {
      if (e.lastStep !== null && step <= e.lastStep) return { ok: false, reason: 'replayed', failures, until };
      await useStep(c, userId, step);
      return { ok: true, method: 'totp' };
    }
    const typed = normalizeRecoveryCode(code);
    if (typed) {
      const hash = keys.codeHash(userId, typed);
      const codes = await unusedCodes(c, userId);
      const hit = codes.find((k) => sameDigest(k.hmac, hash));
      if (hit) {
        await useCode(c, userId, hit.n, now);
        await recordMfaSuccess(c, userId);
        return { ok: true, method: 'recovery', codesLeft: codes.length - 1 };
      }
    }
    return { ok: false, reason: 'wrong_code', failures, until };
  }

  /** Remove `userId`'s enrolment (lost device): audited as `by`'s doing; the caller ends the sessions. */
  async reset(userId: string, by: string, ip: string | null): Promise<boolean> {
    const had = await this.#accounts.run(userId, () =>
      this.opts.db.use(async (c) => {
        const e = await findEnrolment(c, userId);
        await deleteEnrolment(c, userId);
        return e?.confirmed ?? false;
      }),
    );
    this.pending.drop(userId);
    await this.#audit({ actor: by, action: 'mfa.reset', target: userId, ip, at: this.opts.now(), details: { was_enrolled: had } });
    return had;
  }

  #leave(ip: string, userId: string): void {
    this.#ipSlots.leave(ip);
    this.#accountSlots.leave(userId);
  }

  async #refuse(base: { ip: string; at: Date; actor: string; target: string }, scope: 'ip' | 'busy', waitMs: number): Promise<SecondStepResult> {
    const reason = scope === 'ip' ? 'ip_rate_limited' : 'too_many_at_once';
    await this.#audit({ ...base, action: 'mfa.failed', outcome: 'denied', details: { stage: 'signin', reason } });
    return { ok: false, reason: 'rate_limited', scope, retryAfterS: Math.ceil(waitMs / 1000) };
  }

  #audit(entry: AuditInput) {
    return this.opts.db.use((c) => audit(c, entry));
  }
}
