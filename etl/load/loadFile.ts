/**
 * Loads one file, exactly once, with nothing lost. Guarantees:
 * - every physical record after the header is loaded at its true line, or rejected at its true
 *   line with its column and reason; rows read is the count of the file's records made by the
 *   record scan (records.ts) from the bytes, never by DuckDB, and the file's control total is
 *   summed there too. If DuckDB staged other than exactly the records the scan handed it, the
 *   file is refused whole (RECORDS_UNACCOUNTED): a file is never "loaded" with rows unaccounted;
 *   DuckDB reads the scan's canonical copy, or the file in place when the scan found its records
 *   canonical as written (byte for byte what the copy would hold);
 * - a file that changed while it was read is not loaded (it waits for the next scan); a
 *   header without data rows, a header over the column or size caps, are refused by name;
 * - UTF-16 is read (transcoded); mixed LF, CRLF and CR line ends are read;
 * - the patient-hash key must be the one the warehouse's patient keys were made with;
 * - the facts, the file manifest, the rejects and the run record commit in one transaction,
 *   so a killed process leaves the warehouse as before the file or after it;
 * - a file already loaded (same SHA-256, whatever its name) is recorded as a duplicate and
 *   changes nothing; a re-export replaces rows by natural key;
 * - a file whose reject share passes the threshold is rejected whole, with its report.
 */
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { LoadError } from '../errors.ts';
import { describeFailure, knownFailure } from '../failure.ts';
import { KeyMismatchError, verifyKey } from '../phi/keyCheck.ts';
import { hmacPads } from '../phi/patientKey.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import { SOURCES } from '../sources/catalog.ts';
import type { SourceName } from '../sources/contract.ts';
import type { Db } from '../../core/db.ts';
import { chooseProfile, type ProfileChoice } from './chooseProfile.ts';
import { changedSince, checkReadable, fileState, type FileInput, type FileState } from './fileState.ts';
import { fingerprint } from './fingerprint.ts';
import { fieldOfColumn, normalizeHeader } from './header.ts';
import { mergeRows, tableIsEmpty } from './merge.ts';
import { rejectRepeatedKeys } from './repeatedKeys.ts';
import { emptyReport, type LoadReport, type RejectSummary } from './report.ts';
import { centsText } from './amountText.ts';
import { scanRecords } from './records.ts';
import { shortCopyPath } from './scanTypes.ts';
import { insertRowRejects, insertRun, insertScanRejects } from './runRecord.ts';
import { dropStaging, readCsvSql, readerRejectCount } from './stage.ts';
import { detectUtf16, transcodeToUtf8 } from './transcode.ts';
import { buildTypedSql } from './typing.ts';
import { asWrittenSql, keyCellsOf, lastNonTrailerOrd, signsExplained, trailerPattern } from './trailer.ts';
import { stageRowsView } from './shortRecords.ts';
import { tooManyRejectsMessage } from './tooManyRejects.ts';
import { collectWarnings, insertWarnings } from './warnings.ts';
import { checkProfileInEngine } from '../profiles/engineCheck.ts';
import { sqlIdent } from './sqlText.ts';
import { newRunId, withReport } from './runs.ts';
import { PhaseTimes } from './phases.ts';
import { localDate } from '../../core/localTime.ts';

export interface EtlLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LoaderDeps {
  /** Where connections come from: the server's pool (so loads count against its cap), or the warehouse itself. */
  readonly warehouse: Db;
  readonly profiles: ProfileRegistry;
  readonly hmacKey: Buffer;
  /**
   * The practice's time zone (IANA, the configuration's `timezone`): a time a file writes with its
   * zone (`Z`, an offset) is stored as the practice's clock time (etl/load/typing.ts).
   */
  readonly timezone: string;
  /** Scratch folder for transcoded copies; must be inside DuckDB's allowed directories. */
  readonly tmpDir: string;
  /**
   * Read a file whose records are canonical CSV as written (UTF-8, comma, double quote, LF, header
   * on line 1, nothing rejected or blank) in place instead of through the scan's copy (default
   * true); false always writes the copy (tests compare the two paths).
   */
  readonly readInPlace?: boolean;
  /** Share of rejected rows above which the whole file is rejected (default 0.05). */
  readonly rejectThreshold?: number;
  readonly clock?: () => Date;
  readonly logger?: EtlLogger;
  /**
   * Run inside the load's transaction just before and after the merge (the rollup refresh).
   * `rows` is a relation (SQL) of the file's valid rows in the table's columns, readable in both.
   */
  readonly beforeMerge?: (conn: DuckDBConnection, change: MergeChange) => Promise<void>;
  readonly afterMerge?: (conn: DuckDBConnection, change: MergeChange) => Promise<void>;
  readonly onProgress?: (p: { phase: 'hash' | 'stage' | 'validate' | 'merge' | 'done'; fraction?: number }) => void;
  /** Told of every finished load, whatever its outcome, after it is recorded (the audit log). */
  readonly onReport?: (report: LoadReport) => Promise<void>;
}

