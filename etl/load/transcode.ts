/**
 * Streams a Windows-1252 file into a UTF-8 copy that DuckDB can read. Memory stays flat;
 * the copy lives in the ETL's temp folder and is removed by the caller after the load.
 * (Latin-1 needs no copy: DuckDB reads it natively with encoding 'latin-1'.)
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';

export async function transcodeToUtf8(path: string, encoding: 'windows-1252', tmpDir: string, name: string): Promise<string> {
  const out = join(tmpDir, `${name}.utf8.csv`);
  await pipeline(createReadStream(path), iconv.decodeStream(encoding), iconv.encodeStream('utf8'), createWriteStream(out));
  return out;
}
