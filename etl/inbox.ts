/**
 * The inbox flow: data/inbox/<source>/ is scanned, reference sources first (locations, payers,
 * providers, RVUs, budget) so the facts that name them load after them. Each file is loaded
 * exactly once; a loaded or duplicate file moves to data/archive/<date>/<source>/, a rejected
 * one to data/rejected/<source>/ with its report beside it (counts and reasons, no raw rows).
 * A file that failed for a passing reason (e.g. disk full) stays in the inbox for the next run;
 * after MAX_FAILURES failures of the same bytes it is set aside in data/rejected/ with its report.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFile, type LoaderDeps } from './load/loadFile.ts';
import type { LoadReport } from './load/report.ts';
import { REMITTANCE_EXTENSIONS, REMITTANCE_SOURCE, loadRemittance } from './remittance/loadRemittance.ts';
import { SOURCE_NAMES, type SourceName } from './sources/contract.ts';

/** A folder of the inbox: a CSV source, or the X12 835 remittances (etl/remittance/). */
export type InboxSource = SourceName | typeof REMITTANCE_SOURCE;
export const INBOX_SOURCES: readonly InboxSource[] = [...SOURCE_NAMES, REMITTANCE_SOURCE];

/** Load order: dimensions and reference data before the facts that refer to them; remittances after the ledger they are matched to. */
export const LOAD_ORDER: readonly InboxSource[] = ['locations', 'payers', 'providers', 'rvus', 'budget', 'fee_schedule', 'billing', REMITTANCE_SOURCE, 'appointments', 'payroll'];

const extensionsOf = (source: InboxSource): RegExp =>
  source === REMITTANCE_SOURCE ? new RegExp(`(${REMITTANCE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i') : /\.(csv|txt)$/i;

export interface InboxDirs {
  readonly inbox: string;
  readonly archive: string;
  readonly rejected: string;
}

export interface ScanOptions {
  readonly sources?: readonly InboxSource[];
  /** Files modified more recently than this are still being written: left for the next scan. */
  readonly settleMs?: number;
  readonly onFile?: (source: InboxSource, name: string) => void;
}

export function inboxFiles(dirs: InboxDirs, source: InboxSource, now: number, settleMs: number): string[] {
  const dir = join(dirs.inbox, source);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => !n.startsWith('.') && extensionsOf(source).test(n))
    .filter((n) => {
      const st = statSync(join(dir, n));
      return st.isFile() && now - st.mtimeMs >= settleMs;
    })
    .sort();
}

/** Where a processed file goes; the run id keeps two files of the same name apart. */
export function fileDestination(dirs: InboxDirs, report: LoadReport, source: InboxSource, name: string): string | undefined {
  if (report.status === 'loaded' || report.status === 'duplicate') {
    return join(dirs.archive, report.startedAt.toISOString().slice(0, 10), source, `${report.runId}-${name}`);
  }
  if (report.status === 'rejected') return join(dirs.rejected, source, `${report.runId}-${name}`);
  return undefined;
}

/** Move a processed file out of the inbox; a rejected one gets its report beside it. */
export function settleFile(dirs: InboxDirs, report: LoadReport, source: InboxSource, path: string, name: string): string | undefined {
  const dest = fileDestination(dirs, report, source, name);
  if (!dest) return undefined;
  mkdirSync(join(dest, '..'), { recursive: true });
  renameSync(path, dest);
  if (report.status === 'rejected') writeFileSync(`${dest}.report.json`, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
  return dest;
}

/** Load one file sitting in the inbox and move it where its outcome says. */
export async function processInboxFile(
  deps: LoaderDeps,
  dirs: InboxDirs,
  source: InboxSource,
  name: string,
  profileId?: string,
  correctsRunId?: string,
): Promise<LoadReport> {
  const path = join(dirs.inbox, source, name);
  const report =
    source === REMITTANCE_SOURCE
      ? await loadRemittance(deps, { path, fileName: `${source}/${name}` })
      : await loadFile(deps, { path, source, fileName: `${source}/${name}`, ...(profileId ? { profileId } : {}), ...(correctsRunId ? { correctsRunId } : {}) });
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
  const wanted = new Set<InboxSource>(opts.sources ?? INBOX_SOURCES);
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
