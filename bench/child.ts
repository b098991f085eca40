/**
 * Runs a command in a fresh process under /usr/bin/time and returns its wall time and peak
 * memory (max RSS); the benchmarks compare such runs, alternating, by their medians.
 */
import { execFileSync, spawn } from 'node:child_process';
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

/** What a sampler saw of a running child: the node process's pid (under time and nice). */
export interface Sampling {
  readonly everyMs: number;
  readonly sample: (pid: number | undefined) => void;
}

/** The pid of the command /usr/bin/time runs (nice execs it, so it is time's only child). */
export function timedChild(timePid: number): number | undefined {
  try {
    const kids = readFileSync(`/proc/${timePid}/task/${timePid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Peak and current resident memory of a live process in MB (VmHWM, VmRSS), if it is still there. */
export function procMemory(pid: number | undefined): { peakMb: number; rssMb: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * As `timed`, without blocking this process: `sampling.sample` is called every `everyMs` with
 * the running command's pid (for what /usr/bin/time cannot see, e.g. a folder's size during a
 * load, or the peak memory so far of a run that may not finish). Standard output is kept.
 */
export function timedSampled(args: readonly string[], env: NodeJS.ProcessEnv, sampling: Sampling): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-'));
  const out = join(dir, 'time.txt');
  const t0 = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', out, 'nice', '-n', '10', process.execPath, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  const timer = setInterval(() => sampling.sample(child.pid === undefined ? undefined : timedChild(child.pid)), sampling.everyMs);
  return new Promise<ChildRun>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      try {
        if (code !== 0) throw new Error(`${args.join(' ')}: exit ${code}`);
        const [kb, user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        resolvePromise({ ms, maxRssMb: kb! / 1024, cpuMs: (user! + sys!) * 1000, stdout: Buffer.concat(chunks).toString('utf8') });
      } catch (err) {
        reject(err as Error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** CPU time (user + system, all threads) of a live process so far, in ms, if it is still there (clock ticks of 10 ms). */
export function procCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return (Number(rest[11]) + Number(rest[12])) * 10;
  } catch {
    return undefined;
  }
}
