/**
 * The file a load reads, watched: its size and time when the load began, whether it changed
 * since (size or time: a file still being written), and whether DuckDB's restriction to
 * the project's folders allows reading it (a link out of them is refused).
 */
import { realpathSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LoadError } from '../errors.ts';
import { knownFailure } from '../failure.ts';

/**
 * The record scan reads files in Node, so DuckDB's restriction to the project's folders is
 * asked first: the file's real path (a link resolved) must be one DuckDB may read.
 */
export async function checkReadable(conn: DuckDBConnection, path: string, fileName: string): Promise<void> {
  try {
    await conn.runAndReadAll('SELECT size FROM read_blob($path)', { path: realpathSync(path) });
  } catch (err) {
    if (knownFailure(err)) throw err;
    throw new LoadError('LOAD_FAILED', fileName, 'the file (or the file a link points to) is outside the folders PracticeBoard may read; copy it into the inbox instead of linking it');
  }
}

export interface FileState {
  readonly size: number;
  readonly mtimeMs: number;
  readonly isDirectory: boolean;
}

export const fileState = (path: string): FileState => {
  const st = statSync(path);
  return { size: st.size, mtimeMs: st.mtimeMs, isDirectory: st.isDirectory() };
};

export interface FileInput {
  /** The file as given, and the file read (a UTF-8 copy of a UTF-16 file). */
  readonly path: string;
  readonly readPath: string;
  readonly before: FileState;
  /** readPath is a transcoded UTF-8 copy, whatever the profile's encoding. */
  readonly utf8: boolean;
}

/** A file whose size or time changed since the load began is still being written. */
export function changedSince(file: FileInput): boolean {
  const now = fileState(file.path);
  return now.size !== file.before.size || now.mtimeMs !== file.before.mtimeMs;
}