export interface MergeChange {
  readonly source: SourceName;
  readonly rows: string;
}

export interface LoadRequest {
  readonly path: string;
  readonly source?: SourceName;
  readonly profileId?: string;
  /** Name shown in reports; defaults to the file's base name. */
  readonly fileName?: string;
  /** This file holds corrected rows of an earlier run's rejects. */
  readonly correctsRunId?: string;
}


/**
 * Sources whose rollup refresh (dashboards/rollups/incremental.ts) is a full rebuild when the load
 * holds every row of the fact table, as the first load into an empty one does.
 */
const FULL_REBUILD_WHEN_FIRST: ReadonlySet<string> = new Set(['billing', 'appointments']);

export async function loadFile(deps: LoaderDeps, req: LoadRequest): Promise<LoadReport> {
  return withReport(deps, () => loadOnce(deps, req));
}

async function loadOnce(deps: LoaderDeps, req: LoadRequest): Promise<LoadReport> {
  const clock = deps.clock ?? (() => new Date());
  const startedAt = clock();
  const fileName = req.fileName ?? basename(req.path);
  const base: LoadReport = {
    ...emptyReport({ runId: newRunId(startedAt), source: req.source ?? 'unknown', fileName, startedAt }),
    ...(req.correctsRunId ? { correctsRunId: req.correctsRunId } : {}),
  };
  // One connection for the whole load, borrowed from the Db and given back (never closed here).
  return deps.warehouse.use((conn) => loadOn(conn, deps, req, base, fileName, clock));
}

