/**
 * Deny by default: a request passes only when a rule of the access policy allows it. An
 * anonymous page request is sent to /signin (and back afterwards, when the address is a page); an anonymous /api/ request,
 * or any anonymous request that is not a GET, gets 401; a signed-in user whose role is not
 * allowed gets 403, and one asking for an address no rule names gets 404; at '/', a role whose
 * home is elsewhere (the board: its packs) is sent home. A board member reaches a pack only when `isApprovedPack` says it is
 * approved; without that hook, never.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import { HttpError } from '../../core/errors.ts';
import { accessPolicy, HOME, type AccessRule } from './policy.ts';
import type { Role } from './roles.ts';

export interface AuthorizeOptions {
  /** Whether the board pack of a month ('YYYY-MM') is approved; the reports module supplies it. */
  readonly isApprovedPack?: (month: string) => Promise<boolean>;
}

interface Compiled {
  readonly rule: AccessRule;
  readonly test: MatchFunction<Partial<Record<string, string | string[]>>>;
}

export function compilePolicy(policy: readonly AccessRule[]): readonly Compiled[] {
  return policy.map((rule) => ({ rule, test: match(rule.path) }));
}

/** The rule deciding `method path`, and the path's parameters; undefined when none does. */
export function ruleFor(compiled: readonly Compiled[], method: string, path: string) {
  const m = method === 'HEAD' ? 'GET' : method;
  for (const c of compiled) {
    if (c.rule.method !== '*' && c.rule.method !== m) continue;
    const hit = c.test(path);
    if (hit) return { rule: c.rule, params: hit.params };
  }
  return undefined;
}

/** True when some rule names `path`, whatever the method: an address PracticeBoard knows. */
export function knownPath(compiled: readonly Compiled[], path: string): boolean {
  return compiled.some((c) => c.test(path) !== false);
}

/**
 * Whether `role` may request `method path` by the policy: for navigation links. A board pack
 * counts as reachable here; whether it is approved is checked when it is requested.
 */
export function mayAccess(role: Role, method: string, path: string, compiled: readonly Compiled[] = compilePolicy(accessPolicy)): boolean {
  const allow = ruleFor(compiled, method, path)?.rule.allow;
  return allow === 'public' || (Array.isArray(allow) && allow.includes(role));
}

/** The path to come back to after signing in: a local path only (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(next) && next.length <= 500 ? next : '/';
}

export function authorize(policy: readonly AccessRule[], opts: AuthorizeOptions = {}): RequestHandler {
  const compiled = compilePolicy(policy);
  return async (req: Request, res: Response, next: NextFunction) => {
    const found = ruleFor(compiled, req.method, req.path);
    const user = res.locals.auth;
    if (found && (found.rule.allow === 'public' || found.rule.allow === 'token')) {
      next();
      return;
    }
    if (!user) {
      if (req.method === 'GET' && !req.path.startsWith('/api/')) {
        // Back to the page after signing in, when it is one: an address no rule names (a
        // guessed /login) would only lead to "no page here", so it leads home instead.
        const query = [
          ...(knownPath(compiled, req.path) ? [`next=${encodeURIComponent(safeNext(req.originalUrl))}`] : []),
          ...(res.locals.sessionEnded ? [`ended=${res.locals.sessionEnded}`] : []),
        ];
        res.redirect(302, `/signin${query.length > 0 ? `?${query.join('&')}` : ''}`);
        return;
      }
      next(new HttpError(401, 'Sign in first.'));
      return;
    }
    // An address no rule names, for any method, is not a page: 404, not a refusal by role.
    if (!found && !knownPath(compiled, req.path)) {
      next(new HttpError(404, 'There is no page at this address.'));
      return;
    }
    const roles = found?.rule.allow as readonly Role[] | undefined;
    if (!roles?.includes(user.role) && req.method === 'GET' && req.path === '/' && HOME[user.role] !== '/') {
      res.redirect(303, HOME[user.role]);
      return;
    }
    if (!roles?.includes(user.role)) {
      next(new HttpError(403, 'Your role does not give access to this page.'));
      return;
    }
    if (found!.rule.approvedPackOnly?.includes(user.role)) {
      const month = found!.params.month;
      const approved = typeof month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && opts.isApprovedPack ? await opts.isApprovedPack(month) : false;
      if (!approved) {
        next(new HttpError(403, 'This board pack has not been approved yet.'));
        return;
      }
    }
    next();
  };
}

/** Who is signed in on this response, if anyone. */
export const currentUser = (res: Response) => res.locals.auth;

/** True when the signed-in user has one of `roles`. */
export function hasRole(res: Response, ...roles: Role[]): boolean {
  const user = res.locals.auth;
  return !!user && roles.includes(user.role);
}

/** For the reports list: admins and managers see every pack, the board approved ones only. */
export const mayViewUnapprovedPacks = (res: Response) => hasRole(res, 'admin', 'manager');
