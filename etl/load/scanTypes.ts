/**
 * What the record scan (records.ts) is asked and what it answers: its request (file, dialect,
 * encoding, control column, whether to read in place) and its result (records, their lines,
 * rejects, the control total, the in-place decision). Types, and where the short records' copy goes.
 */
import type { NumberFormat } from './amountText.ts';

export interface ScanRequest {
  readonly path: string;
  /** Where the canonical copy goes (comma, double quote, LF, UTF-8, no header). */
  readonly outPath: string;
  readonly headerLine: number;
  readonly columnCount: number;
  readonly dialect: { readonly delimiter: string; readonly quote: string; readonly escape: string };
  readonly encoding: 'utf-8' | 'latin-1' | 'windows-1252';
  /** Column indexes of the control-total field (first non-zero wins, as in typing), and the number format. */
  readonly control?: { readonly columns: readonly number[]; readonly format: NumberFormat };
  /**
   * The profile's trailer window (`dialect.trailer.maxRows`; absent or 0 without a trailer rule):
   * a record with fewer fields than the header among the last this many records is handed on
   * padded (`shortRecords`) instead of rejected, for the trailer rule to decide.
   */
  readonly trailerRows?: number;
  /** With `trailerRows`: where the short records handed on are written again, alone (default `outPath` + `.short`). */
  readonly shortOutPath?: string;
  /**
   * Columns (0-based) whose values may not hold a line end: those a canonical field reads (no
   * canonical field is free text that may span lines). A record whose quoted field in one of them
   * spans lines is rejected at its first line, naming the column (`ScanReject.column`) and the
   * lines the value spans, and the scan reads on from the next line: a stray quote that a later
   * one happens to close never merges the lines between them into one row. Other columns' quoted
   * values may span lines (a free-text note the profile does not read).
   */
  readonly singleLineColumns?: readonly number[];
  /** Skip the copy when the file's records are canonical CSV as written (see above). */
  readonly directIfCanonical?: boolean;
  /** Bytes per read (default 4 MB); tests use small reads to put records and characters across reads. */
  readonly readBytes?: number;
}

export interface ScanReject {
  readonly line: number;
  readonly reason: string;
  /** The column (0-based) the reason is about, when it is about one (a value spanning lines). */
  readonly column?: number;
}

export interface ScanResult {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** No copy was written: the file's records after line 1 are canonical CSV as they stand. */
  readonly direct: boolean;
  /** Every cell is its own trimmed text (all ASCII, no space at a cell's edge: trimCheck.ts); typing skips trim. */
  readonly plainCells: boolean;
  /** Records handed on (written to the copy). */
  readonly records: number;
  /** (fromRecord, offset): record k >= fromRecord starts on line k + offset (largest fromRecord wins). */
  readonly breakpoints: readonly (readonly [number, number])[];
  /** Rejects in line order. */
  readonly rejects: readonly ScanReject[];
  /**
   * Records handed on padded with empty cells: fewer fields than the header, among the last
   * `trailerRows` records (ascending record numbers). Each is a trailer or, if the trailer rule
   * says not, a reject at its line with reason fieldCountReason (shortRecords.ts). Empty without
   * `trailerRows`.
   */
  readonly shortRecords: readonly number[];
  readonly blankLines: number;
  /** Physical lines of the file, a last line without a line end included. */
  readonly lineCount: number;
  /** Sum of the control column over the records handed on whole (not short ones), in cents (null without a control column). */
  readonly controlCents: bigint | null;
  /** Control amounts of the last records (for trailer rows), keyed by record number; null when not an amount or short. */
  readonly tailCents: ReadonlyMap<number, bigint | null>;
}

/** Where a scan writes its short records' own copy (canonical CSV, the records of `shortRecords` in order). */
export const shortCopyPath = (req: Pick<ScanRequest, 'outPath' | 'shortOutPath'>): string => req.shortOutPath ?? `${req.outPath}.short`;
