/**
 * The inbox flow: data/inbox/<source>/ is scanned, reference sources first (locations, payers,
 * providers, RVUs, budget) so the facts that name them load after them. Each file is loaded
 * exactly once; a loaded or duplicate file moves to data/archive/<date>/<source>/, a rejected
 * one to data/rejected/<source>/ with its report beside it (counts and reasons, no raw rows).
 * A file that failed for a passing reason (e.g. disk full) stays in the inbox for the next run;
 * after MAX_FAILURES failures of the same bytes it is set aside in data/rejected/ with its report,
 * counting failures the warehouse could not record (a full disk) too.
 * A file is loaded only once it has settled: not modified for `settleMs`, and not changed while
 * it is read (the loader checks). Files enter the inbox under a hidden temporary name and are
 * renamed when complete (copyIntoInbox), so a half-copied file is never seen.
 *

 * Raw files carry columns that are never stored (names, birth dates, SSNs): `keepRaw` says which
 * are kept whole. 'rejected' (the default) keeps a rejected file for the admin to correct and
 * replaces a loaded or duplicate one by a receipt, `<name>.sha256` (its hash and size, the file
 * itself deleted); 'none' keeps receipts only; 'all' keeps every file. Every folder made here is
 * 0700 and every file kept or written 0600, whatever mode it arrived with.
 * A raw file is kept for a limited time only: `purgeRawFiles` replaces every raw file under
 * data/rejected and data/archive older than the retention period (from its run's time) by a
 * receipt, leaving reports and receipts (hashes, sizes, counts: no rows). 0 days keeps nothing raw.
 */
import { chmodSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { fingerprintSync } from './load/fingerprint.ts';
import { loadFile, type LoaderDeps } from './load/loadFile.ts';
import type { LoadReport } from './load/report.ts';
import { REMITTANCE_EXTENSIONS, loadRemittance } from './remittance/loadRemittance.ts';
import { INBOX_SOURCES, LOAD_ORDER, REMITTANCE_SOURCE, type InboxSource } from './inboxSources.ts';

export { INBOX_SOURCES, LOAD_ORDER, type InboxSource } from './inboxSources.ts';

const extensionsOf = (source: InboxSource): RegExp =>
  source === REMITTANCE_SOURCE ? new RegExp(`(${REMITTANCE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i') : /\.(csv|txt)$/i;

export type KeepRaw = 'none' | 'rejected' | 'all';

export interface InboxDirs {
  readonly inbox: string;
  readonly archive: string;
  readonly rejected: string;
  /** Which raw files are kept whole after their load (see above). Default 'rejected'. */
  readonly keepRaw?: KeepRaw;
}

export interface ScanOptions {
  readonly sources?: readonly InboxSource[];
  /** Files modified more recently than this are still being written: left for the next scan. */
  readonly settleMs?: number;
  readonly onFile?: (source: InboxSource, name: string) => void;
  /** Told of each file left for a later scan because it is still changing. */
  readonly onUnsettled?: (source: InboxSource, name: string) => void;
  /** Failures counted in memory (those the warehouse could not record). */
  readonly failures?: FailureMemo;
}

/** Failed attempts per file (by SHA-256, else by path) that the warehouse may not have recorded. */
export type FailureMemo = Map<string, number>;

/** Names in the inbox that are not data files: hidden files, temporary copies. */
const isDataFile = (source: InboxSource, n: string): boolean => !n.startsWith('.') && extensionsOf(source).test(n);

export function inboxFiles(dirs: InboxDirs, source: InboxSource, now: number, settleMs: number, onUnsettled?: ScanOptions['onUnsettled']): string[] {
  const dir = join(dirs.inbox, source);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => isDataFile(source, n))
    .filter((n) => {
      const st = statSync(join(dir, n));
      if (!st.isFile()) return false;
      const settled = now - st.mtimeMs >= settleMs;
      if (!settled) onUnsettled?.(source, n);
      return settled;
    })
    .sort();
}

/**
 * Copy `from` into `dir` as `name` (or `name-1`... when taken) so that the inbox never shows a
 * partial file: the bytes go to a hidden temporary name, renamed once complete. A failed copy
 * leaves nothing behind. Returns the name used. The copy is a copy-on-write clone where the file
 * system can make one (btrfs, XFS: no bytes copied) and a plain copy elsewhere; never a hard
 * link, which would let a later change of the original change the delivered file.
 */
export function copyIntoInbox(from: string, dir: string, name: string, move = false): string {
  mkdirSync(dir, { recursive: true });
  let final = name;
  const ext = extname(name);
  for (let i = 1; existsIn(dir, final); i++) final = `${basename(name, ext)}-${i}${ext}`;
  const partial = join(dir, `.${final}.partial`);
  try {
    if (move) {
      try {
        renameSync(from, partial);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        copyFileSync(from, partial, constants.COPYFILE_FICLONE);
        rmSync(from, { force: true });
      }
    } else copyFileSync(from, partial, constants.COPYFILE_FICLONE);
    renameSync(partial, join(dir, final));
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return final;
}

const existsIn = (dir: string, name: string): boolean => {
  try {
    statSync(join(dir, name));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
};

/** Remove temporary copies (`.name.partial`) left in the inbox by a killed copy, older than `olderThanMs`. */
export function removePartialCopies(dirs: InboxDirs, now: number, olderThanMs: number): string[] {
  const removed: string[] = [];
  for (const source of LOAD_ORDER) {
    const dir = join(dirs.inbox, source);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const n of names.filter((x) => /^\..+\.partial$/.test(x))) {
      const p = join(dir, n);
      if (now - statSync(p).mtimeMs >= olderThanMs) {
        rmSync(p, { force: true });
        removed.push(`${source}/${n}`);
      }
    }
  }
  return removed;
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
  mkdirSync(join(dest, '..'), { recursive: true, mode: 0o700 });
  const keepRaw = dirs.keepRaw ?? 'rejected';
  const keep = keepRaw === 'all' || (keepRaw === 'rejected' && report.status === 'rejected');
  if (keep) {
    renameSync(path, dest);
    chmodSync(dest, 0o600);
  } else {
    // The loader hashed these very bytes (a file that changed is not loaded); else hash them now, in pieces.
    const fp = report.sha256 ? { sha256: report.sha256, sizeBytes: statSync(path).size } : fingerprintSync(path);
    const receipt = { file: name, sha256: fp.sha256, size_bytes: fp.sizeBytes, run_id: report.runId, status: report.status };
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
  source: InboxSource,
  name: string,
  profileId?: string,
  correctsRunId?: string,
  memo?: FailureMemo,
): Promise<LoadReport> {
  const path = join(dirs.inbox, source, name);
  const report =
    source === REMITTANCE_SOURCE
      ? await loadRemittance(deps, { path, fileName: `${source}/${name}` })
      : await loadFile(deps, { path, source, fileName: `${source}/${name}`, ...(profileId ? { profileId } : {}), ...(correctsRunId ? { correctsRunId } : {}) });
  // A failure is retried on the next scan, but a file that keeps failing is set aside with its
  // report instead of failing every 15 minutes forever. A file still being written is not a failure.
  if (report.status === 'failed' && report.errorCode !== 'FILE_CHANGING' && (await failureCount(deps, report, path, memo)) >= MAX_FAILURES) {
    settleFile(dirs, { ...report, status: 'rejected', message: `${report.message ?? ''} (failed ${MAX_FAILURES} times; set aside)` }, source, path, name);
    return report;
  }
  settleFile(dirs, report, source, path, name);
  return report;
}

/** Loads of the same bytes that failed before a file is set aside. */
export const MAX_FAILURES = 3;

/** Failures of this file so far: those recorded in the warehouse, or those counted in memory when more. */
async function failureCount(deps: LoaderDeps, report: LoadReport, path: string, memo?: FailureMemo): Promise<number> {
  const key = report.sha256 ?? path;
  const inMemory = (memo?.get(key) ?? 0) + 1;
  memo?.set(key, inMemory);
  let recorded = 0;
  if (report.sha256) {
    try {
      recorded = await deps.warehouse.use(async (c) =>
        Number((await c.runAndReadAll("SELECT count(*) FROM etl_run WHERE file_sha256 = $sha AND status = 'failed' AND error_code <> 'FILE_CHANGING'", { sha: report.sha256 })).getRows()[0]![0]),
      );
    } catch (err) {
      // The warehouse cannot answer (disk full, damaged): the count in memory decides.
      deps.logger?.warn({ err: (err as Error).name }, 'could not count earlier failures');
    }
  }
  return Math.max(recorded, inMemory);
}

export async function scanInbox(deps: LoaderDeps, dirs: InboxDirs, opts: ScanOptions = {}): Promise<LoadReport[]> {
  const wanted = new Set<InboxSource>(opts.sources ?? INBOX_SOURCES);
  const clock = deps.clock ?? (() => new Date());
  const reports: LoadReport[] = [];
  for (const source of LOAD_ORDER.filter((s) => wanted.has(s))) {
    for (const name of inboxFiles(dirs, source, clock().getTime(), opts.settleMs ?? 2000, opts.onUnsettled)) {
      opts.onFile?.(source, name);
      reports.push(await processInboxFile(deps, dirs, source, name, undefined, undefined, opts.failures));
    }
  }
  return reports;
}

/** A raw file removed by the retention purge: where it was (relative to the data folder's archive or rejected folder) and its size. */
export interface PurgedFile {
  readonly path: string;
  readonly bytes: number;
}

const DAY_MS = 86_400_000;
/** Files that hold no rows: receipts and load reports. Everything else kept is raw. */
const isRecord = (name: string): boolean => name.endsWith('.sha256') || name.endsWith('.report.json');
const RUN_PREFIX = /^r(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-[0-9a-f]{6}-/;

/** When a kept file was set aside: its run's time (in its name), else its modification time. */
function keptAt(name: string, path: string): number {
  const m = RUN_PREFIX.exec(name);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : statSync(path).mtimeMs;
}

/**
 * Remove every raw file kept under the archive and rejected folders for `retentionDays` or
 * longer (0: every one), leaving a receipt (SHA-256, size, when purged) in its place. Returns
 * what was removed; reads no file content beyond hashing it.
 */
export function purgeRawFiles(dirs: Pick<InboxDirs, 'archive' | 'rejected'>, opts: { now: Date; retentionDays: number }): PurgedFile[] {
  const cutoff = opts.now.getTime() - opts.retentionDays * DAY_MS;
  const purged: PurgedFile[] = [];
  for (const [label, root] of [['archive', dirs.archive], ['rejected', dirs.rejected]] as const) {
    if (!existsSync(root)) continue;
    const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.') && !isRecord(e.name));
    for (const e of entries) {
      const path = join(e.parentPath, e.name);
      if (opts.retentionDays > 0 && keptAt(e.name, path) > cutoff) continue;
      const receipt = `${path}.sha256`;
      // Hashed only when no receipt records the file yet (a loaded file's was written at load).
      const sizeBytes = existsSync(receipt) ? statSync(path).size : writePurgeReceipt(receipt, e.name, path, opts.now);
      unlinkSync(path);
      purged.push({ path: join(label, relative(root, path)), bytes: sizeBytes });
    }
  }
  return purged;
}

/** Writes the receipt of a purged file (its SHA-256, read in pieces); returns its size. */
function writePurgeReceipt(receipt: string, name: string, path: string, now: Date): number {
  const fp = fingerprintSync(path);
  const record = { file: name, sha256: fp.sha256, size_bytes: fp.sizeBytes, status: 'purged', purged_at: now.toISOString() };
  writeFileSync(receipt, JSON.stringify(record) + '\n', { mode: 0o600 });
  return fp.sizeBytes;
}
