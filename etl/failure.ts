/**
 * Failures a practice manager can act on: an error from the file system or from DuckDB is
 * named by its cause (disk full, read-only folder, no permission, a folder given as a file, a
 * damaged warehouse) with what to do, instead of "IO Error" or "TransactionContext Error".
 * The text never quotes a value from a file (DuckDB's own text is not passed on).
 */
import { safeDuckDbMessage } from '../core/errors.ts';

export interface Failure {
  readonly code: string;
  /** One sentence: the cause and what to do. */
  readonly message: string;
}

const RULES: readonly { code: string; errno: readonly string[]; text: RegExp; say: string }[] = [
  {
    code: 'DISK_FULL',
    errno: ['ENOSPC', 'EDQUOT'],
    text: /No space left on device|disk is full|quota exceeded/i,
    say: 'the disk holding the data folder is full. Free some space',
  },
  {
    code: 'READ_ONLY',
    errno: ['EROFS'],
    text: /Read-only file system|read-only mode/i,
    say: 'the data folder is on a read-only file system. Make it writable',
  },
  {
    code: 'NO_PERMISSION',
    errno: ['EACCES', 'EPERM'],
    text: /Permission denied|Operation not permitted/i,
    say: 'PracticeBoard may not write to the data folder (permission denied). Give the account running it write access',
  },
  {
    code: 'NOT_A_FILE',
    errno: ['EISDIR'],
    text: /Is a directory/i,
    say: 'a folder was given where a file was expected. Give the path of a CSV file',
  },
  {
    code: 'WAREHOUSE_DAMAGED',
    errno: [],
    text: /Corrupt|checksum|not a valid DuckDB database|Could not read enough bytes|database file .* is not|INTERNAL Error|invalidated|FATAL Error/i,
    say: 'the warehouse file appears damaged. Stop PracticeBoard and restore the warehouse file (data/practiceboard.duckdb) from your backup',
  },
];

/** The cause of `err` if it is a known one, else undefined. */
export function knownFailure(err: unknown): Failure | undefined {
  const errno = (err as { code?: unknown })?.code;
  const text = err instanceof Error ? err.message : String(err);
  const rule = RULES.find((r) => (typeof errno === 'string' && r.errno.includes(errno)) || r.text.test(text));
  return rule ? { code: rule.code, message: rule.say } : undefined;
}

/** The cause and remedy, or for an unknown error its safe summary ("the load failed (IO Error)"). */
export function describeFailure(err: unknown, what = 'the load'): Failure {
  const errno = (err as { code?: unknown })?.code;
  const summary = typeof errno === 'string' && /^E[A-Z]+$/.test(errno) ? `file system error ${errno}` : safeDuckDbMessage(err);
  return knownFailure(err) ?? { code: 'LOAD_FAILED', message: `${what} failed (${summary})` };
}
