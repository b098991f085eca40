/**
 * Loads one X12 835 file with the guarantees of every load (etl/load/loadFile.ts):
 * - exactly once: a file already loaded (same SHA-256) is a duplicate and changes nothing; a
 *   transaction whose payer trace number (TRN02, with its issuer) was already loaded, by this
 *   file or an earlier one, is not loaded again and is reported;
 * - nothing lost: every claim (CLP) read is loaded or rejected (claims read = loaded +
 *   rejected), each reject with its segment position and reason, never a value;
 * - one transaction: the remittance rows, the file manifest, the rejects and the run record
 *   commit together; a file whose reject share passes the threshold is rejected whole;
 * - no PHI: NM1 names and member ids are never read; CLP01 is kept as the practice's claim id;
 * - control totals: each transaction's differences (BPR02 against claims and PLB, claims and
 *   lines against their CAS) are stored, and a transaction that does not tie is named, with
 *   its difference, in the run's message.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError, safeDuckDbMessage } from '../../core/errors.ts';
import { LoadError } from '../errors.ts';
import { fingerprint } from '../load/fingerprint.ts';
import type { LoaderDeps } from '../load/loadFile.ts';
import { emptyReport, type LoadReport, type RejectSummary } from '../load/report.ts';
import { insertRun } from '../load/runRecord.ts';
import { balance, usd } from './balance.ts';
import { walkEnvelope, type EnvelopeReject } from './envelope.ts';
import { readSegmentBatches } from './segmentReader.ts';
import { Staging, dropStaging, mergeStaged } from './stage.ts';
import { newRunId, withReport } from '../load/runs.ts';
import { REMITTANCE_SOURCE } from '../inboxSources.ts';

export { REMITTANCE_SOURCE };
export const REMITTANCE_PROFILE = 'x12-835';
export const REMITTANCE_EXTENSIONS = ['.835', '.edi', '.txt', '.dat'] as const;

export interface RemittanceRequest {
  readonly path: string;
  readonly fileName?: string;
}

const FIND_TRACE = 'SELECT run_id FROM remit_transaction WHERE trace_key = $key AND trace_number = $trace LIMIT 1';


export async function loadRemittance(deps: LoaderDeps, req: RemittanceRequest): Promise<LoadReport> {
  return withReport(deps, () => loadOnce(deps, req));
}

async function loadOnce(deps: LoaderDeps, req: RemittanceRequest): Promise<LoadReport> {
  // Two connections, borrowed from the Db and given back: the load's own, and one that looks up
  // trace numbers while the first holds its appenders (so a pool must lend at least two).
  return deps.warehouse.use((conn) => deps.warehouse.use((lookup) => loadOn(deps, req, conn, lookup)));
}

async function loadOn(deps: LoaderDeps, req: RemittanceRequest, conn: DuckDBConnection, lookup: DuckDBConnection): Promise<LoadReport> {
  const clock = deps.clock ?? (() => new Date());
  const startedAt = clock();
  const fileName = req.fileName ?? basename(req.path);
  const base: LoadReport = { ...emptyReport({ runId: newRunId(startedAt), source: REMITTANCE_SOURCE, fileName, startedAt }), profileId: REMITTANCE_PROFILE };
  let sha256: string | null = null;
  try {
    deps.onProgress?.({ phase: 'hash' });
    let size: number;
    try {
      const fp = await fingerprint(req.path);
      sha256 = fp.sha256;
      size = fp.sizeBytes;
    } catch (err) {
      throw new LoadError('FILE_UNREADABLE', fileName, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const withHash: LoadReport = { ...base, sha256 };
    const dup = (await conn.runAndReadAll('SELECT run_id FROM etl_file WHERE file_id = $sha', { sha: sha256 })).getRows()[0];
    if (dup) {
      const report: LoadReport = { ...withHash, status: 'duplicate', endedAt: clock(), errorCode: 'DUPLICATE_FILE', message: `already loaded by run ${String(dup[0])}`, duplicateOf: String(dup[0]) };
      await insertRun(conn, report);
      return report;
    }
    if (size === 0) {
      const report: LoadReport = { ...withHash, status: 'rejected', endedAt: clock(), errorCode: 'EMPTY_FILE', message: `${fileName}: the file is empty` };
      await insertRun(conn, report);
      return report;
    }
    return await loadRead(deps, conn, lookup, withHash, req.path, size, clock);
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
  }
}

interface Tally {
  claimsRead: number;
  claimsLoaded: number;
  txnsLoaded: number;
  txnsDuplicate: number;
  fileCents: number;
  loadedCents: number;
  firstDate: string | null;
  lastDate: string | null;
  readonly rejects: EnvelopeReject[];
  readonly untied: string[];
}

async function loadRead(deps: LoaderDeps, conn: DuckDBConnection, lookup: DuckDBConnection, base: LoadReport, path: string, size: number, clock: () => Date): Promise<LoadReport> {
  const t: Tally = { claimsRead: 0, claimsLoaded: 0, txnsLoaded: 0, txnsDuplicate: 0, fileCents: 0, loadedCents: 0, firstDate: null, lastDate: null, rejects: [], untied: [] };
  const seen = new Map<string, number>();
  let inTransaction = false;
  deps.onProgress?.({ phase: 'stage' });
  const staging = await Staging.open(conn);
  try {
    let bytes = 0;
    const chunks = async function* (): AsyncGenerator<Buffer> {
      for await (const c of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        bytes += c.length;
        deps.onProgress?.({ phase: 'stage', fraction: bytes / size });
        yield c;
      }
    };
    await walkEnvelope(readSegmentBatches(chunks()), {
      reject(r) {
        t.claimsRead += r.claims;
        t.rejects.push(r);
      },
      async transaction(r) {
        const b = balance(r);
        t.claimsRead += r.claims.length;
        t.fileCents += r.totalPaidCents;
        const traceKey = r.traceOriginator ?? r.payerId ?? r.payerName ?? '';
        const key = `${traceKey}\u0000${r.traceNumber}`;
        const earlier = seen.get(key);
        const before = earlier === undefined ? (await lookup.runAndReadAll(FIND_TRACE, { key: traceKey, trace: r.traceNumber })).getRows()[0] : undefined;
        if (earlier !== undefined || before) {
          t.txnsDuplicate++;
          const where = earlier !== undefined ? `the transaction at segment ${earlier} of this file` : `run ${String(before![0])}`;
          t.rejects.push({ position: r.position, element: 'TRN02', reason: `trace number already loaded by ${where}; the transaction is not loaded again`, claims: r.claims.length, duplicate: true });
          return;
        }
        seen.set(key, r.position);
        staging.add(base.sha256!, base.runId, traceKey, r, b);
        t.txnsLoaded++;
        t.claimsLoaded += r.claims.length;
        t.loadedCents += r.totalPaidCents;
        if (r.paymentDate) {
          if (t.firstDate === null || r.paymentDate < t.firstDate) t.firstDate = r.paymentDate;
          if (t.lastDate === null || r.paymentDate > t.lastDate) t.lastDate = r.paymentDate;
        }
        if (!b.ties) {
          const parts = [
            b.paymentDifferenceCents !== 0 ? `BPR02 differs from claims paid less PLB by ${usd(b.paymentDifferenceCents)}` : null,
            b.claimsUnbalanced > 0 ? `${b.claimsUnbalanced} claim(s) do not balance with their adjustments` : null,
            b.linesUnbalanced > 0 ? `${b.linesUnbalanced} service line(s) do not balance with their adjustments` : null,
          ].filter((x) => x !== null);
          t.untied.push(`transaction at segment ${r.position} (trace ${r.traceNumber}): ${parts.join('; ')}`);
        }
      },
    });
    staging.close();
    return await commit(deps, conn, base, size, t, clock, (v) => (inTransaction = v));
  } catch (err) {
    try {
      staging.close();
    } catch (e) {
      deps.logger?.warn({ err: safeDuckDbMessage(e) }, 'could not close the staging appenders');
    }
    if (inTransaction) await conn.run('ROLLBACK').catch((e: unknown) => deps.logger?.warn({ err: safeDuckDbMessage(e) }, 'rollback after a failed load also failed'));
    throw err;
  } finally {
    await dropStaging(conn).catch((e: unknown) => deps.logger?.warn({ err: safeDuckDbMessage(e) }, 'could not drop the staging tables'));
  }
}

async function commit(deps: LoaderDeps, conn: DuckDBConnection, base: LoadReport, size: number, t: Tally, clock: () => Date, setInTxn: (v: boolean) => void): Promise<LoadReport> {
  const rejected = t.claimsRead - t.claimsLoaded;
  const dupClaims = t.rejects.filter((r) => isDuplicate(r)).reduce((a, r) => a + r.claims, 0);
  const badClaims = rejected - dupClaims;
  const badTxns = t.rejects.some((r) => !isDuplicate(r));
  const threshold = deps.rejectThreshold ?? 0.05;
  const judged = t.claimsRead - dupClaims;
  // A file with nothing loadable (no complete transaction, or only broken ones) is rejected whole.
  const tooMany = badTxns && (t.txnsLoaded === 0 || (judged > 0 && badClaims / judged > threshold));
  const onlyDuplicates = !badTxns && t.txnsLoaded === 0 && t.txnsDuplicate > 0;

  deps.onProgress?.({ phase: 'merge' });
  await conn.run('BEGIN TRANSACTION');
  setInTxn(true);
  for (const r of t.rejects) {
    const lost = r.claims > 0 ? `; its ${r.claims} claim(s) are not loaded` : '';
    await conn.run('INSERT INTO etl_reject VALUES ($run, $pos, $col, $reason)', { run: base.runId, pos: r.position, col: r.element, reason: `${r.reason}${isDuplicate(r) ? '' : lost}` });
  }
  const loaded = tooMany || onlyDuplicates ? 0 : t.claimsLoaded;
  if (!tooMany && !onlyDuplicates) {
    await mergeStaged(conn);
    await conn.run('INSERT INTO etl_file VALUES ($sha, $source, $profile, $name, $size, $at, $run, $rows, $first::DATE, $last::DATE)', {
      sha: base.sha256, source: base.source, profile: REMITTANCE_PROFILE, name: base.fileName, size, at: clock().toISOString(), run: base.runId, rows: loaded, first: t.firstDate, last: t.lastDate,
    });
  }
  const rejects = (await conn.runAndReadAll('SELECT line_n, column_name, reason FROM etl_reject WHERE run_id = $run ORDER BY line_n LIMIT 20', { run: base.runId }))
    .getRows()
    .map((r): RejectSummary => ({ line: Number(r[0]), column: (r[1] as string | null) ?? null, reason: String(r[2]) }));
  const status: LoadReport['status'] = tooMany ? 'rejected' : onlyDuplicates ? 'duplicate' : 'loaded';
  const message = tooMany
    ? `${badClaims} of ${judged} claims are in transactions that could not be read (over the ${(threshold * 100).toFixed(1)}% limit, or none could); nothing from the file was loaded`
    : onlyDuplicates
      ? `every transaction's trace number was already loaded; nothing new`
      : t.untied.length > 0
        ? `control totals do not tie: ${t.untied.join(' | ')}`
        : null;
  const report: LoadReport = {
    ...base,
    status,
    endedAt: clock(),
    rowsRead: t.claimsRead,
    rowsLoaded: loaded,
    rowsRejected: t.claimsRead - loaded,
    fileTotal: usd(t.fileCents),
    loadedTotal: usd(tooMany || onlyDuplicates ? 0 : t.loadedCents),
    errorCode: tooMany ? 'TOO_MANY_REJECTS' : onlyDuplicates ? 'DUPLICATE_TRACE' : t.untied.length > 0 ? 'TOTALS_DO_NOT_TIE' : null,
    message,
    rejects,
  };
  await insertRun(conn, report);
  await conn.run('COMMIT');
  setInTxn(false);
  deps.onProgress?.({ phase: 'done' });
  deps.logger?.info({ runId: report.runId, source: report.source, file: report.fileName, status: report.status, read: report.rowsRead, loaded, rejected: report.rowsRejected }, 'load finished');
  return report;
}

const isDuplicate = (r: EnvelopeReject): boolean => r.duplicate === true;
