/**
 * Where a load's time goes: per phase (hash, scan, typing, rejects, merge, rollups, commit...)
 * the wall time (monotonic clock) and the process's CPU time (all threads, DuckDB's included:
 * on a busy machine the wall time mostly measures the wait for a core, the CPU time the work).
 * Logged once with the load's "load finished" line (no file content); bench/etl.ts reads them.
 */
export class PhaseTimes {
  #wall = performance.now();
  #cpu = PhaseTimes.#cpuNow();
  readonly #ms: Record<string, [number, number]> = {};

  static #cpuNow(): number {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }

  /** Close the phase that ran since the previous mark (times of a repeated name add up). */
  mark(phase: string): void {
    const wall = performance.now();
    const cpu = PhaseTimes.#cpuNow();
    const [w, c] = this.#ms[phase] ?? [0, 0];
    this.#ms[phase] = [w + wall - this.#wall, c + cpu - this.#cpu];
    this.#wall = wall;
    this.#cpu = cpu;
  }

  /** Whole milliseconds per phase, in the order they first ran: wall and CPU. */
  toJSON(): { wallMs: Record<string, number>; cpuMs: Record<string, number> } {
    const pick = (i: 0 | 1) => Object.fromEntries(Object.entries(this.#ms).map(([k, v]) => [k, Math.round(v[i])]));
    return { wallMs: pick(0), cpuMs: pick(1) };
  }
}
