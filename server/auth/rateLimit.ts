/**
 * Failed sign-in limits with exponential backoff, as pure rules and an in-memory limiter.
 * A key (a username, an IP address) that reaches `threshold` failures is locked for `baseMs`,
 * and every further failure doubles the lock, up to `maxMs`. The count restarts after a quiet
 * `windowMs` without failures. Per-username counters live in app_user (they survive a restart
 * and an admin sees them); per-IP counters (and those of usernames that have no account) live
 * here, in memory, bounded in size.
 *
 * An attempt is reserved before its password is checked (`reserve`) and settled after
 * (`settle`): a reserved attempt counts as a failure until it is settled, so concurrent
 * attempts cannot all pass the check before any of them is counted.
 *
 * Why not express-rate-limit or rate-limiter-flexible: both read the system clock, and the
 * lockout must follow the injected clock so that tests can step through it.
 */

export interface BackoffRule {
  readonly threshold: number;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;

/** Per username: 5 failures lock the account for 15 minutes, then 30, 60, ... up to a day. */
export const USER_LOCKOUT: BackoffRule = { threshold: 5, baseMs: 15 * MINUTE, maxMs: 24 * 60 * MINUTE, windowMs: 24 * 60 * MINUTE };

/** Per IP address: 20 failures (any usernames) block the address the same way. */
export const IP_LIMIT: BackoffRule = { threshold: 20, baseMs: 15 * MINUTE, maxMs: 24 * 60 * MINUTE, windowMs: 60 * MINUTE };

/** The failure count after one more failure at `now`. */
export function nextFailures(rule: BackoffRule, previous: number, lastFailedAt: Date | null, now: Date): number {
  const quiet = !lastFailedAt || now.getTime() - lastFailedAt.getTime() > rule.windowMs;
  return quiet ? 1 : previous + 1;
}

/** When a key with `failures` failures may try again, or null when it is not locked. */
export function lockedUntilAfter(rule: BackoffRule, failures: number, now: Date): Date | null {
  if (failures < rule.threshold) return null;
  const ms = Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(failures - rule.threshold, 30));
  return new Date(now.getTime() + ms);
}

interface Entry {
  failures: number;
  lastFailedAt: Date;
  lockedUntil: Date | null;
  /** Attempts reserved and not yet settled. */
  pending: number;
}

/** How long a refused reservation should wait when the key is full of pending attempts. */
export const PENDING_RETRY_MS = 1000;

export class FailureLimiter {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly rule: BackoffRule,
    private readonly now: () => Date,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const e = this.#entries.get(key);
    return e?.lockedUntil ? Math.max(0, e.lockedUntil.getTime() - this.now().getTime()) : 0;
  }

  /**
   * Reserve an attempt for `key`, synchronously: 0 when reserved, else the milliseconds to wait.
   * Refused while the key is locked, or while attempts already pending would bring its failures
   * in the window to the threshold (they would lock it if they all fail). After a lock runs out
   * one attempt at a time is let through (the backoff: its failure locks again, for longer).
   */
  reserve(key: string): number {
    const wait = this.retryAfterMs(key);
    if (wait > 0) return wait;
    const now = this.now();
    const e = this.#entries.get(key);
    const recent = e && now.getTime() - e.lastFailedAt.getTime() <= this.rule.windowMs ? e.failures : 0;
    if (e && e.pending > 0 && recent + e.pending >= this.rule.threshold) return PENDING_RETRY_MS;
    if (e) e.pending += 1;
    else this.#store(key, { failures: 0, lastFailedAt: new Date(0), lockedUntil: null, pending: 1 }, now);
    return 0;
  }

  /** Settle a reserved attempt: a failure is counted (and may lock), a success is not. */
  settle(key: string, failed: boolean): Date | null {
    const e = this.#entries.get(key);
    if (e && e.pending > 0) e.pending -= 1;
    return failed ? this.fail(key) : null;
  }

  /** Count a failure for `key`; returns when it is locked until, if it is. */
  fail(key: string): Date | null {
    const now = this.now();
    const e = this.#entries.get(key);
    const failures = nextFailures(this.rule, e?.failures ?? 0, e?.lastFailedAt ?? null, now);
    const lockedUntil = lockedUntilAfter(this.rule, failures, now);
    this.#store(key, { failures, lastFailedAt: now, lockedUntil, pending: e?.pending ?? 0 }, now);
    return lockedUntil;
  }

  #store(key: string, entry: Entry, now: Date): void {
    this.#entries.delete(key); // re-inserted last: the map stays in order of last failure
    this.#entries.set(key, entry);
    if (this.#entries.size > this.maxKeys) this.#prune(now);
  }

  #prune(now: Date): void {
    for (const [k, e] of this.#entries) {
      const locked = e.lockedUntil && e.lockedUntil > now;
      if (!locked && e.pending === 0 && now.getTime() - e.lastFailedAt.getTime() > this.rule.windowMs) this.#entries.delete(k);
    }
    // Still full: forget the keys that failed longest ago.
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.maxKeys) break;
      if (e.pending === 0) this.#entries.delete(k);
    }
  }
}
