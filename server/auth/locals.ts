/**
 * What the auth middleware puts on `res.locals` for the handlers after it: the signed-in user
 * (absent for an anonymous request) and the CSRF token that forms must echo back.
 */
import type { Role } from './roles.ts';

export interface SignedIn {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** SHA-256 of the session cookie: identifies the session without being usable as one. */
  readonly sessionKey: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      auth?: SignedIn;
      /** The token this request's form must echo; read it with csrfToken(res) (views: csrfInput()). */
      csrfToken?: string;
      /** Issues an anonymous CSRF token (and its cookie) for a form shown before sign-in. */
      issueCsrfToken?: () => string;
      /** Set when this request carried a session that had just timed out. */
      sessionEnded?: 'idle' | 'lifetime';
    }
  }
}
