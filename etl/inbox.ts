/**
 * The inbox flow: data/inbox/<source>/ is scanned, reference sources first (locations, payers,
 * providers, RVUs, budget) so the facts that name them load after them. Each file is loaded
 * exactly once; a loaded or duplicate file moves to data/archive/<date>/<source>/, a rejected
 * one to data/rejected/<source>/ with its report beside it (counts and reasons, no raw rows).
 * A file that failed for a passing reason (e.g. disk full) stays in the inbox for the next run;
 * after MAX_FAILURES failures of the same bytes it is set aside in data/rejected/ with its report.
 *
 * Raw files carry columns that are never stored (names, birth dates, SSNs): `keepRaw` says which
 * are kept whole. 'rejected' (the default) keeps a rejected file for the admin to correct and
 * replaces a loaded or duplicate one by a receipt, `<name>.sha256` (its hash and size, the file
 * itself deleted); 'none' keeps receipts only; 'all' keeps every file. Every folder made here is
 * 0700 and every file kept or written 0600, whatever mode it arrived with.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFile, type LoaderDeps } from './load/loadFile.ts';
import type { LoadReport } from './load/report.ts';
import { SOURCE_NAMES, type SourceName } from './sources/contract.ts';

/** Load order: dimensions and reference data before the facts that refer to them. */
export const LOAD_ORDER: readonly SourceName[] = ['locations', 'payers', 'providers', 'rvus', 'budget', 'billing', 'appointments', 'payroll'];

export type KeepRaw = 'none' | 'rejected' | 'all';

export interface InboxDirs {
  readonly inbox: string;
  readonly archive: string;
  readonly rejected: string;
  /** Which raw files are kept whole after their load (see above). Default 'rejected'. */
  readonly keepRaw?: KeepRaw;
}

export interface ScanOptions {
  readonly sources?: readonly SourceName[];
  /** Files modified more recently than this are still being written: left for the next scan. */
  readonly settleMs?: number;
  readonly onFile?: (source: SourceName, name: string) => void;
}

export function inboxFiles(dirs: InboxDirs, source: SourceName, now: number, settleMs: number): string[] {
  const dir = join(dirs.inbox, source);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => !n.startsWith('.') && /\.(csv|txt)$/i.test(n))
    .filter((n) => {
      const st = statSync(join(dir, n));
      return st.isFile() && now - st.mtimeMs >= settleMs;
    })
    .sort();
}

/** Where a processed file goes; the run id keeps two files of the same name apart. */
export function fileDestination(dirs: InboxDirs, report: LoadReport, source: SourceName, name: string): string | undefined {
  if (report.status === 'loaded' || report.status === 'duplicate') {
    return join(dirs.archive, report.startedAt.toISOString().slice(0, 10), source, `${report.runId}-${name}`);
  }
  if (report.status === 'rejected') return join(dirs.rejected, source, `${report.runId}-${name}`);
  return undefined;
}

/** Move a processed file out of the inbox; a rejected one gets its report beside it. */
export function settleFile(dirs: InboxDirs, report: LoadReport, source: SourceName, path: string, name: string): string | undefined {
  const dest = fileDestination(dirs, report, source, name);
  if (!dest) return undefined;
  mkdirSync(join(dest, '..'), { recursive: true, mode: 0o700 });
  const keepRaw = dirs.keepRaw ?? 'rejected';
  const keep = keepRaw === 'all' || (keepRaw === 'rejected' && report.status === 'rejected');
  if (keep) {
    renameSync(path, dest);
    chmodSync(dest, 0o600);
  } else {
    const bytes = readFileSync(path);
    const receipt = { file: name, sha256: createHash('sha256').update(bytes).digest('hex'), size_bytes: bytes.length, run_id: report.runId, status: report.status };
    writeFileSync(`${dest}.sha256`, JSON.stringify(receipt) + '\n', { mode: 0o600 });
    unlinkSync(path);
  }
  if (report.status === 'rejected') writeFileSync(`${dest}.report.json`, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
  return keep ? dest : `${dest}.sha256`;
}

/** Load one file sitting in the inbox and move it where its outcome says. */
export async function processInboxFile(
  deps: LoaderDeps,
  dirs: InboxDirs,
  source: SourceName,
  name: string,
  profileId?: string,
  correctsRunId?: string,
): Promise<LoadReport> {
  const path = join(dirs.inbox, source, name);
  const report = await loadFile(deps, { path, source, fileName: `${source}/${name}`, ...(profileId ? { profileId } : {}), ...(correctsRunId ? { correctsRunId } : {}) });
  // A failure is retried on the next scan, but a file that keeps failing is set aside with its
  // report instead of failing every 15 minutes forever.
  if (report.status === 'failed' && report.sha256 && (await failuresOf(deps, report.sha256)) >= MAX_FAILURES) {
    settleFile(dirs, { ...report, status: 'rejected', message: `${report.message ?? ''} (failed ${MAX_FAILURES} times; set aside)` }, source, path, name);
    return report;
  }
  settleFile(dirs, report, source, path, name);
  return report;
}

/** Loads of the same bytes that failed before a file is set aside. */
export const MAX_FAILURES = 3;

async function failuresOf(deps: LoaderDeps, sha256: string): Promise<number> {
  return deps.warehouse.use(async (c) =>
    Number((await c.runAndReadAll("SELECT count(*) FROM etl_run WHERE file_sha256 = $sha AND status = 'failed'", { sha: sha256 })).getRows()[0]![0]),
  );
}

export async function scanInbox(deps: LoaderDeps, dirs: InboxDirs, opts: ScanOptions = {}): Promise<LoadReport[]> {
  const wanted = new Set(opts.sources ?? SOURCE_NAMES);
  const clock = deps.clock ?? (() => new Date());
  const reports: LoadReport[] = [];
  for (const source of LOAD_ORDER.filter((s) => wanted.has(s))) {
    for (const name of inboxFiles(dirs, source, clock().getTime(), opts.settleMs ?? 2000)) {
      opts.onFile?.(source, name);
      reports.push(await processInboxFile(deps, dirs, source, name));
    }
  }
  return reports;
}
