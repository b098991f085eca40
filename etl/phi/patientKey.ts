/**
 * Patient identifiers never enter the warehouse: they are replaced at load time by
 * HMAC-SHA256(key, id), computed inside DuckDB. The key lives outside the database: in
 * PRACTICEBOARD_HMAC_KEY (64 hex characters) or in a key file created on first use with
 * owner-only permissions. Losing the key means new loads no longer match old patient keys.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../core/errors.ts';

const BLOCK = 64; // SHA-256 block size in bytes

/** The key from the environment or the key file; a missing file is created unless `create` is false (then undefined). */
export function loadOrCreateKey(opts: { envValue?: string; keyFile: string; create: false }): Buffer | undefined;
export function loadOrCreateKey(opts: { envValue?: string; keyFile: string; create?: true }): Buffer;
export function loadOrCreateKey(opts: { envValue?: string; keyFile: string; create?: boolean }): Buffer | undefined {
  if (opts.envValue !== undefined && opts.envValue !== '') {
    if (!/^[0-9a-fA-F]{64}$/.test(opts.envValue)) {
      throw new ConfigError(['PRACTICEBOARD_HMAC_KEY: must be 64 hexadecimal characters (32 bytes)']);
    }
    return Buffer.from(opts.envValue, 'hex');
  }
  try {
    const text = readFileSync(opts.keyFile, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(text)) throw new ConfigError([`${opts.keyFile}: not a PracticeBoard key (64 hex characters)`]);
    if ((statSync(opts.keyFile).mode & 0o077) !== 0) chmodSync(opts.keyFile, 0o600);
    return Buffer.from(text, 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (opts.create === false) return undefined;
  mkdirSync(dirname(opts.keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(opts.keyFile, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** The key's inner and outer pads, bound as parameters of the HMAC SQL expression. */
export function hmacPads(key: Buffer): { hmac_ipad: string; hmac_opad: string } {
  const k = Buffer.alloc(BLOCK);
  key.copy(k);
  const ipad = Buffer.alloc(BLOCK);
  const opad = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = k[i]! ^ 0x36;
    opad[i] = k[i]! ^ 0x5c;
  }
  return { hmac_ipad: ipad.toString('hex'), hmac_opad: opad.toString('hex') };
}

/** HMAC-SHA256 of a text value as DuckDB SQL; `valueSql` must be a VARCHAR expression. */
export const hmacSql = (valueSql: string): string =>
  `sha256(unhex($hmac_opad) || unhex(sha256(unhex($hmac_ipad) || encode(${valueSql}))))`;

/** The same keyed hash in JavaScript, for tests and for looking up one patient's key. */
export function patientKey(key: Buffer, patientId: string): string {
  return createHmac('sha256', key).update(patientId, 'utf8').digest('hex');
}

/**
 * A patient id as the quarantine keeps it: `pk:` and its keyed hash, so a rejected row never
 * shows the raw id, and a corrected row loaded again keeps the same patient (patientKeySql).
 */
export const hashedPatientText = (valueSql: string): string => `('pk:' || ${hmacSql(valueSql)})`;

/** The patient key of an id: its keyed hash, or, for a `pk:` id from the quarantine, the hash it already is. */
export const patientKeySql = (valueSql: string): string =>
  `CASE WHEN regexp_full_match(${valueSql}, 'pk:[0-9a-f]{64}') THEN substr(${valueSql}, 4) ELSE ${hmacSql(valueSql)} END`;
