/**
 * What one load did, as recorded in etl_run and shown by the CLI, the server and emails.
 * Counts obey rows_read = rows_loaded + rows_rejected; trailer rows ("Total") are not data
 * rows and are counted apart. Warnings are rows that loaded but deserve a look, as counts.
 */
import type { LoadWarning } from './warnings.ts';

export type RunStatus = 'loaded' | 'rejected' | 'duplicate' | 'failed';

export interface RejectSummary {
  readonly line: number;
  readonly column: string | null;
  readonly reason: string;
}

export interface LoadReport {
  readonly runId: string;
  readonly status: RunStatus;
  readonly source: string;
  readonly profileId: string | null;
  readonly fileName: string;
  readonly sha256: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly rowsReplaced: number;
  readonly trailerRows: number;
  /** Control totals of the source's money field, exact decimal strings (null when the source has none). */
  readonly fileTotal: string | null;
  readonly loadedTotal: string | null;
  readonly trailerTotal: string | null;
  /**
   * The loaded rows' control total as the file writes them (a profile's `signs` turned back):
   * ties to fileTotal and the trailer's total when no row is rejected. Equal to loadedTotal when
   * the profile turns no sign; etl/load/trailer.ts signsExplained states the difference.
   */
  readonly loadedAsWritten?: string | null;
  /** Why loadedTotal differs from loadedAsWritten (the profile's `signs`), when it does. */
  readonly signsNote?: string;
  readonly errorCode: string | null;
  readonly message: string | null;
  /** Warnings with their row counts (warning rules, ids unknown to the reference data); also in etl_warning. */
  readonly warnings: readonly LoadWarning[];
  /** The first rejects, for a summary; all of them are in etl_reject. */
  readonly rejects: readonly RejectSummary[];
  /** For a duplicate: the run that loaded the same bytes before. */
  readonly duplicateOf?: string;
  /** The run whose rejected rows this load corrects, when it is a correction. */
  readonly correctsRunId?: string;
  /** The file's header line as column names joined by commas (names only, never data). */
  readonly headerText?: string;
}

export function emptyReport(base: Pick<LoadReport, 'runId' | 'source' | 'fileName' | 'startedAt'>): LoadReport {
  return {
    ...base,
    status: 'failed',
    profileId: null,
    sha256: null,
    endedAt: base.startedAt,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rowsReplaced: 0,
    trailerRows: 0,
    fileTotal: null,
    loadedTotal: null,
    trailerTotal: null,
    errorCode: null,
    message: null,
    rejects: [],
    warnings: [],
  };
}
