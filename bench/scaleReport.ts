/**
 * The `bench:scale` section of docs/benchmarks.md from the runs' progress files (bench/scale.ts):
 * one column per ledger size, one row per measure (wall time, CPU time, peak memory, disk, page
 * latency), then where the ledger load's time went. A step that had not finished says so and
 * gives what it had reached; a step never reached is left blank, never estimated.
 */
export interface StepFigures {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  /** The machine's one-minute load average when the step ended. */
  load1: number;
  done?: boolean;
  /** What the step ran: the commit and any configuration beside the defaults (bench/scale.ts records it). */
  note?: string;
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
  readonly pages: readonly string[];
}

const sec = (ms: number | null | undefined) => (ms == null || !Number.isFinite(ms) ? '' : `${(ms / 1000).toFixed(1)} s`);
const gb = (b: number | undefined) => (b === undefined ? '' : `${(b / 1e9).toFixed(2)} GB`);
const mb = (m: number | undefined) => (m === undefined || !(m > 0) ? '' : `${m.toFixed(0)} MB`);
const ratio = (a: number | undefined, b: number | undefined) => (a && b && Number.isFinite(a / b) ? (a / b).toFixed(2) : '');

/** "wall, CPU" of a step, or what an unfinished step had reached. */
function time(f: StepFigures | undefined): string {
  if (!f) return 'not reached';
  if (!f.done) return `**not finished**: ${sec(f.ms)} wall${Number.isFinite(f.cpuMs) ? `, ${sec(f.cpuMs)} CPU` : ''} when last sampled`;
  return `${sec(f.ms)} wall, **${sec(f.cpuMs)} CPU**`;
}

