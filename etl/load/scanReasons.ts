/**
 * Why the record scan (records.ts) does not hand a record on, in words a user reads after
 * `record ` (the reject's reason names the rule, never the record's values). A record of the
 * header's width can still be refused for its bytes (`recordFlaw`).
 */
import { isUtf8 } from 'node:buffer';

/** The reject reason of a record whose bytes are not UTF-8 under a UTF-8 profile. */
export const NOT_UTF8 = 'has bytes that are not valid UTF-8 (the encoding of the profile)';

/** The reject reason of a record with `n` fields under a header of `columns` (n !== columns). */
export const fieldCountReason = (n: number, columns: number): string => `has ${n < columns ? 'fewer' : 'more'} fields than the header's ${columns}`;

/**
 * What is wrong with the bytes of the record `buf[s, e)`, or undefined: a NUL byte (`nul`), a
 * byte-order mark at its start or bytes invalid in UTF-8 (looked for only when `high`: it may
 * hold a byte >= 0x80).
 */
export function recordFlaw(buf: Buffer, s: number, e: number, nul: boolean, high: boolean, encoding: 'utf-8' | 'latin-1' | 'windows-1252'): string | undefined {
  if (nul) return 'holds a NUL byte (0x00)';
  if (!high) return undefined;
  if (buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) return 'starts with a byte-order mark inside the file (two exports joined into one?)';
  if (encoding === 'utf-8' && !isUtf8(buf.subarray(s, e))) return NOT_UTF8;
  if (encoding === 'windows-1252') {
    for (let i = s; i < e; i++) {
      const b = buf[i]!;
      if (UNDEFINED_1252.has(b)) return `has a byte (0x${b.toString(16).toUpperCase()}) that Windows-1252, the encoding of the profile, does not define (is the file in another encoding?)`;
    }
  }
  return undefined;
}

/**
 * The five bytes Windows-1252 leaves undefined: a decoder turns them into U+FFFD, so a name
 * with one loaded as `M\uFFFDller` instead of being rejected as bytes invalid in the encoding.
 */
const UNDEFINED_1252: ReadonlySet<number> = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
