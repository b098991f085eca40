/**
 * Loads one file, exactly once, with nothing lost. Guarantees:
 * - every data row is loaded or rejected with its line, column and reason (rows read =
 *   loaded + rejected), with the control total of the file beside the total loaded;
 * - the facts, the file manifest, the rejects and the run record commit in one transaction,
 *   so a killed process leaves the warehouse as before the file or after it;
 * - a file already loaded (same SHA-256, whatever its name) is recorded as a duplicate and
 *   changes nothing; a re-export replaces rows by natural key;
 * - a file whose reject share passes the threshold is rejected whole, with its report.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { LoadError } from '../errors.ts';
import { hmacPads } from '../phi/patientKey.ts';
import type { ProfileRegistry } from '../profiles/registry.ts';
import { SOURCES } from '../sources/catalog.ts';
import type { SourceName } from '../sources/contract.ts';
import type { Warehouse } from '../../core/warehouse/open.ts';
import { chooseProfile, type ProfileChoice } from './chooseProfile.ts';
import { fingerprint, type Fingerprint } from './fingerprint.ts';
import { normalizeHeader } from './header.ts';
import { applyLinePlan } from './linePlan.ts';
import { mergeRows } from './merge.ts';
import { emptyReport, type LoadReport, type RejectSummary } from './report.ts';
import { insertCsvRejects, insertRowRejects, insertRun } from './runRecord.ts';
import { dropStaging, readCsvSql, readerRejects } from './stage.ts';
import { transcodeToUtf8 } from './transcode.ts';
import { buildTypedSql } from './typing.ts';
import { sqlIdent, sqlString } from './sqlText.ts';

export interface EtlLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LoaderDeps {
  readonly warehouse: Warehouse;
  readonly profiles: ProfileRegistry;
  readonly hmacKey: Buffer;
  /** Scratch folder for transcoded copies; must be inside DuckDB's allowed directories. */
  readonly tmpDir: string;
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

const newRunId = (now: Date): string =>
  `r${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace('T', '-')}-${randomBytes(3).toString('hex')}`;

export async function loadFile(deps: LoaderDeps, req: LoadRequest): Promise<LoadReport> {
  const report = await loadOnce(deps, req);
  try {
    await deps.onReport?.(report);
  } catch (err) {
    // The load itself is recorded in etl_run; a failed listener must not turn it into a failure.
    deps.logger?.error({ runId: report.runId, err: safeDuckDbMessage(err) }, 'a load listener failed');
  }
  return report;
}

