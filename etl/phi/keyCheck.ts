/**
 * The warehouse remembers which patient-hash key made its patient keys (a fingerprint: an
 * HMAC of a fixed text, from which the key cannot be recovered). Once the warehouse holds
 * hashed patient ids, a load or a start with a different or missing key is refused with a
 * message saying what to restore: a new key would silently count every patient twice.
 */
import { createHmac } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../../core/errors.ts';

export const keyFingerprint = (key: Buffer): string => createHmac('sha256', key).update('practiceboard patient-key fingerprint v1').digest('hex').slice(0, 16);

const STORED_SQL = 'SELECT fingerprint FROM etl_key ORDER BY recorded_at DESC LIMIT 1';
const HOLDS_IDS_SQL = 'SELECT (EXISTS (SELECT 1 FROM fact_billing_txn) OR EXISTS (SELECT 1 FROM fact_appointment))';
const RECORD_SQL = 'INSERT INTO etl_key VALUES ($fp, now()::TIMESTAMP)';
const FORGET_SQL = 'DELETE FROM etl_key';

export class KeyMismatchError extends PracticeBoardError {
  constructor(problem: string) {
    // 503: the service cannot load until the right key is back; the message is safe to show.
    super('KEY_MISMATCH', problem, { status: 503 });
  }
}

export async function storedKeyFingerprint(conn: DuckDBConnection): Promise<string | undefined> {
  const row = (await conn.runAndReadAll(STORED_SQL)).getRows()[0];
  return row ? String(row[0]) : undefined;
}

export async function holdsHashedIds(conn: DuckDBConnection): Promise<boolean> {
  return (await conn.runAndReadAll(HOLDS_IDS_SQL)).getRows()[0]![0] === true;
}

/**
 * Check `key` against the warehouse: the same fingerprint passes; a different one is refused
 * when patient keys exist (else the new key is recorded); a warehouse without a fingerprint
 * records this key's.
 */
export async function verifyKey(conn: DuckDBConnection, key: Buffer, where: string): Promise<void> {
  const fp = keyFingerprint(key);
  const stored = await storedKeyFingerprint(conn);
  if (stored === fp) return;
  if (stored !== undefined && (await holdsHashedIds(conn))) {
    throw new KeyMismatchError(
      `${where}: the patient-hash key (fingerprint ${fp}) is not the key this warehouse's patient ids were hashed with (fingerprint ${stored}). ` +
        'Restore the original key file (data/practiceboard.key) or PRACTICEBOARD_HMAC_KEY from your backup; a new key would count every patient twice. Nothing was loaded.',
    );
  }
  if (stored !== undefined) await conn.run(FORGET_SQL);
  await conn.run(RECORD_SQL, { fp });
}
