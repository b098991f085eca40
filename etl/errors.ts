/**
 * The typed errors of PracticeBoard. Each carries what a person needs to act (the file, the
 * line, the field) and never a raw data row: DuckDB's own messages quote CSV lines, so they
 * pass through `safeDuckDbMessage` before they reach a log, a user or an email.
 */

export class PracticeBoardError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A profile file that cannot be used. */
export class ProfileError extends PracticeBoardError {
  constructor(
    readonly origin: string,
    problem: string,
  ) {
    super('PROFILE_INVALID', `profile ${origin}: ${problem}`);
  }
}

/** A file that cannot be loaded at all (as opposed to rows rejected within it). */
export class LoadError extends PracticeBoardError {
  constructor(
    code: string,
    readonly file: string,
    problem: string,
    readonly line?: number,
  ) {
    super(code, `${file}${line !== undefined ? `, line ${line}` : ''}: ${problem}`);
  }
}

/** The warehouse is held by another process (normally the running server). */
export class WarehouseLockedError extends PracticeBoardError {
  constructor(readonly path: string) {
    super(
      'WAREHOUSE_LOCKED',
      `the warehouse ${path} is in use by another PracticeBoard process (is the server running?). ` +
        'Stop it, or use the server: ETL runs inside the server on its schedule, and `practiceboard etl run` hands work to a running server.',
    );
  }
}

export class ConfigError extends PracticeBoardError {
  constructor(problems: readonly string[]) {
    super('CONFIG_INVALID', `invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * DuckDB error text with every quoted data line removed. DuckDB quotes the offending CSV
 * line ("Original Line: ...") and sometimes values; none of that may reach a log.
 * Keeps only the first line of the message, minus anything after a colon-quoted value.
 */
export function safeDuckDbMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const first = raw.split('\n', 1)[0] ?? '';
  const kind = /^([A-Za-z ]+Error)/.exec(first)?.[1] ?? 'DuckDB error';
  const lineNo = /CSV Error on Line: (\d+)/.exec(raw)?.[1];
  // Only well-known, data-free phrases are passed on; everything else is summarized by kind.
  const known = [
    'Could not set lock on file',
    'Conflicting lock is held',
    'No files found that match the pattern',
    'Out of Memory Error',
    'Unterminated quote',
    'Value with unterminated quote found',
    'Maximum line size',
    'Invalid unicode',
  ].find((k) => raw.includes(k));
  return [kind, known, lineNo ? `near line ${lineNo}` : undefined].filter(Boolean).join(': ');
}
