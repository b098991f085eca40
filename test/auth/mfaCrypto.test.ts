/**
 * The sealing of TOTP secrets and the keyed hash of recovery codes (server/auth/mfaCrypto.ts):
 * a sealed secret opens with its key for its own user only; a tampered one does not open; the
 * key file is created owner-only and read back the same; recovery-code hashes depend on the key
 * and the user. Expected hashes are computed here with node:crypto from the key file's bytes.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyMfaKeys, mfaKeyFile, mfaKeys } from '../../server/auth/mfaCrypto.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('sealed TOTP secrets', () => {
  it('open for their own user with their own key only, and not after tampering', () => {
    const keys = mfaKeys(Buffer.alloc(32, 7));
    const sealed = keys.seal('user-a', SECRET);
    expect(sealed).not.toContain(SECRET);
    expect(keys.open('user-a', sealed)).toBe(SECRET);
    expect(keys.seal('user-a', SECRET)).not.toBe(sealed); // a fresh IV each time
    expect(() => keys.open('user-b', sealed)).toThrow(); // moved to another account's row
    expect(() => mfaKeys(Buffer.alloc(32, 8)).open('user-a', sealed)).toThrow(); // another key
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => keys.open('user-a', [v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });

  it('keeps the key in a 0600 file of the data folder, read back the same', () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-mfa-key-'));
    const file = mfaKeyFile(dir);
    const sealed = lazyMfaKeys(file)().seal('user-a', SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lazyMfaKeys(file)().open('user-a', sealed)).toBe(SECRET); // a restart reads the same key
    // The recovery-code hash: HMAC-SHA256 under HKDF(master, 'practiceboard mfa: recovery code').
    const master = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    const codeKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'practiceboard mfa: recovery code', 32));
    const expected = createHmac('sha256', codeKey).update('user-a:abcdefghij').digest('hex');
    expect(lazyMfaKeys(file)().codeHash('user-a', 'abcdefghij')).toBe(expected);
    expect(lazyMfaKeys(file)().codeHash('user-b', 'abcdefghij')).not.toBe(expected);
  });
});
