/**
 * Password hashing with Node's built-in scrypt at OWASP's current parameters (N = 2^17, r = 8,
 * p = 1), a 32-byte random salt and a 32-byte key. The parameters are stored with the hash as a
 * PHC string, `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64), so they can be raised later:
 * `needsRehash` tells sign-in to re-hash a password kept at weaker ones. Comparison is in
 * constant time. At most two hashes run at once: each takes 128 MiB and a libuv thread.
 *
 * Why scrypt and not argon2id: it is in Node itself (no native add-on to build or ship), and
 * OWASP lists it at these parameters as an equal choice where argon2id is not available.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordParams {
  /** log2 of the CPU/memory cost N. Example: 17 (N = 131072). */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
  readonly saltBytes: number;
  readonly keyBytes: number;
}

/** OWASP Password Storage Cheat Sheet, scrypt. */
export const PASSWORD_PARAMS: PasswordParams = { logN: 17, r: 8, p: 1, saltBytes: 32, keyBytes: 32 };

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function derive(password: string, salt: Buffer, p: Omit<PasswordParams, 'saltBytes'>): Promise<Buffer> {
  const N = 2 ** p.logN;
  // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is below OWASP's parameters.
  const options: ScryptOptions = { N, r: p.r, p: p.p, maxmem: 2 * 128 * N * p.r };
  return limited(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, p.keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string, params: PasswordParams = PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(params.saltBytes);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface ParsedHash {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

export function parseHash(stored: string): ParsedHash | undefined {
  const m = PHC.exec(stored);
  if (!m) return undefined;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 10 || logN > 22 || r < 1 || p < 1) return undefined;
  return { logN, r, p, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

/** True when `password` is the one hashed in `stored`; false for a wrong one or a bad hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h || password.length > MAX_PASSWORD_LENGTH) return false;
  const key = await derive(password, h.salt, { logN: h.logN, r: h.r, p: h.p, keyBytes: h.key.length });
  return timingSafeEqual(key, h.key);
}

/** True when `stored` was made with weaker parameters than `params`. */
export function needsRehash(stored: string, params: PasswordParams = PASSWORD_PARAMS): boolean {
  const h = parseHash(stored);
  return !h || h.logN < params.logN || h.r < params.r || h.p < params.p || h.salt.length < params.saltBytes || h.key.length < params.keyBytes;
}

/** A random password for a new account or a reset: 24 characters, 144 bits. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
