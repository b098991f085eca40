/**
 * HTTP hardening for every response: security headers (helmet) with a Content Security Policy
 * for server-rendered pages (inline <style> and inline SVG; scripts only from this server's own files, never inline), `Cache-Control:
 * no-store` (every page and download holds practice data; a handler may relax it for a static
 * file), request body size limits, and body errors mapped to HttpError so the app's one error
 * handler answers them (413, 400, 415) without a stack trace.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { HttpError } from '../../core/errors.ts';

export interface SecurityOptions {
  /** True behind TLS: HSTS and upgrade-insecure-requests. Off on plain http (a LAN install). */
  readonly secure: boolean;
}

export function securityHeaders(opts: SecurityOptions): RequestHandler[] {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"], // files under /assets only: no inline script, no eval
    'script-src-attr': ["'none'"],
    // Observable Plot's SVG carries style attributes and a <style>; the layout has one <style>.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
  if (opts.secure) directives['upgrade-insecure-requests'] = [];
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  return [headers, noStore];
}

/**
 * Form and JSON bodies, small: 64 KB of form (a page of board commentary is far less) and
 * 256 KB of JSON (a source profile). Files come as multipart, read only by the upload routes
 * under their own limit.
 */
export function bodyParsers(limits: { form?: string; json?: string } = {}): RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit: limits.form ?? '64kb', parameterLimit: 200 }),
    express.json({ limit: limits.json ?? '256kb' }),
  ];
}

const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'The request is too large.'],
  'parameters.too.many': [413, 'The form has too many fields.'],
  'entity.parse.failed': [400, 'The request body is not valid JSON.'],
  'charset.unsupported': [415, 'The request body must be UTF-8.'],
  'encoding.unsupported': [415, 'The request body encoding is not supported.'],
  'request.aborted': [400, 'The request was cut off.'],
};

/** Error middleware, mounted right after `bodyParsers`: body-parser's errors as HttpError. */
export function bodyErrors() {
  return (err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const known = BODY_ERRORS[String((err as { type?: unknown } | null)?.type)];
    next(known ? new HttpError(known[0], known[1]) : err);
  };
}
