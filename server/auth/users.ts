/**
 * Accounts in the warehouse (table app_user, migration 006): look-up, creation, role and
 * disabled changes, password hashes, and the failed-attempt counters behind the lockout.
 * Usernames are stored and compared in lower case. Every value is bound, never interpolated.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { isRole, ROLES, type Role } from './roles.ts';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,64}$/, '2 to 64 letters, digits, ".", "_" or "-"');
export const DisplayName = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');
export const RoleField = z.enum(ROLES);

export interface User {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly createdAt: Date;
  readonly disabled: boolean;
  readonly failedAttempts: number;
  readonly lastFailedAt: Date | null;
  readonly lockedUntil: Date | null;
}

const COLUMNS = 'user_id, username, display_name, role, password_hash, created_at, disabled, failed_attempts_n, last_failed_at, locked_until';
const SQL_BY_USERNAME = `SELECT ${COLUMNS} FROM app_user WHERE username = lower($username)`;
const SQL_BY_ID = `SELECT ${COLUMNS} FROM app_user WHERE user_id = $id`;
const SQL_LIST = `SELECT ${COLUMNS} FROM app_user ORDER BY username`;
const SQL_COUNT = 'SELECT count(*)::INTEGER AS n FROM app_user';
const SQL_ACTIVE_ADMINS = "SELECT count(*)::INTEGER AS n FROM app_user WHERE role = 'admin' AND NOT disabled";
const SQL_INSERT = `INSERT INTO app_user (user_id, username, display_name, role, password_hash, created_at)
  VALUES ($id, $username, $display_name, $role, $hash, epoch_ms($now_ms::BIGINT))`;
const SQL_SET_ROLE = 'UPDATE app_user SET role = $role WHERE user_id = $id';
const SQL_SET_DISABLED = 'UPDATE app_user SET disabled = $disabled, failed_attempts_n = 0, locked_until = NULL WHERE user_id = $id';
const SQL_SET_HASH = 'UPDATE app_user SET password_hash = $hash WHERE user_id = $id';
const SQL_FAILED = `UPDATE app_user SET failed_attempts_n = $failures, last_failed_at = epoch_ms($now_ms::BIGINT),
  locked_until = CASE WHEN $locked_ms::BIGINT IS NULL THEN NULL ELSE epoch_ms($locked_ms::BIGINT) END WHERE user_id = $id`;
const SQL_SUCCEEDED = 'UPDATE app_user SET failed_attempts_n = 0, locked_until = NULL WHERE user_id = $id';

function toUser(r: Record<string, unknown>): User {
  if (!isRole(r.role)) throw new Error('app_user holds an unknown role');
  return {
    userId: String(r.user_id),
    username: String(r.username),
    displayName: String(r.display_name),
    role: r.role,
    passwordHash: String(r.password_hash),
    createdAt: r.created_at as Date,
    disabled: Boolean(r.disabled),
    failedAttempts: Number(r.failed_attempts_n),
    lastFailedAt: (r.last_failed_at as Date | null) ?? null,
    lockedUntil: (r.locked_until as Date | null) ?? null,
  };
}

async function one(conn: DuckDBConnection, sql: string, params: Record<string, string>): Promise<User | undefined> {
  const row = (await conn.runAndReadAll(sql, params)).getRowObjectsJS()[0];
  return row ? toUser(row) : undefined;
}

export const findUserByUsername = (conn: DuckDBConnection, username: string) => one(conn, SQL_BY_USERNAME, { username });
export const findUserById = (conn: DuckDBConnection, id: string) => one(conn, SQL_BY_ID, { id });

export async function listUsers(conn: DuckDBConnection): Promise<User[]> {
  return (await conn.runAndReadAll(SQL_LIST)).getRowObjectsJS().map(toUser);
}

export async function countUsers(conn: DuckDBConnection): Promise<number> {
  return Number((await conn.runAndReadAll(SQL_COUNT)).getRows()[0]![0]);
}

export async function countActiveAdmins(conn: DuckDBConnection): Promise<number> {
  return Number((await conn.runAndReadAll(SQL_ACTIVE_ADMINS)).getRows()[0]![0]);
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly now: Date;
}

/** Insert an account; returns its new id. A taken username fails with DuckDB's constraint error. */
export async function insertUser(conn: DuckDBConnection, u: NewUser): Promise<string> {
  const id = randomUUID();
  await conn.run(SQL_INSERT, { id, username: Username.parse(u.username), display_name: u.displayName, role: u.role, hash: u.passwordHash, now_ms: u.now.getTime() });
  return id;
}

export const setRole = (conn: DuckDBConnection, id: string, role: Role) => conn.run(SQL_SET_ROLE, { id, role });
export const setDisabled = (conn: DuckDBConnection, id: string, disabled: boolean) => conn.run(SQL_SET_DISABLED, { id, disabled });
export const setPasswordHash = (conn: DuckDBConnection, id: string, hash: string) => conn.run(SQL_SET_HASH, { id, hash });

export function recordFailure(conn: DuckDBConnection, id: string, failures: number, now: Date, lockedUntil: Date | null) {
  return conn.run(SQL_FAILED, { id, failures, now_ms: now.getTime(), locked_ms: lockedUntil ? lockedUntil.getTime() : null });
}

export const recordSuccess = (conn: DuckDBConnection, id: string) => conn.run(SQL_SUCCEEDED, { id });
