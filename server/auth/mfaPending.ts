/**
 * The state between a right password and a passed second step: not a session. A pending
 * record lives in memory for 5 minutes (by the injected clock), names the account and the page
 * to return to, and is found by a random cookie value whose SHA-256 alone is kept. One record
 * per account (a new right password replaces the old one), so the memory it takes is bounded by
 * the number of accounts. A restart forgets them: the user types the password again.
 */
import { createHash, randomBytes } from 'node:crypto';

export const PENDING_TTL_MS = 5 * 60_000;

export interface Pending {
  readonly userId: string;
  readonly next: string;
  readonly expiresAt: Date;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class PendingSecondSteps {
  readonly #byKey = new Map<string, Pending>();
  readonly #keyOfUser = new Map<string, string>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = PENDING_TTL_MS,
  ) {}

  /** A pending record for `userId`; returns the cookie value (kept nowhere). */
  create(userId: string, next: string): string {
    this.#prune();
    this.drop(userId);
    const token = randomBytes(32).toString('base64url');
    const key = digest(token);
    this.#byKey.set(key, { userId, next, expiresAt: new Date(this.now().getTime() + this.ttlMs) });
    this.#keyOfUser.set(userId, key);
    return token;
  }

  /** The live record of a cookie value; an expired one is dropped. */
  find(token: string | undefined): Pending | undefined {
    if (!token) return undefined;
    const p = this.#byKey.get(digest(token));
    if (!p) return undefined;
    if (p.expiresAt <= this.now()) {
      this.drop(p.userId);
      return undefined;
    }
    return p;
  }

  /** End the pending second step of `userId` (passed, locked out, or reset). */
  drop(userId: string): void {
    const key = this.#keyOfUser.get(userId);
    if (key) this.#byKey.delete(key);
    this.#keyOfUser.delete(userId);
  }

  get size(): number {
    return this.#byKey.size;
  }

  #prune(): void {
    const now = this.now();
    for (const p of [...this.#byKey.values()]) if (p.expiresAt <= now) this.drop(p.userId);
  }
}
