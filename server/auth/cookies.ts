/**
 * The two cookies: the session (SameSite=Lax, so a link from an email opens signed in) and the
 * anonymous CSRF token of the sign-in form (SameSite=Strict). Both HttpOnly. With
 * `secure` (PracticeBoard behind TLS) both are Secure and carry the `__Host-` prefix, which
 * browsers accept only from HTTPS, for path /, without a Domain: no other site or subdomain
 * can plant one.
 */
import { parse } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

export interface CookieNames {
  readonly session: string;
  readonly csrf: string;
}

export function cookieNames(secure: boolean): CookieNames {
  return secure ? { session: '__Host-pb_session', csrf: '__Host-pb_csrf' } : { session: 'pb_session', csrf: 'pb_csrf' };
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parse(header)[name];
  // Every value this server sets is base64url; anything else is not ours.
  return value && /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
}

export function cookieOptions(secure: boolean, sameSite: 'lax' | 'strict'): CookieOptions {
  return { httpOnly: true, sameSite, secure, path: '/' };
}

export function setCookie(res: Response, name: string, value: string, secure: boolean, sameSite: 'lax' | 'strict'): void {
  res.cookie(name, value, cookieOptions(secure, sameSite));
}

export function clearCookie(res: Response, name: string, secure: boolean, sameSite: 'lax' | 'strict'): void {
  res.clearCookie(name, cookieOptions(secure, sameSite));
}
