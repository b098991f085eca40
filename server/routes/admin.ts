/**
 * Administration (admin role only, by the access policy): users and the audit log.
 *   GET  /admin/users                     the users, with forms for every change
 *   POST /admin/users                     add a user; the random password is shown once
 *   POST /admin/users/:id/role            change the role
 *   POST /admin/users/:id/disable|enable  disable, or enable (which also lifts a lockout)
 *   POST /admin/users/:id/password        reset to a random password, shown once
 *   GET  /audit                           search the audit log; shows whether the chain verifies
 *   GET  /audit/export.csv                the same search as CSV
 *   GET  /audit/head.json                 the chain's head {seq, mac, at}, to keep elsewhere
 *   GET  /audit/check?head=<JSON>         the audit page, the chain checked against a pasted head
 *        /audit/check?seq=&hash=          the same check as JSON
 * Every change is audited and ends the user's sessions, so a new role or a disabled account
 * takes effect at once. No change may leave PracticeBoard without an enabled admin, and an
 * admin does not change or disable their own account here (another admin does).
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { toCsv } from '../../dashboards/export/index.ts';
import { audit, type AuditAction, type DetailValue } from '../audit/log.ts';
import { AuditQuery, auditTable, searchAudit } from '../audit/search.ts';
import { auditHead, exportedHead, parseExportedHead, verifyAuditChain } from '../audit/verify.ts';
import type { Auth } from '../auth/index.ts';
import { KeyedMutex } from '../auth/inFlight.ts';
import { hashPassword, randomPassword } from '../auth/password.ts';
import { requirePasswordChange } from '../auth/passwordChange.ts';
import { countActiveAdmins, DisplayName, findUserById, findUserByUsername, insertUser, listUsers, RoleField, setDisabled, setPasswordHash, setRole, Username, type User } from '../auth/users.ts';
import { HttpError } from '../../core/errors.ts';
import { auditPage } from '../views/audit.ts';
import { passwordOncePage, usersPage } from '../views/users.ts';

const NewUserBody = z.object({ username: Username, displayName: DisplayName, role: RoleField });
const RoleBody = z.object({ role: RoleField });
const UserId = z.uuid();
const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`);

const AuditAnchorQuery = z.strictObject({ seq: z.coerce.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits') });

/** `timezone`: the practice's IANA zone, for the times the pages show (default UTC, labelled so). */
export function adminRoutes(auth: Auth, opts: { readonly timezone?: string } = {}): express.Router {
  const timezone = opts.timezone ?? 'UTC';
  const r = express.Router();
  const actorOf = (res: Response) => {
    const user = res.locals.auth;
    if (!user) throw new HttpError(401, 'Sign in first.');
    return user;
  };
  const record = (req: Request, res: Response, action: AuditAction, target: string, details: Readonly<Record<string, DetailValue>>) =>
    auth.db.use((c) => audit(c, { actor: actorOf(res).userId, action, target, ip: req.ip ?? null, at: auth.now(), details }));

  const renderUsers = async (res: Response, status = 200, errors: readonly string[] = []) => {
    const users = await auth.db.use((c) => listUsers(c));
    const mfaEnrolled = await auth.mfa.enrolledUserIds();
    res.status(status).type('html').send(usersPage(users, { now: auth.now(), timezone, selfId: actorOf(res).userId, mfaEnrolled, errors }));
  };

  /** The user of `:id`, after refusing a change to one's own account. */
  const target = async (req: Request, res: Response): Promise<User> => {
    const id = UserId.safeParse(req.params.id);
    const user = id.success ? await auth.db.use((c) => findUserById(c, id.data)) : undefined;
    if (!user) throw new HttpError(404, 'There is no such user.');
    if (user.userId === actorOf(res).userId) throw new HttpError(400, 'You cannot change your own account here; ask another admin.');
    return user;
  };

  /** Refuses a change that would leave no enabled admin. */
  const keepAnAdmin = async (user: User, losesAdmin: boolean) => {
    if (losesAdmin && user.role === 'admin' && !user.disabled && (await auth.db.use((c) => countActiveAdmins(c))) <= 1) {
      throw new HttpError(400, 'This is the only enabled admin; make another user an admin first.');
    }
  };

  // Changes to accounts run one at a time (in this process, the only one holding the warehouse):
  // each reads before it writes (is the name taken? is this the last enabled admin?). Side by
  // side, two admins demoting or disabling each other both counted two admins and left none,
  // and the same new name added twice at once failed with a server error.
  const accounts = new KeyedMutex();
  const oneAtATime = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => accounts.run('accounts', () => handler(req, res));

  r.get('/admin/users', async (_req, res) => renderUsers(res));

  r.post('/admin/users', oneAtATime(async (req, res) => {
    const body = NewUserBody.safeParse(req.body ?? {});
    if (!body.success) return renderUsers(res, 400, issues(body.error));
    const { username, displayName, role } = body.data;
    if (await auth.db.use((c) => findUserByUsername(c, username))) return renderUsers(res, 400, [`username: "${username}" is taken`]);
    const password = randomPassword();
    const passwordHash = await hashPassword(password, auth.passwordParams);
    const id = await auth.db.use(async (c) => {
      const newId = await insertUser(c, { username, displayName, role, passwordHash, now: auth.now() });
      await requirePasswordChange(c, newId, auth.now()); // the admin saw it: the user sets their own
      return newId;
    });
    await record(req, res, 'user.create', id, { username, role });
    res.status(201).type('html').send(passwordOncePage({ username }, password, 'created'));
  }));

  r.post('/admin/users/:id/role', oneAtATime(async (req, res) => {
    const user = await target(req, res);
    const body = RoleBody.safeParse(req.body ?? {});
    if (!body.success) return renderUsers(res, 400, issues(body.error));
    await keepAnAdmin(user, body.data.role !== 'admin');
    await auth.db.use((c) => setRole(c, user.userId, body.data.role));
    await auth.sessions.destroyForUser(user.userId);
    await record(req, res, 'user.role_change', user.userId, { from: user.role, to: body.data.role });
    res.redirect(303, '/admin/users');
  }));

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    r.post(`/admin/users/:id/${path}`, oneAtATime(async (req, res) => {
      const user = await target(req, res);
      await keepAnAdmin(user, disabled);
      await auth.db.use((c) => setDisabled(c, user.userId, disabled));
      await auth.sessions.destroyForUser(user.userId);
      await record(req, res, disabled ? 'user.disable' : 'user.enable', user.userId, { was_disabled: user.disabled });
      res.redirect(303, '/admin/users');
    }));
  }

  r.post('/admin/users/:id/password', oneAtATime(async (req, res) => {
    const user = await target(req, res);
    const password = randomPassword();
    const hash = await hashPassword(password, auth.passwordParams);
    await auth.db.use(async (c) => {
      await setPasswordHash(c, user.userId, hash);
      await requirePasswordChange(c, user.userId, auth.now());
    });
    await auth.sessions.destroyForUser(user.userId);
    await record(req, res, 'user.password_reset', user.userId, {});
    res.type('html').send(passwordOncePage(user, password, 'reset'));
  }));

  const auditQuery = (req: Request) => {
    const q = AuditQuery.safeParse(req.query);
    if (!q.success) throw new HttpError(400, 'The audit search is not valid', issues(q.error));
    return q.data;
  };
  const queryText = (q: AuditQuery) =>
    new URLSearchParams(Object.entries({ actor: q.actor, action: q.action, from: q.from, to: q.to }).filter((kv): kv is [string, string] => !!kv[1])).toString();

  r.get('/audit', async (req, res) => {
    const q = auditQuery(req);
    const { rows, report } = await auth.db.use(async (c) => ({ rows: await searchAudit(c, q), report: await verifyAuditChain(c) }));
    res.type('html').send(auditPage(rows, q, report, queryText(q), timezone));
  });

  // The head to keep outside the database (the operator's records), and the check against it:
  // a cut tail with a moved head verifies on its own, not against an anchor kept elsewhere.
  r.get('/audit/head.json', async (req, res) => {
    const head = await auth.db.use((c) => auditHead(c));
    if (!head) throw new HttpError(404, 'The audit log is empty: there is no head to export yet');
    await record(req, res, 'audit.export', 'audit_head', { seq: head.seq });
    res.type('application/json').attachment(`practiceboard-audit-head-${auth.now().toISOString().slice(0, 10)}.json`).send(JSON.stringify(exportedHead(head)) + '\n');
  });

  r.get('/audit/check', async (req, res) => {
    if (typeof req.query.head === 'string') {
      const anchor = parseExportedHead(req.query.head.slice(0, 2000));
      const q = AuditQuery.parse({});
      const { rows, report } = await auth.db.use(async (c) => ({ rows: await searchAudit(c, q), report: await verifyAuditChain(c, { anchor }) }));
      res.status(report.ok ? 200 : 409).type('html').send(auditPage(rows, q, report, queryText(q), timezone, [], anchor));
      return;
    }
    const anchor = AuditAnchorQuery.safeParse(req.query);
    if (!anchor.success) throw new HttpError(400, 'Give the seq and hash of an exported head', issues(anchor.error));
    const report = await auth.db.use((c) => verifyAuditChain(c, { anchor: anchor.data }));
    res.json(report);
  });

  r.get('/audit/export.csv', async (req, res) => {
    const q = { ...auditQuery(req), limit: 100_000 };
    const rows = await auth.db.use((c) => searchAudit(c, q));
    await record(req, res, 'audit.export', 'audit_log', { rows_n: rows.length, query: queryText(q) });
    res.type('text/csv').attachment(`practiceboard-audit-${auth.now().toISOString().slice(0, 10)}.csv`).send(toCsv(auditTable(rows), { bom: true }));
  });
  return r;
}
