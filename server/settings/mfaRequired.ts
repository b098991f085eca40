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
import { readSetting, writeSetting } from './store.ts';

const KEY = 'mfa_required_staff';

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
  let on = (await readSetting(db, KEY)) === 'on';
  return {
    current: () => on,
    requires: (role) => on && MFA_REQUIRED_ROLES.includes(role),
    set: (value, by, at) => writeSetting(db, KEY, value ? 'on' : 'off', by, at, () => void (on = value)),
  };
}
