/**
 * The order in which `vitest run` hands test files to its workers (each goes to whichever worker
 * is free, in this order): longest first, so that a long file does not start last and finish
 * alone while the other worker idles; except that each worker's first file is one that needs no
 * demo practice, so that no worker waits while the global setup's prebuild of the demo runs
 * (test/globalSetup.ts; a file needs it if it imports one of DEMO_HELPERS).
 *
 * Durations come from a committed list (test/helpers/durations.json: seconds per file, measured
 * in a full run; refresh it with test/helpers/updateDurations.ts), not from vitest's own results
 * cache, which a fresh clone (CI) does not have and which is shared by every checkout using the
 * same node_modules. A file missing from the list (a new one) runs right after the workers' first
 * files, before every listed one (largest first, by an estimate from its size at the listed
 * files' median seconds per byte): its time is unknown, and a long file started last runs alone
 * at the end (two new files of about 50 s, estimated at a few seconds from their size, did that)
 * while a short one started early costs nothing. Ties keep the path order, so the order is the
 * same on every run.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LIST = join(import.meta.dirname, 'durations.json');

/** Test files run at once (vitest.config.ts `maxWorkers`); the spans in the list are measured on as many. */
export const TEST_WORKERS = 2;

/** Imports that open the run's demo practice (test/helpers/demoCache.ts). */
export const DEMO_HELPERS = /from '(?:\.\.\/helpers\/(?:appServer|demoServer|demoCache)|\.\.\/reports\/demo|\.\/demo)\.ts'/;

export interface TestFile {
  /** Relative to the project root, forward slashes. */
  readonly path: string;
  readonly bytes: number;
  readonly needsDemo: boolean;
}

/** Seconds per file, by path relative to the project root (forward slashes). */
export function listedDurations(): Record<string, number> {
  return JSON.parse(readFileSync(LIST, 'utf8')) as Record<string, number>;
}

/** Each file's expected seconds: listed, or estimated from its size. */
export function expectedSeconds(files: readonly TestFile[], listed: Record<string, number>): Map<string, number> {
  const rates = files.filter((f) => listed[f.path] !== undefined && f.bytes > 0).map((f) => listed[f.path]! / f.bytes).sort((a, b) => a - b);
  const rate = rates.length ? rates[Math.floor(rates.length / 2)]! : 0;
  return new Map(files.map((f) => [f.path, listed[f.path] ?? f.bytes * rate]));
}

/**
 * The `workers` longest listed files that need no demo first, then the files missing from the
 * list, then the other listed files; each group longest expected first (equal ones by path).
 */
export function runOrder(files: readonly TestFile[], listed: Record<string, number>, workers: number): string[] {
  const secs = expectedSeconds(files, listed);
  const sorted = [...files].sort((a, b) => secs.get(b.path)! - secs.get(a.path)! || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const known = (f: TestFile) => listed[f.path] !== undefined;
  const first = sorted.filter((f) => known(f) && !f.needsDemo).slice(0, workers);
  const unknown = sorted.filter((f) => !known(f));
  return [...first, ...unknown, ...sorted.filter((f) => known(f) && !first.includes(f))].map((f) => f.path);
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const byPath = new Map(files.map((f) => [relative(root, f.moduleId).split('\\').join('/'), f]));
    const described = [...byPath.keys()].map((path) => {
      const full = join(root, path);
      return { path, bytes: statSync(full).size, needsDemo: DEMO_HELPERS.test(readFileSync(full, 'utf8')) };
    });
    const workers = typeof this.ctx.config.maxWorkers === 'number' ? this.ctx.config.maxWorkers : 1;
    return runOrder(described, listedDurations(), workers).map((p) => byPath.get(p)!);
  }
}