async function loadOnce(deps: LoaderDeps, req: LoadRequest): Promise<LoadReport> {
  const clock = deps.clock ?? (() => new Date());
  const startedAt = clock();
  const fileName = req.fileName ?? basename(req.path);
  const base: LoadReport = {
    ...emptyReport({ runId: newRunId(startedAt), source: req.source ?? 'unknown', fileName, startedAt }),
    ...(req.correctsRunId ? { correctsRunId: req.correctsRunId } : {}),
  };
  const conn = await deps.warehouse.connect();
  let sha256: string | null = null;
  try {
    deps.onProgress?.({ phase: 'hash' });
    let fp: Fingerprint;
    try {
      fp = await fingerprint(req.path);
    } catch (err) {
      throw new LoadError('FILE_UNREADABLE', fileName, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    sha256 = fp.sha256;
    const withHash = { ...base, sha256 };
    const dup = (await conn.runAndReadAll('SELECT run_id FROM etl_file WHERE file_id = $sha', { sha: fp.sha256 })).getRows()[0];
    if (dup) {
      const report: LoadReport = { ...withHash, status: 'duplicate', endedAt: clock(), errorCode: 'DUPLICATE_FILE', message: `already loaded by run ${String(dup[0])}`, duplicateOf: String(dup[0]) };
      await insertRun(conn, report);
      return report;
    }
    let choice: ProfileChoice;
    try {
      if (fp.sizeBytes === 0) throw new LoadError('EMPTY_FILE', fileName, 'the file is empty');
      choice = await chooseProfile(deps.profiles, req.path, fileName, req);
    } catch (err) {
      if (!(err instanceof PracticeBoardError)) throw err;
      const report: LoadReport = { ...withHash, status: 'rejected', endedAt: clock(), errorCode: err.code, message: err.message };
      await insertRun(conn, report);
      return report;
    }
    const headerText = choice.header.columns.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
    return await loadChosen(deps, conn, { ...withHash, source: choice.profile.source, profileId: choice.profile.id, headerText }, req.path, fp, choice, clock);
  } catch (err) {
    const known = err instanceof PracticeBoardError;
    const report: LoadReport = {
      ...base,
      sha256,
      status: 'failed',
      endedAt: clock(),
      errorCode: known ? err.code : 'LOAD_FAILED',
      message: known ? err.message : `${fileName}: the load failed (${safeDuckDbMessage(err)}); nothing from it was kept`,
    };
    deps.logger?.error({ runId: report.runId, file: fileName, code: report.errorCode }, report.message ?? 'load failed');
    await insertRun(conn, report).catch((e: unknown) => deps.logger?.error({ runId: report.runId, err: safeDuckDbMessage(e) }, 'could not record the failed run'));
    return report;
  } finally {
    conn.closeSync();
  }
}

async function loadChosen(
  deps: LoaderDeps,
  conn: DuckDBConnection,
  base: LoadReport,
  path: string,
  fp: Fingerprint,
  { profile, header }: ProfileChoice,
  clock: () => Date,
): Promise<LoadReport> {
  const spec = SOURCES[profile.source];
  const enc = profile.dialect.encoding;
  const readPath = enc === 'windows-1252' ? await transcodeToUtf8(path, enc, deps.tmpDir, base.runId) : path;
  const progress = setInterval(() => deps.onProgress?.({ phase: 'stage', fraction: Math.max(0, conn.progress.percentage) / 100 }), 250);
  // Columns kept in the quarantine: those mapped to a canonical field and not marked never-store.
  const neverStore = new Set(profile.neverStore.map(normalizeHeader));
  const keptColumns = [...header.fieldColumns.values()].flat().filter((i) => !neverStore.has(normalizeHeader(header.columns[i] ?? '')));
  let inTransaction = false;
  try {
    // Reading, typing and checking work on this connection's temporary tables, outside the
    // transaction (reading transaction-local data would double the cost of the merge); nothing
    // persistent changes until BEGIN below, and a crash loses only temporary tables.
    await dropStaging(conn);
    deps.onProgress?.({ phase: 'stage' });
    const readSql = readCsvSql({ profile, headerLine: header.headerLine, columnCount: header.columns.length, newline: fp.newline, encoding: enc === 'latin-1' ? 'latin-1' : 'utf-8' });
    const typed = buildTypedSql(spec, profile, header.fieldColumns, header.columns.length, readSql, keptColumns);
    const trailer = profile.dialect.trailer;
    await conn.run(typed.createTyped, { path: readPath, trailer_re: trailer?.pattern ?? '$^' });
    clearInterval(progress);
    deps.onProgress?.({ phase: 'validate' });
    const stagedRows = Number((await conn.runAndReadAll('SELECT count(*) FROM typed')).getRows()[0]![0]);
    const csvRejects = await readerRejects(conn);
    const plan = await applyLinePlan(conn, { path, fp, header, profile, stagedRows, csvRejects });
    const lastTrailerOrd = trailer ? stagedRows - trailer.maxRows : stagedRows;
    await conn.run(
      `CREATE TEMP VIEW rows_v AS SELECT t.rowid + 1 AS ord, t.*, ${plan.lineSql} AS src_line, (t.trailer_match AND t.rowid + 1 > ${lastTrailerOrd}) AS is_trailer, t.errs = '' AS ok FROM typed t ${plan.joinSql}`,
    );
    await rejectRepeatedKeys(conn, spec);

    const ctrl = spec.controlTotal ? sqlIdent(spec.controlTotal) : 'NULL::DECIMAL(18,2)';
    const cov = spec.coverageDate ? `CAST(${sqlIdent(spec.coverageDate)} AS DATE)` : 'NULL::DATE';
    const sums = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (NOT is_trailer)::BIGINT, count(*) FILTER (NOT is_trailer AND NOT ok)::BIGINT,
                count(*) FILTER (is_trailer)::BIGINT,
                CAST(sum(${ctrl}) FILTER (NOT is_trailer) AS VARCHAR), CAST(sum(${ctrl}) FILTER (ok) AS VARCHAR),
                CAST(sum(${ctrl}) FILTER (is_trailer) AS VARCHAR),
                CAST(min(${cov}) FILTER (ok) AS VARCHAR), CAST(max(${cov}) FILTER (ok) AS VARCHAR)
         FROM rows_v`,
      )
    ).getRows()[0]!;
    const dataRows = Number(sums[0]);
    const rowsRead = dataRows + csvRejects.length;
    const rowsRejected = Number(sums[1]) + csvRejects.length;
    const money = (v: unknown): string | null => (spec.controlTotal ? ((v as string | null) ?? '0.00') : null);
    const threshold = deps.rejectThreshold ?? 0.05;
    const tooMany = rowsRead > 0 && rowsRejected / rowsRead > threshold;

    if (typed.patientMapSql && !tooMany) await conn.run(typed.patientMapSql, hmacPads(deps.hmacKey));
    await conn.run('BEGIN TRANSACTION');
    inTransaction = true;
    await insertCsvRejects(conn, base.runId, header.columns.length, plan.rejectLineSql);
    // Reasons name the canonical field; show the file's own header beside it.
    const headerNames = new Map<string, string>();
    for (const [f, idx] of header.fieldColumns) {
      if (idx.length === 0) continue;
      const label = `${idx.map((i) => header.columns[i]).join(' / ')} (${f})`;
      headerNames.set(f, label);
      headerNames.set(spec.fields.find((x) => x.name === f)?.column ?? f, label);
    }
    await insertRowRejects(conn, base.runId, headerNames);

    let loaded = 0;
    let replaced = 0;
    if (!tooMany) {
      deps.onProgress?.({ phase: 'merge' });
      const change: MergeChange = { source: spec.source, rows: 'SELECT * FROM rows_v WHERE ok' };
      await deps.beforeMerge?.(conn, change);
      ({ loaded, replaced } = await mergeRows(conn, spec, base.sha256!));
      await conn.run(
        `INSERT INTO etl_file VALUES ($sha, $source, $profile, $name, $size, $at, $run, $rows, $first::DATE, $last::DATE)`,
        { sha: base.sha256, source: spec.source, profile: profile.id, name: base.fileName, size: fp.sizeBytes, at: clock().toISOString(), run: base.runId, rows: loaded, first: sums[6] as string | null, last: sums[7] as string | null },
      );
      await deps.afterMerge?.(conn, change);
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
      fileTotal: money(sums[3]),
      loadedTotal: money(tooMany ? null : sums[4]),
      trailerTotal: spec.controlTotal && Number(sums[2]) > 0 ? money(sums[5]) : null,
      errorCode: tooMany ? 'TOO_MANY_REJECTS' : null,
      message: tooMany ? `${rowsRejected} of ${rowsRead} rows rejected (over the ${(threshold * 100).toFixed(1)}% limit); nothing from the file was loaded` : null,
      rejects,
    };
    await insertRun(conn, report);
    await conn.run('COMMIT');
    inTransaction = false;
    await dropStaging(conn);
    deps.onProgress?.({ phase: 'done' });
    deps.logger?.info({ runId: report.runId, source: report.source, file: report.fileName, status: report.status, read: rowsRead, loaded, rejected: rowsRejected }, 'load finished');
    return report;
  } catch (err) {
    clearInterval(progress);
    if (inTransaction) await rollbackAfter(conn, err, deps.logger);
    await dropStaging(conn).catch((e: unknown) => deps.logger?.warn({ err: safeDuckDbMessage(e) }, 'could not drop the staging tables'));
    throw err;
  } finally {
    clearInterval(progress);
    if (readPath !== path) rmSync(readPath, { force: true });
  }
}

/** Roll back after a failure; a rollback that fails too is logged, the first error still wins. */
async function rollbackAfter(conn: DuckDBConnection, cause: unknown, logger?: EtlLogger): Promise<void> {
  try {
    await conn.run('ROLLBACK');
  } catch (err) {
    logger?.warn({ err: safeDuckDbMessage(err), cause: safeDuckDbMessage(cause) }, 'rollback after a failed load also failed');
  }
}

/** A natural key repeated within one file: the first occurrence stands, later ones are rejected. */
async function rejectRepeatedKeys(conn: DuckDBConnection, spec: (typeof SOURCES)[SourceName]): Promise<void> {
  const keys = spec.naturalKey.map((k) => sqlIdent(spec.fields.find((f) => f.name === k)?.column ?? k)).join(', ');
  const n = (await conn.runAndReadAll(`SELECT count(*) - count(DISTINCT (${keys})) FROM rows_v WHERE ok`)).getRows()[0]![0];
  if (Number(n) === 0) return;
  // Their raw text is the canonical fields (the file's own text is kept only for rows that failed typing).
  const canonical = spec.fields.map((f) => `coalesce(CAST(${sqlIdent(f.type === 'patient' ? `t_${f.name}` : (f.column ?? f.name))} AS VARCHAR), '')`).join(", ',', ");
  await conn.run(
    `UPDATE typed SET errs = ${sqlString(`${spec.naturalKey[0]}|repeats the natural key (${spec.naturalKey.join(', ')}) of line `)} || d.first_line,
                      raw_record = concat(${canonical})
     FROM (SELECT ord, row_number() OVER w AS rn, first_value(src_line) OVER w AS first_line FROM rows_v WHERE ok WINDOW w AS (PARTITION BY ${keys} ORDER BY ord)) d
     WHERE typed.rowid + 1 = d.ord AND d.rn > 1`,
  );
}
