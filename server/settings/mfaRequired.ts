/**
 * The practice setting "require multi-factor sign-in for admin and manager" (Admin > Settings),
 * stored in practice_setting like the practice's name, key `mfa_required_staff`, value 'on' or
 * 'off'. Off until an admin turns it on (a fresh demo install starts without it, so the first
 * sign-in works with the printed password alone). When on, an admin or manager who has not
 * enrolled is sent to enrolment after the password step and reaches nothing else until enrolled
 * (server/auth/mfaGuard.ts). The value is kept in memory: read at start, changed through `set`.
 * Example: `(await mfaRequiredSetting(db)).current()` -> false.
 */
import type { Db } from '../../core/db.ts';
import type { Role } from '../auth/roles.ts';
import { KeyedMutex } from '../auth/inFlight.ts';

const KEY = 'mfa_required_staff';
const SQL_GET = 'SELECT setting_value FROM practice_setting WHERE setting_key = $key';
const SQL_SET = `INSERT INTO practice_setting VALUES ($key, $value, epoch_ms($at_ms::BIGINT), $by)
  ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;

/** The roles the setting requires to enrol. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['admin', 'manager'];

export interface MfaRequiredSetting {
  /** Whether admins and managers must use multi-factor sign-in. */
  current(): boolean;
  /** Whether the setting requires multi-factor sign-in of `role`. */
  requires(role: Role): boolean;
  set(on: boolean, by: string, at: Date): Promise<void>;
}

export async function mfaRequiredSetting(db: Db): Promise<MfaRequiredSetting> {
  const row = await db.use(async (c) => (await c.runAndReadAll(SQL_GET, { key: KEY })).getRows()[0]);
  let on = row ? String(row[0]) === 'on' : false;
  // One change at a time: side by side, two upserts of the row conflicted in DuckDB (a server
  // error), and the value in memory could end as the one stored first.
  const changes = new KeyedMutex();
  return {
    current: () => on,
    requires: (role) => on && MFA_REQUIRED_ROLES.includes(role),
    set: (value, by, at) =>
      changes.run(KEY, async () => {
        await db.use((c) => c.run(SQL_SET, { key: KEY, value: value ? 'on' : 'off', at_ms: at.getTime(), by }));
        on = value;
      }),
  };
}
