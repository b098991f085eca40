/**
 * The MFA tables (migration 055): an account's enrolment (sealed secret, confirmation, the last
 * time step used, the second step's failure counters) and its recovery codes (keyed hashes,
 * each marked when used). Every value is bound, never interpolated. Callers serialize the
 * changes of one account (mfa.ts runs them under a per-account mutex).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Enrolment {
  readonly userId: string;
  readonly secretSealed: string;
  readonly confirmed: boolean;
  readonly confirmedAt: Date | null;
  readonly lastStep: number | null;
  readonly failedAttempts: number;
  readonly lastFailedAt: Date | null;
  readonly lockedUntil: Date | null;
}

const SQL_GET = `SELECT user_id, secret_sealed, confirmed_at, last_step, failed_attempts_n, last_failed_at, locked_until
  FROM mfa_enrolment WHERE user_id = $id`;
const SQL_START = `INSERT OR REPLACE INTO mfa_enrolment (user_id, secret_sealed, created_at) VALUES ($id, $sealed, epoch_ms($now_ms::BIGINT))`;
const SQL_CONFIRM = 'UPDATE mfa_enrolment SET confirmed_at = epoch_ms($now_ms::BIGINT), last_step = $step::BIGINT WHERE user_id = $id AND confirmed_at IS NULL';
const SQL_USE_STEP = 'UPDATE mfa_enrolment SET last_step = $step::BIGINT, failed_attempts_n = 0, locked_until = NULL WHERE user_id = $id';
const SQL_SUCCEEDED = 'UPDATE mfa_enrolment SET failed_attempts_n = 0, locked_until = NULL WHERE user_id = $id';
const SQL_FAILED = `UPDATE mfa_enrolment SET failed_attempts_n = $failures, last_failed_at = epoch_ms($now_ms::BIGINT),
  locked_until = CASE WHEN $locked_ms::BIGINT IS NULL THEN NULL ELSE epoch_ms($locked_ms::BIGINT) END WHERE user_id = $id`;
const SQL_DELETE = 'DELETE FROM mfa_enrolment WHERE user_id = $id';
const SQL_DELETE_CODES = 'DELETE FROM mfa_recovery_code WHERE user_id = $id';
const SQL_INSERT_CODE = 'INSERT INTO mfa_recovery_code VALUES ($id, $n, $hmac, NULL)';
const SQL_UNUSED_CODES = 'SELECT code_n, code_hmac FROM mfa_recovery_code WHERE user_id = $id AND used_at IS NULL ORDER BY code_n';
const SQL_USE_CODE = 'UPDATE mfa_recovery_code SET used_at = epoch_ms($now_ms::BIGINT) WHERE user_id = $id AND code_n = $n AND used_at IS NULL';
const SQL_ENROLLED = 'SELECT user_id FROM mfa_enrolment WHERE confirmed_at IS NOT NULL';

export async function findEnrolment(conn: DuckDBConnection, id: string): Promise<Enrolment | undefined> {
  const r = (await conn.runAndReadAll(SQL_GET, { id })).getRowObjectsJS()[0];
  if (!r) return undefined;
  return {
    userId: String(r.user_id),
    secretSealed: String(r.secret_sealed),
    confirmed: r.confirmed_at !== null,
    confirmedAt: (r.confirmed_at as Date | null) ?? null,
    lastStep: r.last_step === null ? null : Number(r.last_step),
    failedAttempts: Number(r.failed_attempts_n),
    lastFailedAt: (r.last_failed_at as Date | null) ?? null,
    lockedUntil: (r.locked_until as Date | null) ?? null,
  };
}

/** A new, unconfirmed enrolment (replacing an unconfirmed one). */
export const startEnrolment = (conn: DuckDBConnection, id: string, sealed: string, now: Date) => conn.run(SQL_START, { id, sealed, now_ms: now.getTime() });

export async function confirmEnrolment(conn: DuckDBConnection, id: string, step: number, hmacs: readonly string[], now: Date): Promise<void> {
  await conn.run(SQL_CONFIRM, { id, step, now_ms: now.getTime() });
  await conn.run(SQL_DELETE_CODES, { id });
  for (const [i, hmac] of hmacs.entries()) await conn.run(SQL_INSERT_CODE, { id, n: i + 1, hmac });
}

/** A code of `step` passed: no code of this step or an earlier one passes again. */
export const useStep = (conn: DuckDBConnection, id: string, step: number) => conn.run(SQL_USE_STEP, { id, step });
export const recordMfaSuccess = (conn: DuckDBConnection, id: string) => conn.run(SQL_SUCCEEDED, { id });
export const recordMfaFailure = (conn: DuckDBConnection, id: string, failures: number, now: Date, lockedUntil: Date | null) =>
  conn.run(SQL_FAILED, { id, failures, now_ms: now.getTime(), locked_ms: lockedUntil ? lockedUntil.getTime() : null });

export async function unusedCodes(conn: DuckDBConnection, id: string): Promise<{ n: number; hmac: string }[]> {
  return (await conn.runAndReadAll(SQL_UNUSED_CODES, { id })).getRows().map((r) => ({ n: Number(r[0]), hmac: String(r[1]) }));
}

export const useCode = (conn: DuckDBConnection, id: string, n: number, now: Date) => conn.run(SQL_USE_CODE, { id, n, now_ms: now.getTime() });

/** Remove an account's enrolment and recovery codes (an admin's reset). */
export async function deleteEnrolment(conn: DuckDBConnection, id: string): Promise<void> {
  await conn.run(SQL_DELETE_CODES, { id });
  await conn.run(SQL_DELETE, { id });
}

export async function enrolledUserIds(conn: DuckDBConnection): Promise<Set<string>> {
  return new Set((await conn.runAndReadAll(SQL_ENROLLED)).getRows().map((r) => String(r[0])));
}
