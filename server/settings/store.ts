/**
 * The practice's settings as stored: one row per key in practice_setting (the value as text,
 * when and by whom it was set). Changes of a key run one at a time in this process (the only
 * one holding the warehouse): side by side, two upserts of the row conflicted in DuckDB (a server
 * error), and a value kept in memory could end as the one stored first. `then` runs in turn,
 * right after its write, so a copy in memory follows the order of the writes.
 */
import type { Db } from '../../core/db.ts';
import { KeyedMutex } from '../auth/inFlight.ts';

const SQL_GET = 'SELECT setting_value FROM practice_setting WHERE setting_key = $key';
const SQL_SET = `INSERT INTO practice_setting VALUES ($key, $value, epoch_ms($at_ms::BIGINT), $by)
  ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;

const changes = new KeyedMutex();

/** The stored value of `key`, if it was ever set. */
export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.use(async (c) => (await c.runAndReadAll(SQL_GET, { key })).getRows()[0]);
  return row ? String(row[0]) : undefined;
}

/** Store `value` under `key`, set by `by` at `at`; then `then()`, before the next change of `key`. */
export function writeSetting<T>(db: Db, key: string, value: string, by: string, at: Date, then: () => T): Promise<T> {
  return changes.run(key, async () => {
    await db.use((c) => c.run(SQL_SET, { key, value, at_ms: at.getTime(), by }));
    return then();
  });
}
