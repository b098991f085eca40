/**
 * The synchronous fingerprint the inbox writes receipts with reads a file in pieces, never
 * whole (a 5.6 GB ledger once made the receipt's readFileSync throw after its load had
 * committed). Expected hashes come from node:crypto over the whole bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, fingerprintSync } from '../../etl/load/fingerprint.ts';
import { Rng } from '../../demo/random.ts';

const dir = mkdtempSync(join(tmpdir(), 'pb-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fingerprintSync', () => {
  it('hashes a file read in pieces that do not divide it exactly as the whole bytes hash', async () => {
    const rng = new Rng(11);
    const bytes = Buffer.from(Array.from({ length: 10_007 }, () => Math.floor(rng.next() * 256)));
    const file = join(dir, 'f.csv');
    writeFileSync(file, bytes);
    const whole = createHash('sha256').update(bytes).digest('hex');
    for (const chunk of [1, 999, 10_007, 1 << 20]) expect(fingerprintSync(file, chunk)).toEqual({ sha256: whole, sizeBytes: 10_007 });
    // The same identity the loader's streaming fingerprint gives (the receipt may reuse it).
    expect(await fingerprint(file)).toEqual({ sha256: whole, sizeBytes: 10_007 });
  });

  it('hashes an empty file', () => {
    const file = join(dir, 'empty.csv');
    writeFileSync(file, '');
    expect(fingerprintSync(file)).toEqual({ sha256: createHash('sha256').update('').digest('hex'), sizeBytes: 0 });
  });
});
