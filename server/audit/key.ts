/**
 * The audit key: 32 random bytes in data/audit.key (owner-only, created on the first start,
 * never in the database), under which every audit entry from the re-keying on is chained by
 * HMAC-SHA256. Whoever can write the DuckDB file but not read this file cannot forge or
 * re-chain an entry. One key per process: the server and the command line set it from the
 * data folder when they open it (server/context.ts, `useAuditKey`); a process that never
 * does (a test on a bare warehouse) chains under a random key of its own, which no later
 * process can verify.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { loadOrCreateKey } from '../../etl/phi/patientKey.ts';

let processKey: Buffer | undefined;

/** The key this process chains and verifies with. */
export function auditKey(): Buffer {
  processKey ??= randomBytes(32);
  return processKey;
}

/** Chain and verify with `key` from now on (the data folder's key). */
export function useAuditKey(key: Buffer): void {
  processKey = key;
}

/** The key file's key; a missing file is created (0600) unless `create` is false (then undefined). */
export function loadAuditKey(keyFile: string, create: boolean): Buffer | undefined {
  return create ? loadOrCreateKey({ keyFile, create: true }) : loadOrCreateKey({ keyFile, create: false });
}

/** Names a key without revealing it: an HMAC of a fixed text, 16 hex characters. */
export const auditKeyFingerprint = (key: Buffer): string => createHmac('sha256', key).update('practiceboard audit-key fingerprint v1').digest('hex').slice(0, 16);
