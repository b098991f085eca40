/**
 * The signed-in user and the CSRF token of the request being served, reachable from the page
 * layout without threading `res` through every view: the navigation shows only what the role
 * may open, and every POST form on a page carries the token.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { csrfToken } from './auth/index.ts';
import type { SignedIn } from './auth/index.ts';

export interface RequestView {
  readonly user: SignedIn | undefined;
  /** The CSRF token forms must carry (issued on first use). */
  csrf(): string;
}

const store = new AsyncLocalStorage<RequestView>();

export function requestContext(_req: Request, res: Response, next: NextFunction): void {
  store.run({ user: res.locals.auth, csrf: () => csrfToken(res) }, next);
}

export const currentRequest = (): RequestView | undefined => store.getStore();
