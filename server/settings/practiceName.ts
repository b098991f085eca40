/**
 * The practice's name on board packs and emails: the name an admin set (Admin > Settings,
 * stored in the warehouse), else the configured one (PRACTICEBOARD_PRACTICE_NAME or
 * `practiceName` in the configuration), else the demo practice's name while the demo is on,
 * else the words "Practice name not set", so a pack never carries another practice's name.
 * Example: `await practiceName(ctx.pool, ctx.config)` -> 'Riverside Medical Group'.
 */
import type { Db } from '../../core/db.ts';
import { HttpError } from '../../core/errors.ts';
import type { Config } from '../config.ts';
import { readSetting, writeSetting } from './store.ts';

const KEY = 'practice_name';

/** The name an admin set in the product, if any. */
export const storedPracticeName = (db: Db): Promise<string | undefined> => readSetting(db, KEY);

/** The name for a pack's cover and an email's title (never empty). */
export async function practiceName(db: Db, config: Pick<Config, 'practiceName'>): Promise<string> {
  return (await storedPracticeName(db)) ?? config.practiceName;
}

/** A name as it is stored: 1 to 120 characters after trimming. */
function validName(name: string): string {
  const value = name.trim();
  if (value.length < 1 || value.length > 120) throw new HttpError(400, 'The practice name must be 1 to 120 characters long.');
  return value;
}

/** The current name, kept in memory for pages read per request, and changed through `set`. */
export interface PracticeNameSetting {
  current(): string;
  /** Whether an admin has set it (else `current()` is the configured fallback). */
  isSet(): boolean;
  set(name: string, by: string, at: Date): Promise<string>;
}

export async function practiceNameSetting(db: Db, config: Pick<Config, 'practiceName'>): Promise<PracticeNameSetting> {
  let stored = await storedPracticeName(db);
  return {
    current: () => stored ?? config.practiceName,
    isSet: () => stored !== undefined,
    async set(name, by, at) {
      const value = validName(name);
      return writeSetting(db, KEY, value, by, at, () => (stored = value));
    },
  };
}
