/**
 * One streaming pass over a file's bytes: its SHA-256 (the file's identity in the manifest,
 * so a renamed re-delivery is still recognized), its physical line count and where its blank
 * lines are. Memory stays flat whatever the file size; nothing is parsed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface Fingerprint {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Number of physical lines (a final line without a newline counts). */
  readonly lineCount: number;
  /** 1-based physical line numbers of empty lines (nothing but a line ending). */
  readonly blankLines: readonly number[];
  readonly newline: '\n' | '\r\n' | '\r';
}

const LF = 0x0a;
const CR = 0x0d;

export async function fingerprint(path: string): Promise<Fingerprint> {
  const hash = createHash('sha256');
  let size = 0;
  let lines = 0; // line terminators seen
  let lastByte = -1;
  let lineStartLen = 0; // bytes seen since the last terminator (capped at 2)
  let prevWasCR = false;
  let newline: Fingerprint['newline'] | undefined;
  const blank: number[] = [];
  // Newline style is decided by the first terminator; lone-CR files (old Mac) count CRs.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (newline === undefined) {
      const lf = chunk.indexOf(LF);
      const cr = chunk.indexOf(CR);
      if (lf >= 0 && (cr < 0 || cr >= lf - 1)) newline = cr === lf - 1 && cr >= 0 ? '\r\n' : '\n';
      else if (cr >= 0 && cr < chunk.length - 1) newline = '\r';
    }
    const term = newline === '\r' ? CR : LF;
    let pos = 0;
    for (;;) {
      const i = chunk.indexOf(term, pos);
      if (i < 0) break;
      // Length of the line just ended, ignoring a CR before the LF.
      const segment = i - pos + (pos === 0 ? lineStartLen : 0);
      const contentLen = term === LF && (i > 0 ? chunk[i - 1] === CR : prevWasCR) ? segment - 1 : segment;
      lines += 1;
      if (contentLen === 0) blank.push(lines);
      pos = i + 1;
    }
    lineStartLen = pos === 0 ? Math.min(lineStartLen + chunk.length, 2) : Math.min(chunk.length - pos, 2);
    prevWasCR = chunk[chunk.length - 1] === CR;
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
  }
  const terminated = lastByte === LF || lastByte === CR;
  return {
    sha256: hash.digest('hex'),
    sizeBytes: size,
    lineCount: lines + (size > 0 && !terminated ? 1 : 0),
    blankLines: blank,
    newline: newline ?? '\n',
  };
}
