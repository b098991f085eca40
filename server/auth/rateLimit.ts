/**
 * Failed sign-in limits with exponential backoff, as pure rules and an in-memory limiter.
 * A key (a username, an IP address) that reaches `threshold` failures is locked for `baseMs`,
 * and every further failure doubles the lock, up to `maxMs`. The count restarts after a quiet
 * `windowMs` without failures. Per-username counters live in app_user (they survive a restart
 * and an admin sees them); per-IP counters live here, in memory, bounded in size.
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
}

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

  /** Count a failure for `key`; returns when it is locked until, if it is. */
  fail(key: string): Date | null {
    const now = this.now();
    const e = this.#entries.get(key);
    const failures = nextFailures(this.rule, e?.failures ?? 0, e?.lastFailedAt ?? null, now);
    const lockedUntil = lockedUntilAfter(this.rule, failures, now);
    this.#entries.delete(key); // re-inserted last: the map stays in order of last failure
    this.#entries.set(key, { failures, lastFailedAt: now, lockedUntil });
    if (this.#entries.size > this.maxKeys) this.#prune(now);
    return lockedUntil;
  }

  #prune(now: Date): void {
    for (const [k, e] of this.#entries) {
      const locked = e.lockedUntil && e.lockedUntil > now;
      if (!locked && now.getTime() - e.lastFailedAt.getTime() > this.rule.windowMs) this.#entries.delete(k);
    }
    // Still full: forget the keys that failed longest ago.
    for (const k of this.#entries.keys()) {
      if (this.#entries.size <= this.maxKeys) break;
      this.#entries.delete(k);
    }
  }
}