export function scaleReport(runs: readonly Progress[], c: ReportContext): string {
  const cols = runs.map((r) => r.rows.toLocaleString('en-US'));
  const row = (label: string, cell: (r: Progress) => string) => `| ${label} | ${runs.map(cell).join(' | ')} |`;
  const st = (r: Progress, name: string) => r.steps[name];
  const lines = [
    `Measured on ${c.cores} cores, ${c.memGiB.toFixed(0)} GiB, Node ${c.node} (disk sizes in GB of 10^9 bytes, memory in MB of 2^20), on the code named in the notes below the table (each step notes what it ran); every step a fresh process under /usr/bin/time, niced (\`nice -n 10\`), on the compiled JavaScript (dist/); seed 42.`,
    "The machine is shared (load average in the last row): wall times measure its queue as much as the work; the CPU time (user + system, all threads) is the figure to read. Peak memory is the process's max RSS (for an unfinished step, its VmHWM when last sampled).",
    '',
    `| measure | ${cols.join(' | ')} |`,
    `| --- | ${cols.map(() => '---').join(' | ')} |`,
    row('ledger file (`demo generate --ledger-rows`)', (r) => gb(st(r, 'generateLedger')?.bytes)),
    row('generating it', (r) => time(st(r, 'generateLedger'))),
    row('peak memory generating it', (r) => mb(st(r, 'generateLedger')?.maxRssMb)),
    row('the demo reference, appointment and payroll files: `etl run`, one process each, summed', (r) => time(st(r, 'loadReference'))),
    row('**`etl run` of the ledger** into that warehouse (rollups included)', (r) => time(st(r, 'loadLedger'))),
    row('CPU per million rows', (r) => {
      const f = st(r, 'loadLedger');
      return f?.done ? `${(f.cpuMs / 1000 / (r.rows / 1e6)).toFixed(1)} s` : '';
    }),
    row('**peak memory of the load** (max RSS)', (r) => (st(r, 'loadLedger') ? `**${mb(st(r, 'loadLedger')!.maxRssMb)}**` : '')),
    row("peak size of the data folder's tmp/ during the load (canonical copy, DuckDB spill)", (r) => gb(st(r, 'loadLedger')?.peakTmpBytes)),
    row('peak size of the whole data folder during the load', (r) => gb(st(r, 'loadLedger')?.peakDataBytes)),
    row('**warehouse on disk** after the load (file and WAL)', (r) => (r.sizes ? `**${gb(r.sizes.warehouseBytes)}** (${(r.sizes.warehouseBytes / r.rows).toFixed(0)} MB per million rows)` : '')),
    row('data folder after the load (inbox, archive)', (r) => (r.sizes ? `${gb(r.sizes.dataBytes)} (${gb(r.sizes.inboxBytes)}, ${gb(r.sizes.archiveBytes)})` : '')),
    row('baseline: bare DuckDB `read_csv` of the ledger (bench/bareRead.mjs)', (r) => time(st(r, 'bareRead'))),
    row('**ratio load / bare read**, CPU (wall)', (r) => {
      const [l, b] = [st(r, 'loadLedger'), st(r, 'bareRead')];
      return l?.done && b?.done ? `**${ratio(l.cpuMs, b.cpuMs)}** (${ratio(l.ms, b.ms)})` : '';
    }),
    row('baseline: `etl status` on the warehouse (start-up), median', (r) => {
      const b = st(r, 'smallFile')?.baseline;
      return b ? `${sec(b.ms)} wall, ${sec(b.cpuMs)} CPU, ${mb(b.maxRssMb)}` : 'not reached';
    }),
    row('`etl run` of a 500-row billing file into it, median', (r) => {
      const f = st(r, 'smallFile');
      return f?.done ? `${time(f)}, ${mb(f.maxRssMb)}` : time(f);
    }),
    row('the 500-row load above start-up (load - status), CPU', (r) => {
      const f = st(r, 'smallFile');
      return f?.done && f.baseline ? `${sec(f.cpuMs - f.baseline.cpuMs)} (ratio ${ratio(f.cpuMs, f.baseline.cpuMs)})` : '';
    }),
    row('of which the rollup refresh (incremental: A/R from the first month the file touches), CPU, last run', (r) => {
      const ph = st(r, 'smallFile')?.phases;
      return ph && st(r, 'smallFile')?.done ? sec(ph.cpuMs.rollups) : '';
    }),
    row(`pages over HTTP (${c.pages.join(', ')}), signed-in clients, client latency`, (r) => {
      const f = st(r, 'pages');
      return f?.done ? `${f.clients} clients, ${f.requests} requests: p50 ${f.p50Ms!.toFixed(0)} ms, **p95 ${f.p95Ms!.toFixed(0)} ms**, ${f.perSecond!.toFixed(1)} requests/s` : 'not reached';
    }),
    row('the server: start-up to listening; its CPU and peak memory over the whole run', (r) => {
      const f = st(r, 'pages');
      return f?.done ? `${sec(f.ms)}; ${sec(f.cpuMs)} CPU, ${mb(f.maxRssMb)}` : '';
    }),
    row('load average (1 min) at the end of the load (or when last sampled)', (r) => (st(r, 'loadLedger') ? st(r, 'loadLedger')!.load1.toFixed(1) : '')),
  ];
  const phased = runs.filter((r) => st(r, 'loadLedger')?.phases);
  if (phased.length > 0) {
    const names = Object.keys(st(phased[0]!, 'loadLedger')!.phases!.wallMs);
    lines.push('', "Where the ledger load's time went (the phase times the load logs, etl/load/phases.ts; CPU share of the phases' total):", '');
    lines.push(`| phase | ${phased.map((r) => `${r.rows.toLocaleString('en-US')}: wall | CPU (share)`).join(' | ')} |`);
    lines.push(`| --- | ${phased.map(() => '--- | ---').join(' | ')} |`);
    for (const n of names) {
      lines.push(
        `| ${n} | ${phased
          .map((r) => {
            const ph = st(r, 'loadLedger')!.phases!;
            const total = Object.values(ph.cpuMs).reduce((a, b) => a + b, 0);
            return `${sec(ph.wallMs[n])} | ${sec(ph.cpuMs[n])} (${((100 * (ph.cpuMs[n] ?? 0)) / total).toFixed(0)}%)`;
          })
          .join(' | ')} |`,
      );
    }
  }
  const notes = runs.flatMap((r) => Object.entries(r.steps).filter(([, f]) => f.note).map(([name, f]) => `- ${r.rows.toLocaleString('en-US')} rows, ${name}: ${f.note}`));
  if (notes.length > 0) lines.push('', 'What each step ran:', ...notes);
  return lines.join('\n');
}
