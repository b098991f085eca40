/**
 * The keys of multi-factor sign-in, kept outside the database. One 32-byte master key in the
 * data folder (`practiceboard-mfa.key`, created on first use, mode 0600; apart from the
 * patient-hash key, and out of reach of DuckDB's sandbox), from which two keys are derived
 * (HKDF-SHA256): one seals TOTP secrets with AES-256-GCM, one hashes recovery codes (HMAC).
 * Guarantees:
 * - a sealed secret opens only with the key and only for the user it was sealed for (the user
 *   id is the AEAD's associated data: a secret copied to another account's row does not open);
 * - a recovery code is stored as HMAC(key, user id ':' code): the database alone cannot test
 *   guesses against it;
 * - nothing here logs or returns a key.
 * Losing the key file makes every enrolment unusable (each needs an admin reset): back it up
 * with the data folder, as the patient-hash key.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateKey } from '../../etl/phi/patientKey.ts';

/** Where the key lives in a data folder. Example: mfaKeyFile('/srv/pb/data') -> '/srv/pb/data/practiceboard-mfa.key'. */
export const mfaKeyFile = (dataDir: string): string => join(dataDir, 'practiceboard-mfa.key');

export interface MfaKeys {
  seal(userId: string, secret: string): string;
  /** The secret sealed for `userId`; throws when the text was not sealed by this key for this user. */
  open(userId: string, sealed: string): string;
  /** The keyed hash of a (normalized) recovery code of `userId`, hex. */
  codeHash(userId: string, code: string): string;
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

export function mfaKeys(master: Buffer): MfaKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const sealKey = derive('practiceboard mfa: totp secret');
  const codeKey = derive('practiceboard mfa: recovery code');
  return {
    seal(userId, secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      cipher.setAAD(Buffer.from(userId, 'utf8'));
      const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `v1.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(ct)}`;
    },
    open(userId, sealed) {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('mfa: not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, unb64(iv));
      decipher.setAAD(Buffer.from(userId, 'utf8'));
      decipher.setAuthTag(unb64(tag));
      return Buffer.concat([decipher.update(unb64(ct)), decipher.final()]).toString('utf8');
    },
    codeHash: (userId, code) => createHmac('sha256', codeKey).update(`${userId}:${code}`, 'utf8').digest('hex'),
  };
}

/** The keys from `keyFile`, created (0600) when missing. Read once, on first use. */
export function lazyMfaKeys(keyFile: string): () => MfaKeys {
  let keys: MfaKeys | undefined;
  return () => (keys ??= mfaKeys(loadOrCreateKey({ keyFile, create: true })));
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
