/**
 * The `bench:scale` section of docs/benchmarks.md from the runs' progress files (bench/scale.ts):
 * every step's wall time, CPU time and peak memory, the disk figures, and the pages' latency;
 * a step that had not finished is labelled so, with what it had reached.
 */
export interface StepFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  /** The machine's one-minute load average when the step ended. */
  readonly load1: number;
  done?: boolean;
  bytes?: number;
  peakTmpBytes?: number;
  peakDataBytes?: number;
  phases?: { wallMs: Record<string, number>; cpuMs: Record<string, number> } | undefined;
  baseline?: { ms: number; cpuMs: number; maxRssMb: number };
  p50Ms?: number;
  p95Ms?: number;
  perSecond?: number;
  requests?: number;
  clients?: number;
}

export interface Progress {
  rows: number;
  steps: Record<string, StepFigures>;
  sizes?: { warehouseBytes: number; dataBytes: number; inboxBytes: number; archiveBytes: number };
  finishedAt?: string;
}

export interface ReportContext {
  readonly cores: number;
  readonly memGiB: number;
  readonly node: string;
  readonly clients: number;
  readonly rounds: number;
  readonly pages: readonly string[];
  readonly median: (xs: readonly number[]) => number;
}

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '');
const gb = (b: number | undefined) => (b === undefined ? '' : `${(b / 2 ** 30).toFixed(2)} GB`);
const mb = (m: number) => (m > 0 ? `${m.toFixed(0)} MB` : '');

export function scaleReport(runs: readonly Progress[], c: ReportContext): string {
  const lines = [
    `Measured on ${c.cores} cores, ${c.memGiB.toFixed(0)} GiB, Node ${c.node}; every step a fresh process under /usr/bin/time, niced, on the compiled JavaScript (dist/).`,
    'The machine is shared: the wall times measure its queue as much as the work; the CPU time (user + system, all threads) is the figure to read.',
    '',
    '| ledger rows | step | wall | CPU | peak memory (max RSS) | other |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of runs) {
    const n = r.rows.toLocaleString('en-US');
    for (const [name, f] of Object.entries(r.steps)) {
      const other = [
        f.bytes !== undefined ? `file ${gb(f.bytes)}` : '',
        f.peakTmpBytes !== undefined ? `peak tmp/ ${gb(f.peakTmpBytes)}, peak data folder ${gb(f.peakDataBytes)}` : '',
        f.baseline ? `baseline \`etl status\`: ${s(f.baseline.ms)} wall, ${s(f.baseline.cpuMs)} CPU, ${mb(f.baseline.maxRssMb)}` : '',
        f.p95Ms !== undefined ? `${f.clients} clients, ${f.requests} requests: p50 ${f.p50Ms!.toFixed(0)} ms, p95 ${f.p95Ms.toFixed(0)} ms, ${f.perSecond!.toFixed(1)} requests/s` : '',
        `load average ${f.load1.toFixed(1)}`,
      ].filter(Boolean);
      const label = f.done ? name : `${name} (**not finished**: reached so far)`;
      lines.push(`| ${n} | ${label} | ${s(f.ms)} | ${s(f.cpuMs)} | ${mb(f.maxRssMb)} | ${other.join('; ')} |`);
    }
    if (r.sizes) lines.push(`| ${n} | on disk after the load | | | | warehouse ${gb(r.sizes.warehouseBytes)}; data folder ${gb(r.sizes.dataBytes)} (inbox ${gb(r.sizes.inboxBytes)}, archive ${gb(r.sizes.archiveBytes)}) |`);
  }
  return lines.join('\n');
}