async function loadOn(conn: DuckDBConnection, deps: LoaderDeps, req: LoadRequest, base: LoadReport, fileName: string, clock: () => Date): Promise<LoadReport> {
  let sha256: string | null = null;
  let readPath = req.path;
  const times = new PhaseTimes();
  try {
    // A different key would re-key every patient: refuse before anything else (thrown, not a report).
    await verifyKey(conn, deps.hmacKey, fileName);
    times.mark('keyCheck');
    deps.onProgress?.({ phase: 'hash' });
    // Any failure to read the file, as the load's error: its code when known, never a raw message.
    const unreadable = (err: unknown): LoadError => {
      const known = knownFailure(err);
      return new LoadError(known?.code ?? 'FILE_UNREADABLE', fileName, known ? known.message : `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    };
    let before: FileState;
    let utf16: Awaited<ReturnType<typeof detectUtf16>>;
    try {
      before = fileState(req.path);
      if (before.isDirectory) throw new LoadError('NOT_A_FILE', fileName, 'is a folder, not a file; give the path of a CSV file');
      await checkReadable(conn, req.path, fileName);
      utf16 = before.size > 0 ? await detectUtf16(req.path) : undefined;
    } catch (err) {
      throw err instanceof LoadError ? err : unreadable(err);
    }
    // The file's SHA-256 (its identity: a file delivered twice loads once) comes from the record
    // scan's own pass over its bytes; a separate pass before it cost as much again (0.4 s per
    // million rows). Only a file the scan does not read as it is, is hashed here, duplicates
    // checked at once: a UTF-16 file (the scan reads its UTF-8 copy), and one refused before the
    // scan (so its report carries the hash, and a duplicate is still reported as one).
    const hashFirst = async (): Promise<LoadReport | undefined> => {
      sha256 = (await fingerprint(req.path).catch((err: unknown) => Promise.reject(unreadable(err)))).sha256;
      return duplicateReport(conn, { ...base, sha256 }, clock);
    };
    let choice: ProfileChoice;
    try {
      if (before.size === 0) throw new LoadError('EMPTY_FILE', fileName, 'the file is empty');
      if (utf16) {
        const dup = await hashFirst();
        if (dup) return dup;
        readPath = await transcodeToUtf8(req.path, utf16.encoding, deps.tmpDir, base.runId);
      }
      choice = await chooseProfile(deps.profiles, readPath, fileName, req);
    } catch (err) {
      if (!(err instanceof PracticeBoardError)) throw err;
      const dup = sha256 === null ? await hashFirst() : undefined;
      if (dup) return dup;
      const report: LoadReport = { ...base, sha256, status: 'rejected', endedAt: clock(), errorCode: err.code, message: err.message };
      await insertRun(conn, report);
      return report;
    }
    const headerText = choice.header.columns.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
    const file: FileInput = { path: req.path, readPath, before, utf8: utf16 !== undefined };
    times.mark('profile');
    return await loadChosen(deps, conn, { ...base, sha256, source: choice.profile.source, profileId: choice.profile.id, headerText }, file, choice, clock, times, (sha) => (sha256 = sha));
  } catch (err) {
    if (err instanceof KeyMismatchError) throw err;
    const known = err instanceof PracticeBoardError;
    const failure = known ? { code: err.code, message: err.message } : describeFailure(err);
    const report: LoadReport = {
      ...base,
      sha256,
      status: 'failed',
      endedAt: clock(),
      errorCode: failure.code,
      message: known
        ? failure.message
        : `${fileName}: ${failure.message}; nothing from it was kept. The file waits in the inbox and loads on the next scan${failure.code === 'LOAD_FAILED' ? ' (set PRACTICEBOARD_LOG_LEVEL=debug for details)' : ''}.`,
    };
    deps.logger?.error({ runId: report.runId, file: fileName, code: report.errorCode }, report.message ?? 'load failed');
    try {
      await insertRun(conn, report);
    } catch (e) {
      // Typically the same disk-full or read-only failure: the runner counts the attempt in memory.
      deps.logger?.error({ runId: report.runId, err: describeFailure(e).message }, 'could not record the failed run');
    }
    return report;
  } finally {
    if (readPath !== req.path) rmSync(readPath, { force: true });
  }
}

async function loadChosen(
  deps: LoaderDeps,
  conn: DuckDBConnection,
  base: LoadReport,
  file: FileInput,
  { profile, header }: ProfileChoice,
  clock: () => Date,
  times: PhaseTimes,
  /** Told the file's SHA-256 once the scan has it (the caller's failure report carries it). */
  onHash: (sha256: string) => void,
): Promise<LoadReport> {
  const spec = SOURCES[profile.source];
  const canonPath = join(deps.tmpDir, `${base.runId}.canon.csv`);
  // Where the scan writes its short records again (trailer candidates): removed with the copy.
  const shortPath = shortCopyPath({ outPath: canonPath });
  const progress = setInterval(() => deps.onProgress?.({ phase: 'stage', fraction: Math.max(0, conn.progress.percentage) / 100 }), 250);
  // Columns kept in the quarantine: those mapped to a canonical field and not marked never-store.
  const neverStore = new Set(profile.neverStore.map(normalizeHeader));
  const keptColumns = [...header.fieldColumns.values()].flat().filter((i) => !neverStore.has(normalizeHeader(header.columns[i] ?? '')));
  const ctrlField = spec.controlTotal ? spec.fields.find((f) => (f.column ?? f.name) === spec.controlTotal) : undefined;
  const ctrlColumns = ctrlField ? (header.fieldColumns.get(ctrlField.name) ?? []) : [];
  // Reasons name the canonical field; show the file's own header beside it.
  const headerNames = new Map<string, string>();
  for (const [f, idx] of header.fieldColumns) {
    if (idx.length === 0) continue;
    const label = `${idx.map((i) => header.columns[i]).join(' / ')} (${f})`;
    headerNames.set(f, label);
    headerNames.set(spec.fields.find((x) => x.name === f)?.column ?? f, label);
  }
  // The columns a canonical field reads: no value of theirs may span lines (records.ts).
  const fieldOf = fieldOfColumn(header);
  const columnLabel = (i: number): string => headerNames.get(fieldOf.get(i) ?? '') ?? header.columns[i] ?? `column ${i + 1}`;
  let inTransaction = false;
  try {
    await dropStaging(conn);
    deps.onProgress?.({ phase: 'stage' });
    mkdirSync(deps.tmpDir, { recursive: true });
    // The record scan: the file's records, lines and control total, from its bytes.
    const scan = await scanRecords({
      path: file.readPath,
      outPath: canonPath,
      headerLine: header.headerLine,
      columnCount: header.columns.length,
      dialect: profile.dialect,
      encoding: file.utf8 ? 'utf-8' : profile.dialect.encoding,
      ...(ctrlColumns.length > 0 ? { control: { columns: ctrlColumns, format: profile.formats.number } } : {}),
      // A short record among the last ones may be a trailer: handed on padded, decided in SQL.
      ...(profile.dialect.trailer ? { trailerRows: profile.dialect.trailer.maxRows } : {}),
      singleLineColumns: [...fieldOf.keys()],
      // A header cell spanning lines would make "skip the header line" ambiguous: copy such files.
      directIfCanonical: deps.readInPlace !== false && !header.columns.some((c) => /[\r\n]/.test(c)),
    });
    times.mark('scan');
    const hashedByScan = base.sha256 === null;
    if (hashedByScan) {
      base = { ...base, sha256: scan.sha256 };
      onHash(scan.sha256);
    }
    if (changedSince(file)) return await recorded(conn, stillChanging(base, clock));
    // Already loaded (the same bytes, whatever the name): recorded as a duplicate, nothing changes.
    const dup = hashedByScan ? await duplicateReport(conn, base, clock) : undefined;
    if (dup) return dup;
    if (scan.records === 0 && scan.rejects.length === 0) return await recorded(conn, noDataRows(base, clock, header.headerLine, 0));
    // Reading, typing and checking work on this connection's temporary tables, outside the
    // transaction (reading transaction-local data would double the cost of the merge); nothing
    // persistent changes until BEGIN below, and a crash loses only temporary tables.
    const typed = buildTypedSql(spec, profile, header.fieldColumns, header.columns.length, readCsvSql(header.columns.length, scan.direct ? 1 : 0), keptColumns, { plainCells: scan.plainCells, timezone: deps.timezone });
    await checkProfileInEngine(profile, profile.id, conn);
    // A canonical file is read in place (its real path, as checkReadable allowed it), else the copy.
    await conn.run(typed.createTyped, { path: scan.direct ? realpathSync(file.readPath) : canonPath, trailer_re: trailerPattern(profile), ...(typed.createTyped.includes('$hmac_') ? hmacPads(deps.hmacKey) : {}) });
    clearInterval(progress);
    times.mark('typing');
    deps.onProgress?.({ phase: 'validate' });
    const stagedRows = Number((await conn.runAndReadAll('SELECT count(*) FROM typed')).getRows()[0]![0]);
    const unread = await readerRejectCount(conn);
    if (stagedRows !== scan.records || unread > 0) {
      // Never "loaded" with records unaccounted: refuse the file whole, with both counts.
      const report: LoadReport = {
        ...base,
        status: 'rejected',
        endedAt: clock(),
        rowsRead: scan.records + scan.rejects.length,
        errorCode: 'RECORDS_UNACCOUNTED',
        message: `${base.fileName}: the file holds ${scan.records} well-formed records but the reader took ${stagedRows} (and could not read ${unread}); nothing from the file was loaded`,
      };
      await insertRun(conn, report);
      return report;
    }
    // A short record that is no trailer is rejected as the scan rejects one (it is in rowsRead and rowsRejected as a row that is not ok).
    await stageRowsView(conn, scan, { columnCount: header.columns.length, shortPath, trailerRe: trailerPattern(profile), lastNonTrailer: lastNonTrailerOrd(profile, stagedRows), columnLabel, keyCells: keyCellsOf(spec, header.fieldColumns) });
    times.mark('count');
    await rejectRepeatedKeys(conn, spec, header, keptColumns, deps.hmacKey);
    times.mark('repeatedKeys');

    const ctrl = spec.controlTotal ? sqlIdent(spec.controlTotal) : 'NULL::DECIMAL(18,2)';
    const cov = spec.coverageDate ? `CAST(${sqlIdent(spec.coverageDate)} AS DATE)` : 'NULL::DATE';
    const sums = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (NOT is_trailer)::BIGINT, count(*) FILTER (NOT is_trailer AND NOT ok)::BIGINT,
                count(*) FILTER (is_trailer)::BIGINT,
                CAST(sum(${ctrl}) FILTER (NOT is_trailer) AS VARCHAR), CAST(sum(${ctrl}) FILTER (ok) AS VARCHAR),
                CAST(sum(${ctrl}) FILTER (is_trailer) AS VARCHAR),
                CAST(min(${cov}) FILTER (ok) AS VARCHAR), CAST(max(${cov}) FILTER (ok) AS VARCHAR),
                list(ord) FILTER (is_trailer),
                CAST(sum(${asWrittenSql(spec, profile, ctrl)}) FILTER (ok) AS VARCHAR)
         FROM rows_v`,
      )
    ).getRows()[0]!;
    const dataRows = Number(sums[0]);
    const trailerOrds = ((sums[8] as { items?: unknown[] } | null)?.items ?? []).map(Number);
    const rowsRead = dataRows + scan.rejects.length;
    const rowsRejected = Number(sums[1]) + scan.rejects.length;
    // Only a report's total row under the header: an empty export, refused like a bare header.
    if (rowsRead === 0) return await recorded(conn, noDataRows(base, clock, header.headerLine, Number(sums[2])));
    const money = (v: unknown): string | null => (spec.controlTotal ? ((v as string | null) ?? '0.00') : null);
    // The file's total comes from the scan's own reading of the bytes, less trailer rows.
    const fileTotal = scan.controlCents === null ? money(sums[3]) : centsText(trailerOrds.reduce((t, o) => t - (scan.tailCents.get(o) ?? 0n), scan.controlCents));
    const threshold = deps.rejectThreshold ?? 0.05;
    const tooMany = rowsRead > 0 && rowsRejected / rowsRead > threshold;
    // Warnings are about rows that load: none for a file refused whole.
    times.mark('totals');
    const warnings = tooMany ? [] : await collectWarnings(conn, spec, { loadDate: localDate(clock(), deps.timezone) });
    times.mark('warnings');

    if (typed.patientMapSql && !tooMany) await conn.run(typed.patientMapSql, hmacPads(deps.hmacKey));
    times.mark('patientKeys');
    await conn.run('BEGIN TRANSACTION');
    inTransaction = true;
    await insertScanRejects(conn, base.runId);
    await insertRowRejects(conn, base.runId, headerNames);
    await insertWarnings(conn, base.runId, warnings);
    times.mark('rejects');

    let loaded = 0;
    let replaced = 0;
    if (!tooMany) {
      deps.onProgress?.({ phase: 'merge' });
      const change: MergeChange = { source: spec.source, rows: 'SELECT * FROM rows_v WHERE ok' };
      const empty = !spec.upsert && (await tableIsEmpty(conn, spec));
      // The first load into an empty fact table changes every part of the rollups its source
      // feeds, and the refresh rebuilds them in full either way (a change that covers the facts,
      // or none captured): capturing its rows first would only be thrown away.
      if (!(empty && FULL_REBUILD_WHEN_FIRST.has(spec.source) && Number(sums[0]) > Number(sums[1]))) await deps.beforeMerge?.(conn, change);
      times.mark('captureChange');
      ({ loaded, replaced } = await mergeRows(conn, spec, base.sha256!, empty));
      times.mark('merge');
      await conn.run(
        `INSERT INTO etl_file VALUES ($sha, $source, $profile, $name, $size, $at, $run, $rows, $first::DATE, $last::DATE)`,
        { sha: base.sha256, source: spec.source, profile: profile.id, name: base.fileName, size: file.before.size, at: clock().toISOString(), run: base.runId, rows: loaded, first: sums[6] as string | null, last: sums[7] as string | null },
      );
      await deps.afterMerge?.(conn, change);
      times.mark('rollups');
    }
    const rejects = (await conn.runAndReadAll('SELECT line_n, column_name, reason FROM etl_reject WHERE run_id = $run ORDER BY line_n LIMIT 20', { run: base.runId }))
      .getRows()
      .map((r): RejectSummary => ({ line: Number(r[0]), column: (r[1] as string | null) ?? null, reason: String(r[2]) }));
    const report: LoadReport = {
      ...base,
      status: tooMany ? 'rejected' : 'loaded',
      endedAt: clock(),
      rowsRead,
      rowsLoaded: loaded,
      rowsRejected,
      rowsReplaced: replaced,
      trailerRows: Number(sums[2]),
      fileTotal,
      loadedTotal: money(tooMany ? null : sums[4]),
      loadedAsWritten: money(tooMany ? null : sums[9]),
      ...signsNoteOf(profile, money(tooMany ? null : sums[4]), money(tooMany ? null : sums[9])),
      // Null when the trailer rows carry no readable amount in the control-total column.
      trailerTotal: spec.controlTotal && Number(sums[2]) > 0 ? ((sums[5] as string | null) ?? null) : null,
      errorCode: tooMany ? 'TOO_MANY_REJECTS' : null,
      message: tooMany ? await tooManyRejectsMessage(conn, base.runId, rowsRejected, rowsRead, threshold) : null,
      rejects,
      warnings,
    };
    await insertRun(conn, report);
    // Last look before the commit: a file still being written is left for the next scan.
    if (changedSince(file)) {
      await rollbackAfter(conn, undefined, deps.logger);
      inTransaction = false;
      await dropStaging(conn);
      return await recorded(conn, stillChanging(base, clock));
    }
    times.mark('report');
    await conn.run('COMMIT');
    times.mark('commit');
    inTransaction = false;
    await dropStaging(conn);
    times.mark('cleanup');
    deps.onProgress?.({ phase: 'done' });
    deps.logger?.info({ runId: report.runId, source: report.source, file: report.fileName, status: report.status, read: rowsRead, loaded, rejected: rowsRejected, phaseMs: times.toJSON() }, 'load finished');
    return report;
  } catch (err) {
    clearInterval(progress);
    if (inTransaction) await rollbackAfter(conn, err, deps.logger);
    try {
      await dropStaging(conn);
    } catch (e) {
      deps.logger?.warn({ err: safeDuckDbMessage(e) }, 'could not drop the staging tables');
    }
    throw err;
  } finally {
    clearInterval(progress);
    rmSync(canonPath, { force: true });
    rmSync(shortPath, { force: true });
  }
}

