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
  /** CPU time of the process (user + system, all threads): on a busy machine, the work done. */
  readonly cpuMs: number;
  /** What the process wrote to standard output (the CLI's log lines among it). */
  readonly stdout: string;
}

export function timed(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildRun {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-'));
  const out = join(dir, 'time.txt');
  try {
    const t0 = performance.now();
    // Niced: the machine is shared, and baseline and subject alike run at the same priority.
    const stdout = execFileSync('/usr/bin/time', ['-f', '%M %U %S', '-o', out, 'nice', '-n', '10', process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 }).toString('utf8');
    const ms = performance.now() - t0;
    const [kb, user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { ms, maxRssMb: kb! / 1024, cpuMs: (user! + sys!) * 1000, stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Medians of time, CPU time and memory over runs. */
export const summary = (runs: readonly ChildRun[]): Omit<ChildRun, 'stdout'> => ({
  ms: median(runs.map((r) => r.ms)),
  maxRssMb: median(runs.map((r) => r.maxRssMb)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
});

/** The per-phase times a load logs with "load finished" (etl/load/phases.ts), from a CLI run's output. */
export function loadPhases(run: ChildRun): { wallMs: Record<string, number>; cpuMs: Record<string, number> } | undefined {
  for (const line of run.stdout.split('\n')) {
    if (!line.includes('"load finished"')) continue;
    const phases = (JSON.parse(line) as { phaseMs?: { wallMs: Record<string, number>; cpuMs: Record<string, number> } }).phaseMs;
    if (phases) return phases;
  }
  return undefined;
}
