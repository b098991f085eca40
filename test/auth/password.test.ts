/**
 * Password hashing: a round trip at the real OWASP parameters, the parameters stored with the
 * hash, random salts, constant-format refusals of damaged hashes, and re-hash detection.
 */
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, parseHash, PASSWORD_PARAMS, randomPassword, verifyPassword } from '../../server/auth/password.ts';
import { TEST_PARAMS } from './authApp.ts';

describe('password hashing', () => {
  it('uses scrypt at N=2^17, r=8, p=1 with a 32-byte salt and key, and verifies only the right password', async () => {
    expect(PASSWORD_PARAMS).toEqual({ logN: 17, r: 8, p: 1, saltBytes: 32, keyBytes: 32 });
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{43}=\$[A-Za-z0-9+/]{43}=$/);
    const h = parseHash(stored)!;
    expect([h.logN, h.r, h.p, h.salt.length, h.key.length]).toEqual([17, 8, 1, 32, 32]);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here', TEST_PARAMS), hashPassword('same password here', TEST_PARAMS)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('reads the parameters from the stored hash, so hashes made at older ones still verify and are flagged for re-hashing', async () => {
    const old = await hashPassword('an older password', TEST_PARAMS);
    expect(old.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('an older password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, TEST_PARAMS)).toBe(false);
  });

  it('refuses damaged or foreign hashes instead of throwing', async () => {
    const good = await hashPassword('another password', TEST_PARAMS);
    expect(await verifyPassword('another password', good.replace('ln=10', 'ln=11'))).toBe(false);
    expect(await verifyPassword('another password', '$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
    expect(await verifyPassword('another password', '')).toBe(false);
    expect(await verifyPassword('x'.repeat(2000), good)).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
  });

  it('makes random passwords of 24 URL-safe characters', () => {
    const a = randomPassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(randomPassword()).not.toBe(a);
  });
});
