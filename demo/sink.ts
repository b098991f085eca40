/**
 * Writes a file from a lazily produced sequence of lines, in chunks of about 64 KiB, through a
 * stream pipeline: lines are only produced as fast as the disk takes them (backpressure), so
 * a file of any size is written in constant memory. An optional encoder turns each chunk into
 * bytes (a legacy code page).
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK_CHARS = 1 << 16;

function* chunks(lines: Iterable<string>, encode?: (text: string) => Uint8Array): Generator<string | Uint8Array> {
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= CHUNK_CHARS) {
      yield encode ? encode(buf) : buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield encode ? encode(buf) : buf;
}

export async function writeLines(path: string, lines: Iterable<string>, encode?: (text: string) => Uint8Array): Promise<void> {
  // Room for a few chunks in flight lets the next chunk be built while the disk writes the last.
  await pipeline(Readable.from(chunks(lines, encode)), createWriteStream(path, { highWaterMark: 4 * CHUNK_CHARS }));
}
