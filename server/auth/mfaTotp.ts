/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: SHA-1, 6 digits,
 * 30-second steps, a 160-bit secret, through the `otpauth` library. A code is accepted in its
 * own step or one step either side (clocks drift); `matchStep` says which step it matched, so
 * the caller can refuse a step already used (replay). Recovery codes: 10 per enrolment, 10
 * characters of the RFC 4648 base32 alphabet each (50 bits), shown as `xxxxx-xxxxx`; what a
 * person types is normalized (case, spaces, dashes) before it is compared.
 */
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODES_N = 10;
const ISSUER = 'PracticeBoard';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const totp = (secret: string, label = 'account') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });

/** A new random secret, base32 (160 bits). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, username: string): string => totp(secret, username).toString();

/** The time step of an instant. */
export const stepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_S);

/** The time step `code` belongs to (now, or one step either side), or undefined when it is no code of `secret`. */
export function matchStep(secret: string, code: string, at: Date): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totp(secret).validate({ token, timestamp: at.getTime(), window: 1 });
  return delta === null ? undefined : stepAt(at) + delta;
}

/** The secret as shown for typing in by hand: groups of four. */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Ten new recovery codes, as shown once: `abcde-fghij`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES_N }, () => {
    const s = Array.from({ length: 10 }, () => BASE32[randomInt(32)]).join('').toLowerCase();
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** A typed recovery code in the form it is hashed in, or undefined when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | undefined {
  const s = typed.replace(/[\s-]/g, '').toLowerCase();
  return /^[a-z2-7]{10}$/.test(s) ? s : undefined;
}
