/**
 * Server-side sessions: held in memory and written through to the auth_session table.
 * Guarantees:
 * - the cookie carries 256 random bits; the table and the memory hold only its SHA-256, so a
 *   copy of the database gives no usable session;
 * - a session ends after `idleTimeoutMs` without a request (default 30 minutes) and after
 *   `absoluteLifetimeMs` in any case (default 12 hours), by the injected clock;
 * - destroying a session (sign-out, a role change, disabling the user, a password reset, or a
 *   change of one's own password, which keeps only the session that made it) deletes it from
 *   memory and from the table before the call returns.
 * Why memory in front of the table: every request checks its session, and reading it from
 * memory keeps that check off DuckDB, where a long dashboard query could otherwise hold it up;
 * the table makes sessions survive a restart. The last-seen time is written at most once a
 * minute, so after a restart a session may time out up to a minute early, never late.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../core/db.ts';
import { isRole, type Role } from './roles.ts';

export interface SessionOptions {
  /** The clock; tests pass a fake one. */
  readonly now: () => Date;
  /** Default 30 minutes. */
  readonly idleTimeoutMs?: number;
  /** Default 12 hours. */
  readonly absoluteLifetimeMs?: number;
}

export interface SessionUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface Session extends SessionUser {
  readonly key: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  lastSeenAt: Date;
  persistedSeenAt: Date;
}

export type Lookup = { readonly session: Session } | { readonly expired: 'idle' | 'lifetime'; readonly userId: string } | undefined;

const SQL_LOAD = `SELECT s.session_sha256, s.user_id, u.username, u.display_name, u.role, s.csrf_token,
    epoch_ms(s.created_at) AS created_ms, epoch_ms(s.last_seen_at) AS seen_ms
  FROM auth_session s JOIN app_user u ON u.user_id = s.user_id WHERE NOT u.disabled`;
const SQL_PURGE = `DELETE FROM auth_session WHERE created_at < epoch_ms($created_ms::BIGINT) OR last_seen_at < epoch_ms($seen_ms::BIGINT)
  OR user_id NOT IN (SELECT user_id FROM app_user WHERE NOT disabled)`;
const SQL_INSERT = `INSERT INTO auth_session VALUES ($key, $user_id, $role, $csrf, epoch_ms($now_ms::BIGINT), epoch_ms($now_ms::BIGINT))`;
const SQL_TOUCH = 'UPDATE auth_session SET last_seen_at = epoch_ms($now_ms::BIGINT) WHERE session_sha256 = $key';
const SQL_DELETE = 'DELETE FROM auth_session WHERE session_sha256 = $key';
const SQL_DELETE_USER = 'DELETE FROM auth_session WHERE user_id = $user_id AND session_sha256 <> $keep';

const TOUCH_EVERY_MS = 60_000;

export const sessionKey = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly idleTimeoutMs: number;
  readonly absoluteLifetimeMs: number;

  private constructor(
    private readonly db: Db,
    private readonly opts: SessionOptions,
  ) {
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 30 * 60_000;
    this.absoluteLifetimeMs = opts.absoluteLifetimeMs ?? 12 * 60 * 60_000;
  }

  /** The store with the sessions still alive in the table; expired ones are deleted. */
  static async open(db: Db, opts: SessionOptions): Promise<SessionStore> {
    const store = new SessionStore(db, opts);
    const now = opts.now().getTime();
    const rows = await db.use(async (c) => {
      await c.run(SQL_PURGE, { created_ms: now - store.absoluteLifetimeMs, seen_ms: now - store.idleTimeoutMs });
      return (await c.runAndReadAll(SQL_LOAD)).getRowObjectsJS();
    });
    for (const r of rows) {
      if (!isRole(r.role)) continue;
      const seen = new Date(Number(r.seen_ms));
      store.#sessions.set(String(r.session_sha256), {
        key: String(r.session_sha256),
        userId: String(r.user_id),
        username: String(r.username),
        displayName: String(r.display_name),
        role: r.role,
        csrfToken: String(r.csrf_token),
        createdAt: new Date(Number(r.created_ms)),
        lastSeenAt: seen,
        persistedSeenAt: seen,
      });
    }
    return store;
  }

  #expired(s: Session, now: Date): 'idle' | 'lifetime' | undefined {
    if (now.getTime() - s.createdAt.getTime() >= this.absoluteLifetimeMs) return 'lifetime';
    return now.getTime() - s.lastSeenAt.getTime() >= this.idleTimeoutMs ? 'idle' : undefined;
  }

  /** A new session for `user`; returns the cookie value (shown to no one else, stored nowhere). */
  async create(user: SessionUser): Promise<{ token: string; session: Session }> {
    const now = this.opts.now();
    for (const s of [...this.#sessions.values()]) if (this.#expired(s, now)) await this.destroyKey(s.key);
    const token = randomBytes(32).toString('base64url');
    const session: Session = { ...user, key: sessionKey(token), csrfToken: randomBytes(32).toString('base64url'), createdAt: now, lastSeenAt: now, persistedSeenAt: now };
    await this.db.use((c) => c.run(SQL_INSERT, { key: session.key, user_id: user.userId, role: user.role, csrf: session.csrfToken, now_ms: now.getTime() }));
    this.#sessions.set(session.key, session);
    return { token, session };
  }

  /** The live session of a cookie value, touched; an expired one is destroyed and reported. */
  async lookup(token: string): Promise<Lookup> {
    const key = sessionKey(token);
    const s = this.#sessions.get(key);
    if (!s) return undefined;
    const now = this.opts.now();
    const expired = this.#expired(s, now);
    if (expired) {
      await this.destroyKey(key);
      return { expired, userId: s.userId };
    }
    s.lastSeenAt = now;
    if (now.getTime() - s.persistedSeenAt.getTime() >= TOUCH_EVERY_MS) {
      s.persistedSeenAt = now;
      await this.db.use((c) => c.run(SQL_TOUCH, { key, now_ms: now.getTime() }));
    }
    return { session: s };
  }

  async destroyKey(key: string): Promise<void> {
    this.#sessions.delete(key);
    await this.db.use((c) => c.run(SQL_DELETE, { key }));
  }

  /**
   * End every session of a user (disabled, role changed, password reset or changed); `keep`
   * spares one (the session of a user who changed their own password).
   */
  async destroyForUser(userId: string, opts: { keep?: string } = {}): Promise<void> {
    for (const s of [...this.#sessions.values()]) if (s.userId === userId && s.key !== opts.keep) this.#sessions.delete(s.key);
    await this.db.use((c) => c.run(SQL_DELETE_USER, { user_id: userId, keep: opts.keep ?? '' }));
  }

  get size(): number {
    return this.#sessions.size;
  }
}
