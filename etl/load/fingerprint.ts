/**
 * One streaming pass over a file's bytes: its SHA-256 (the file's identity in the manifest,
 * so a renamed re-delivery is still recognized) and its size. Memory stays flat whatever the
 * file size; nothing is parsed (records, lines and totals are the record scan's: records.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

export interface Fingerprint {
  readonly sha256: string;
  readonly sizeBytes: number;
}

export async function fingerprint(path: string): Promise<Fingerprint> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes: size };
}

/**
 * The same, read synchronously in `chunkBytes` pieces (for callers that are synchronous: the
 * inbox's receipts and purges). Never the whole file in memory: a file of several GB (a
 * 50,000,000-row ledger is 5.6 GB) once made `readFileSync` throw past 2 GiB after its load.
 */
export function fingerprintSync(path: string, chunkBytes = 4 << 20): Fingerprint {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(chunkBytes);
  const fd = openSync(path, 'r');
  let size = 0;
  try {
    for (let n = readSync(fd, buf, 0, chunkBytes, null); n > 0; n = readSync(fd, buf, 0, chunkBytes, null)) {
      hash.update(buf.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), sizeBytes: size };
}
