/**
 * The base errors of PracticeBoard, below every other layer. Each carries what a person needs to act (the file, the
 * line, the field) and never a raw data row: DuckDB's own messages quote CSV lines, so they
 * pass through `safeDuckDbMessage` before they reach a log, a user or an email.
 */

export interface ErrorOptions {
  /** The HTTP status a response carries when this error ends a request; 500 when absent. */
  readonly status?: number;
  /** Further safe lines (each names a bad field or value the user typed, never data). */
  readonly details?: readonly string[];
  readonly cause?: unknown;
}

export class PracticeBoardError extends Error {
  readonly status: number | undefined;
  readonly details: readonly string[];
  constructor(
    readonly code: string,
    message: string,
    opts: ErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.status = opts.status;
    this.details = opts.details ?? [];
  }
}

/**
 * An error that ends a request with a given HTTP status and a message safe to show (it names
 * the bad parameter, never data). The app's error handler maps every PracticeBoardError to a
 * response in one place; any other error is a 500.
 */
export class HttpError extends PracticeBoardError {
  declare readonly status: number;
  constructor(status: number, message: string, details: readonly string[] = []) {
    super(`HTTP_${status}`, message, { status, details });
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

/**
 * What a log may say about any error: its class, code and a message that cannot carry a row.
 * A PracticeBoardError's message is safe by construction (it names files, lines and fields);
 * any other error's text is reduced the way DuckDB's is, since a library may quote data.
 * Example: `{ class: 'Error', code: undefined, message: 'Error' }` for a Plot failure.
 */
export function describeError(err: unknown): { class: string; code: string | undefined; message: string } {
  if (err instanceof PracticeBoardError) return { class: err.name, code: err.code, message: err.message };
  const name = err instanceof Error ? err.constructor.name || err.name : typeof err;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined;
  const text = err instanceof Error ? err.message : String(err);
  if (/^[A-Za-z ]+Error:/.test(text)) return { class: name, code, message: safeDuckDbMessage(err) };
  // A library's own message: its first line, with anything quoted (a value) cut out.
  const first = (text.split('\n', 1)[0] ?? '').replace(/(["'`]).*?\1/g, '…').slice(0, 160);
  return { class: name, code, message: first };
}
