/**
 * Sign-in, sessions, roles, CSRF and HTTP hardening, put together. `createAuth` opens the
 * session store and the sign-in service over one connection source (give it a dedicated
 * ConnectionPool of size 1, so sign-ins never wait behind dashboard queries); the middleware
 * and policy are exported for the app to mount in the order given in docs/security.md.
 */
import type { RequestHandler } from 'express';
import type { Db } from '../../core/db.ts';
import type { PasswordParams } from './password.ts';
import { PASSWORD_PARAMS } from './password.ts';
import { MfaService } from './mfa.ts';
import { FailureLimiter, IP_LIMIT, type BackoffRule } from './rateLimit.ts';
import { mfaRequiredSetting } from '../settings/mfaRequired.ts';
import { sessionMiddleware } from './sessionMiddleware.ts';
import { SessionStore } from './sessions.ts';
import { SignInService } from './signin.ts';

export { accessPolicy, type AccessRule, type PolicyMethod } from './policy.ts';
export { authorize, compilePolicy, currentUser, hasRole, mayAccess, mayViewUnapprovedPacks, ruleFor, safeNext, type AuthorizeOptions } from './authorize.ts';
export { csrfProtection, csrfToken, type CsrfOptions } from './csrf.ts';
export { bodyErrors, bodyParsers, securityHeaders, type SecurityOptions } from './security.ts';
export { emergencyResetPassword, ensureFirstAdmin, FIRST_ADMIN_USERNAME, type FirstAdminOptions } from './firstAdmin.ts';
export { hashPassword, needsRehash, PASSWORD_PARAMS, randomPassword, verifyPassword, type PasswordParams } from './password.ts';
export { ROLES, isRole, type Role } from './roles.ts';
export type { SignedIn } from './locals.ts';
export { SessionStore } from './sessions.ts';
export { SignInService } from './signin.ts';
export { MfaService } from './mfa.ts';
export { mfaKeyFile } from './mfaCrypto.ts';

export interface AuthOptions {
  /** Connections for accounts, sessions and the audit log: `new ConnectionPool(ctx.warehouse, 1)`. */
  readonly db: Db;
  /** The clock; tests pass a fake one. */
  readonly now?: () => Date;
  /** True when PracticeBoard is served over TLS (directly or behind a proxy that sets trust proxy). */
  readonly secureCookies?: boolean;
  /** Sign-out after this long without a request. Default 30 minutes. */
  readonly idleTimeoutMs?: number;
  /** Sign-out this long after sign-in in any case. Default 12 hours. */
  readonly absoluteLifetimeMs?: number;
  /** Default PASSWORD_PARAMS (scrypt N=2^17); tests pass cheaper ones. */
  readonly passwordParams?: PasswordParams;
  readonly userRule?: BackoffRule;
  readonly ipRule?: BackoffRule;
  /** Sign-in attempts checked at once per address / per username (signin.ts); defaults 4 and 2. */
  readonly maxInFlightPerIp?: number;
  readonly maxInFlightPerAccount?: number;
  /** The key file of multi-factor sign-in (mfaKeyFile(dataDir)); without it no one can enrol. */
  readonly mfaKeyFile?: string;
}

export interface Auth {
  readonly db: Db;
  readonly now: () => Date;
  readonly secureCookies: boolean;
  readonly passwordParams: PasswordParams;
  readonly sessions: SessionStore;
  readonly signIn: SignInService;
  /** Multi-factor sign-in: enrolment, the second step, the practice's requirement. */
  readonly mfa: MfaService;
  /** Reads the session cookie; mount before auditRequests, authorize and csrfProtection. */
  readonly session: RequestHandler;
}

export async function createAuth(opts: AuthOptions): Promise<Auth> {
  const now = opts.now ?? (() => new Date());
  const secureCookies = opts.secureCookies ?? false;
  const passwordParams = opts.passwordParams ?? PASSWORD_PARAMS;
  const sessions = await SessionStore.open(opts.db, {
    now,
    ...(opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
    ...(opts.absoluteLifetimeMs !== undefined ? { absoluteLifetimeMs: opts.absoluteLifetimeMs } : {}),
  });
  // One per-address count for failed passwords and failed second steps alike.
  const ipLimiter = new FailureLimiter(opts.ipRule ?? IP_LIMIT, now);
  const mfa = new MfaService({
    db: opts.db,
    now,
    ipLimiter,
    required: await mfaRequiredSetting(opts.db),
    ...(opts.mfaKeyFile ? { keyFile: opts.mfaKeyFile } : {}),
    ...(opts.userRule ? { rule: opts.userRule } : {}),
    ...(opts.maxInFlightPerIp ? { maxInFlightPerIp: opts.maxInFlightPerIp } : {}),
    ...(opts.maxInFlightPerAccount ? { maxInFlightPerAccount: opts.maxInFlightPerAccount } : {}),
  });
  const signIn = new SignInService({
    db: opts.db,
    now,
    passwordParams,
    ipLimiter,
    hasSecondStep: (userId) => mfa.isEnrolled(userId),
    ...(opts.userRule ? { userRule: opts.userRule } : {}),
    ...(opts.ipRule ? { ipRule: opts.ipRule } : {}),
    ...(opts.maxInFlightPerIp ? { maxInFlightPerIp: opts.maxInFlightPerIp } : {}),
    ...(opts.maxInFlightPerAccount ? { maxInFlightPerAccount: opts.maxInFlightPerAccount } : {}),
  });
  return { db: opts.db, now, secureCookies, passwordParams, sessions, signIn, mfa, session: sessionMiddleware({ store: sessions, db: opts.db, now, secureCookies }) };
}
