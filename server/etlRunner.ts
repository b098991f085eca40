/**
 * Runs ETL work one job at a time: a scheduled inbox scan, a manual "run now" and a file
 * handed over by the command line queue behind one lock, so they never overlap. Profiles are
 * re-read before each job, so a profile the practice adds to data/profiles/ applies at once.
 * Every scan, whoever asks for it, loads only files that have settled (settleMs).
 */
import type { LoaderDeps } from '../etl/load/loadFile.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import type { LoadReport } from '../etl/load/report.ts';
import { processInboxFile, scanInbox, type FailureMemo, type InboxDirs, type InboxSource, type ScanOptions } from '../etl/inbox.ts';
import type { Logger } from './log.ts';

export class EtlRunner {
  #tail: Promise<unknown> = Promise.resolve();

  #deps: LoaderDeps;

  /** Failed attempts the warehouse could not record (a full disk), so the set-aside still fires. */
  readonly #failures: FailureMemo = new Map();

  constructor(
    deps: LoaderDeps,
    readonly dirs: InboxDirs,
    private readonly opts: { settleMs: number; logger: Logger; profilesDir?: string },
  ) {
    this.#deps = deps;
  }

  /** The loader's dependencies with the profiles as they are on disk now. */
  get deps(): LoaderDeps {
    if (this.opts.profilesDir === undefined) return this.#deps;
    return { ...this.#deps, profiles: ProfileRegistry.load(this.opts.profilesDir) };
  }

  /** Queue `job` behind any running one; resolves with its result. */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(job);
    // The queue continues after a failed job; the failure still reaches this job's caller.
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  scan(opts: Omit<ScanOptions, 'settleMs' | 'failures'> & { settleMs?: number } = {}): Promise<LoadReport[]> {
    return this.exclusive(async () => {
      const reports = await scanInbox(this.deps, this.dirs, { settleMs: this.opts.settleMs, failures: this.#failures, ...opts });
      if (reports.length > 0) this.opts.logger.info({ files: reports.length, statuses: reports.map((r) => r.status) }, 'inbox scan finished');
      return reports;
    });
  }

  /** Load one file sitting in the inbox (an upload, a correction, a command-line file), under the lock. */
  loadInboxFile(source: InboxSource, name: string, opts: { profileId?: string; correctsRunId?: string; onProgress?: LoaderDeps['onProgress'] } = {}): Promise<LoadReport> {
    return this.exclusive(() => {
      const deps = opts.onProgress ? { ...this.deps, onProgress: opts.onProgress } : this.deps;
      return processInboxFile(deps, this.dirs, source, name, opts.profileId, opts.correctsRunId, this.#failures);
    });
  }
}