/** The duplicate's report, recorded, when a file of these bytes (`base.sha256`) was loaded before. */
async function duplicateReport(conn: DuckDBConnection, base: LoadReport, clock: () => Date): Promise<LoadReport | undefined> {
  const dup = (await conn.runAndReadAll('SELECT run_id FROM etl_file WHERE file_id = $sha', { sha: base.sha256 })).getRows()[0];
  if (!dup) return undefined;
  const report: LoadReport = { ...base, status: 'duplicate', endedAt: clock(), errorCode: 'DUPLICATE_FILE', message: `already loaded by run ${String(dup[0])}`, duplicateOf: String(dup[0]) };
  await insertRun(conn, report);
  return report;
}

/** Record a run that ends before the load's transaction (its own statement). */
async function recorded(conn: DuckDBConnection, report: LoadReport): Promise<LoadReport> {
  await insertRun(conn, report);
  return report;
}

/** A header with no data rows under it (nothing, or only `trailerRows` total rows): an empty export. */
function noDataRows(base: LoadReport, clock: () => Date, headerLine: number, trailerRows: number): LoadReport {
  const under = trailerRows > 0 ? ' and a total row' : '';
  return {
    ...base,
    status: 'rejected',
    endedAt: clock(),
    ...(trailerRows > 0 ? { trailerRows } : {}),
    errorCode: 'NO_DATA_ROWS',
    message: `${base.fileName}: the file has a header (line ${headerLine})${under} but no data rows; nothing was loaded. Check the export's date range or filters.`,
  };
}

/** The file changed while it was read: nothing is kept, and the inbox keeps it for the next scan. */
function stillChanging(base: LoadReport, clock: () => Date): LoadReport {
  return {
    ...base,
    status: 'failed',
    endedAt: clock(),
    errorCode: 'FILE_CHANGING',
    message: `${base.fileName}: the file changed while it was being read (it is still being written); nothing was loaded. It loads on a later scan once it stops changing.`,
  };
}

/** Roll back after a failure; a rollback that fails too is logged, the first error still wins. */
async function rollbackAfter(conn: DuckDBConnection, cause: unknown, logger?: EtlLogger): Promise<void> {
  try {
    await conn.run('ROLLBACK');
  } catch (err) {
    logger?.warn({ err: safeDuckDbMessage(err), cause: cause === undefined ? undefined : safeDuckDbMessage(cause) }, 'rollback after a failed load also failed');
  }
}

function signsNoteOf(profile: ProfileChoice['profile'], loaded: string | null, asWritten: string | null): { signsNote?: string } {
  const note = signsExplained(profile, loaded, asWritten);
  return note ? { signsNote: note } : {};
}
