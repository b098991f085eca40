/**
 * Runs a command in a fresh process under /usr/bin/time and returns its wall time and peak
 * memory (max RSS); the benchmarks compare such runs, alternating, by their medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildRun {
  readonly ms: number;
  readonly maxRssMb: number;
}

export function timed(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildRun {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-'));
  const out = join(dir, 'time.txt');
  try {
    const t0 = performance.now();
    execFileSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const ms = performance.now() - t0;
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    return { ms, maxRssMb: kb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Medians of time and memory over runs. */
export const summary = (runs: readonly ChildRun[]): ChildRun => ({ ms: median(runs.map((r) => r.ms)), maxRssMb: median(runs.map((r) => r.maxRssMb)) });
