/**
 * UTF-16 files (Excel's "Unicode text", some vendors' exports) are recognized by their
 * byte-order mark or, without one, by their pattern of zero bytes, and streamed into a UTF-8
 * copy in the ETL's temp folder (memory stays flat; the caller removes the copy after the
 * load). Single-byte encodings need no copy: the record scan decodes them field by field.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';

export type Utf16 = 'utf-16le' | 'utf-16be';

const SAMPLE = 4096;

/** UTF-16 by its BOM, or by zero bytes in most odd (LE) or even (BE) positions of the first 4 KB of mostly ASCII text. */
export async function detectUtf16(path: string): Promise<{ encoding: Utf16; bom: boolean } | undefined> {
  const fh = await open(path, 'r');
  let b: Buffer;
  try {
    const buf = Buffer.alloc(SAMPLE);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE, 0);
    b = buf.subarray(0, bytesRead - (bytesRead % 2));
  } finally {
    await fh.close();
  }
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (b.length < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < b.length; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = b.length / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', bom: false };
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', bom: false };
  return undefined;
}

/** A surrogate code unit without its partner: not a character, invalid in UTF-16. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A byte no UTF-8 text holds: the record scan rejects the record that has it as invalid in the encoding. */
const INVALID_UTF8 = Buffer.from([0xff]);

/**
 * UTF-8 of decoded UTF-16 text, a lone surrogate written as a byte invalid in UTF-8 (0xFF), so
 * the scan rejects its record at its line: encoded as it is, it became U+FFFD and loaded (the
 * decoder keeps a pair split across reads together, so a surrogate alone in a chunk is alone).
 */
export function utf8MarkingLoneSurrogates(text: string): Buffer {
  if (!LONE_SURROGATE.test(text)) return Buffer.from(text, 'utf8');
  return Buffer.concat(text.split(LONE_SURROGATE).flatMap((part, i) => (i === 0 ? [Buffer.from(part, 'utf8')] : [INVALID_UTF8, Buffer.from(part, 'utf8')])));
}

/** A UTF-8 copy of a UTF-16 file (its BOM dropped), in `tmpDir`. */
export async function transcodeToUtf8(path: string, encoding: Utf16, tmpDir: string, name: string): Promise<string> {
  const out = join(tmpDir, `${name}.utf8.csv`);
  const toUtf8 = new Transform({ writableObjectMode: true, transform: (text: string, _enc, done) => done(null, utf8MarkingLoneSurrogates(String(text))) });
  await pipeline(createReadStream(path), iconv.decodeStream(encoding === 'utf-16le' ? 'utf16le' : 'utf16be'), toUtf8, createWriteStream(out, { mode: 0o600 }));
  return out;
}
