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
import { KeyedMutex } from '../auth/inFlight.ts';

const KEY = 'practice_name';
const SQL_GET = 'SELECT setting_value FROM practice_setting WHERE setting_key = $key';
const SQL_SET = `INSERT INTO practice_setting VALUES ($key, $value, epoch_ms($at_ms::BIGINT), $by)
  ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;

/** The name an admin set in the product, if any. */
export async function storedPracticeName(db: Db): Promise<string | undefined> {
  const row = await db.use(async (c) => (await c.runAndReadAll(SQL_GET, { key: KEY })).getRows()[0]);
  return row ? String(row[0]) : undefined;
}

/** The name for a pack's cover and an email's title (never empty). */
export async function practiceName(db: Db, config: Pick<Config, 'practiceName'>): Promise<string> {
  return (await storedPracticeName(db)) ?? config.practiceName;
}

/** Set the practice's name (1 to 120 characters after trimming); returns it as stored. */
export async function setPracticeName(db: Db, name: string, by: string, at: Date): Promise<string> {
  const value = name.trim();
  if (value.length < 1 || value.length > 120) throw new HttpError(400, 'The practice name must be 1 to 120 characters long.');
  await db.use((c) => c.run(SQL_SET, { key: KEY, value, at_ms: at.getTime(), by }));
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
  // One change at a time: side by side, two upserts of the row conflicted in DuckDB (a server
  // error), and the name in memory could end as the one stored first.
  const changes = new KeyedMutex();
  return {
    current: () => stored ?? config.practiceName,
    isSet: () => stored !== undefined,
    set: (name, by, at) =>
      changes.run(KEY, async () => {
        stored = await setPracticeName(db, name, by, at);
        return stored;
      }),
  };
}
