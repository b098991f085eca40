/**
 * One streaming pass over a file's bytes: its SHA-256 (the file's identity in the manifest,
 * so a renamed re-delivery is still recognized) and its size. Memory stays flat whatever the
 * file size; nothing is parsed (records, lines and totals are the record scan's: records.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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
