/**
 * Getting into PracticeBoard without an admin session. The first start of a PracticeBoard with
 * no accounts creates one admin, `admin`. Its password comes from PRACTICEBOARD_ADMIN_PASSWORD
 * (at least 12 characters), or is random and printed once, to the console only (never to the
 * log, never stored in clear). A printed password was seen by whoever watched the console (or
 * its capture), so it must be changed at the first sign-in; one the operator chose in the
 * environment is theirs already and is not forced (docs/security.md). Any later start, with at
 * least one account, does nothing.
 * `emergencyResetPassword` is the break-glass path for whoever runs the server (HIPAA's
 * emergency access procedure): with the server stopped, it gives an account a new random
 * password, which must be changed at the next sign-in, enables and unlocks it, and ends its
 * sessions. Both are audited as 'system'.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';
import { audit } from '../audit/log.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, PASSWORD_PARAMS, randomPassword, type PasswordParams } from './password.ts';
import { deleteEnrolment, enrolledUserIds } from './mfaStore.ts';
import { requirePasswordChange } from './passwordChange.ts';
import { countUsers, findUserByUsername, insertUser, setDisabled, setPasswordHash } from './users.ts';

export interface FirstAdminOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the one-time password goes. Default: console.log. */
  readonly print?: (line: string) => void;
  readonly now?: () => Date;
  readonly passwordParams?: PasswordParams;
}

export const FIRST_ADMIN_USERNAME = 'admin';

/** Creates the first admin when there is no account; returns whether it did. */
export async function ensureFirstAdmin(conn: DuckDBConnection, opts: FirstAdminOptions = {}): Promise<{ created: boolean; username?: string }> {
  if ((await countUsers(conn)) > 0) return { created: false };
  const env = opts.env ?? process.env;
  const print = opts.print ?? ((line: string) => console.log(line));
  const given = env.PRACTICEBOARD_ADMIN_PASSWORD;
  if (given !== undefined && given.length < MIN_PASSWORD_LENGTH) {
    throw new PracticeBoardError('CONFIG_INVALID', `PRACTICEBOARD_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const password = given ?? randomPassword();
  const now = (opts.now ?? (() => new Date()))();
  const userId = await insertUser(conn, {
    username: FIRST_ADMIN_USERNAME,
    displayName: 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password, opts.passwordParams ?? PASSWORD_PARAMS),
    now,
  });
  if (given === undefined) await requirePasswordChange(conn, userId, now);
  await audit(conn, { actor: 'system', action: 'user.create', target: userId, at: now, details: { username: FIRST_ADMIN_USERNAME, role: 'admin', first_admin: true, change_required: given === undefined } });
  print(
    given === undefined
      ? `PracticeBoard: created the admin account "${FIRST_ADMIN_USERNAME}" with the password ${password}\n` +
          'PracticeBoard: this password is shown only this once; sign in with it and set your own at once.'
      : `PracticeBoard: created the admin account "${FIRST_ADMIN_USERNAME}" with the password from PRACTICEBOARD_ADMIN_PASSWORD.`,
  );
  return { created: true, username: FIRST_ADMIN_USERNAME };
}

const SQL_END_SESSIONS = 'DELETE FROM auth_session WHERE user_id = $user_id';

/**
 * Give `username` a new random password printed once, enabled and unlocked; its sessions end and
 * its multi-factor enrolment is cleared (break-glass: whoever runs this holds the server itself,
 * and an only admin who lost both phone and recovery codes must not be locked out for good).
 */
export async function emergencyResetPassword(conn: DuckDBConnection, username: string, opts: Omit<FirstAdminOptions, 'env'> = {}): Promise<void> {
  const user = await findUserByUsername(conn, username);
  if (!user) throw new PracticeBoardError('USER_NOT_FOUND', `there is no account "${username}"`);
  const password = randomPassword();
  const now = (opts.now ?? (() => new Date()))();
  await setPasswordHash(conn, user.userId, await hashPassword(password, opts.passwordParams ?? PASSWORD_PARAMS));
  await setDisabled(conn, user.userId, false);
  await requirePasswordChange(conn, user.userId, now);
  await conn.run(SQL_END_SESSIONS, { user_id: user.userId });
  const hadMfa = (await enrolledUserIds(conn)).has(user.userId);
  if (hadMfa) await deleteEnrolment(conn, user.userId);
  await audit(conn, { actor: 'system', action: 'user.password_reset', target: user.userId, at: now, details: { emergency: true, was_disabled: user.disabled, change_required: true, mfa_cleared: hadMfa } });
  (opts.print ?? ((line: string) => console.log(line)))(
    `PracticeBoard: the account "${user.username}" (${user.role}) now has the password ${password}\nPracticeBoard: it is shown only this once, and must be changed at the next sign-in.`,
  );
}
