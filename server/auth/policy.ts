/**
 * Who may reach what, as data. `authorize` (authorize.ts) lets a request through only when a
 * rule below allows it: anything not listed is denied, whatever the role. The first rule whose
 * method and path match decides, so a narrower path comes before a broader one.
 *
 * Paths are Express 5 patterns (path-to-regexp 8), matched like Express matches them (case
 * insensitive, an optional trailing slash): `:name` is one segment, `{.:format}` an optional
 * extension, `{/*rest}` anything below. HEAD is checked as GET.
 */
import type { Role } from './roles.ts';

export type PolicyMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | '*';

export interface AccessRule {
  readonly method: PolicyMethod;
  /** Example: '/reports/:month{.:format}'. */
  readonly path: string;
  /**
   * The roles allowed; 'public' for anyone, signed in or not; 'token' for a router that checks
   * its own bearer token and no session (the loopback API of the command line).
   */
  readonly allow: readonly Role[] | 'public' | 'token';
  /** Roles of `allow` that pass only when the pack of the path's `:month` is approved. */
  readonly approvedPackOnly?: readonly Role[];
}

const EVERYONE: readonly Role[] = ['admin', 'manager', 'board'];
const STAFF: readonly Role[] = ['admin', 'manager'];
const ADMIN: readonly Role[] = ['admin'];

/** Where each role lands: a board member's home is the list of approved packs. */
export const HOME: Readonly<Record<Role, string>> = { admin: '/', manager: '/', board: '/reports' };

export const accessPolicy: readonly AccessRule[] = [
  // Signing in, health, and the command line's own API.
  { method: 'GET', path: '/signin', allow: 'public' },
  { method: 'POST', path: '/signin', allow: 'public' },
  // The second step of a sign-in: before any session (its own pending cookie, mfa.ts).
  { method: 'GET', path: '/signin/mfa', allow: 'public' },
  { method: 'POST', path: '/signin/mfa', allow: 'public' },
  { method: 'GET', path: '/healthz', allow: 'public' },
  { method: 'GET', path: '/assets/*file', allow: 'public' }, // scripts and styles, no data
  { method: '*', path: '/internal{/*rest}', allow: 'token' },
  { method: 'POST', path: '/signout', allow: EVERYONE },
  { method: 'GET', path: '/account/password', allow: EVERYONE },
  { method: 'POST', path: '/account/password', allow: EVERYONE },
  { method: 'GET', path: '/account/mfa', allow: EVERYONE },
  { method: 'POST', path: '/account/mfa', allow: EVERYONE },

  // Dashboards: staff only. Free filters (periods, ranges, comparisons) would let a board member
  // recover a suppressed small count by differencing two views (October suppressed, September
  // 15, September-October 20). The board reaches approved packs only, at their periods and grain,
  // whose suppression is fixed when the pack is approved; '/' sends it to the list of packs.
  { method: 'GET', path: '/', allow: STAFF },
  { method: 'GET', path: '/financial', allow: STAFF },
  { method: 'GET', path: '/collections', allow: STAFF },
  { method: 'GET', path: '/staffing', allow: STAFF },
  { method: 'GET', path: '/api/dashboards/:page/:file', allow: STAFF },
  { method: 'GET', path: '/why/:metricId', allow: STAFF }, // why a headline moved: a dashboard view
  // The same at one month: the board too, for the month of an approved pack, read at the pack's
  // grain (the whole practice, that month; server/routes/why.ts ignores other filters for it).
  { method: 'GET', path: '/why/:metricId/:month', allow: EVERYONE, approvedPackOnly: ['board'] },
  { method: 'GET', path: '/metrics', allow: EVERYONE }, // definitions only, no numbers
  { method: 'GET', path: '/api/metrics', allow: EVERYONE },

  // Board packs. The list shows the board approved packs only (the reports router filters
  // with `mayViewUnapprovedPacks`); a pack itself is checked here.
  { method: 'GET', path: '/reports', allow: EVERYONE },
  { method: 'GET', path: '/reports/:month{.:format}', allow: EVERYONE, approvedPackOnly: ['board'] },
  { method: 'POST', path: '/reports/:month/commentary', allow: STAFF },
  { method: 'POST', path: '/reports/:month/approve', allow: STAFF },

  // Administration: users, jobs, settings, payroll per person, loads and rejected rows, source
  // profiles, uploads, audit.
  { method: '*', path: '/admin{/*rest}', allow: ADMIN },
  { method: '*', path: '/etl{/*rest}', allow: ADMIN },
  { method: '*', path: '/upload{/*rest}', allow: ADMIN },
  { method: '*', path: '/api/profiles{/*rest}', allow: ADMIN },
  { method: 'GET', path: '/audit{/*rest}', allow: ADMIN },
];
