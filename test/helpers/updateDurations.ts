/**
 * Refresh test/helpers/durations.json (the sequencer's list: test/helpers/sequencer.ts) from a
 * full run's JSON report: `npx tsx test/helpers/updateDurations.ts test/output/vitest.json`
 * (written by .ci/run). The report times a file from its first test's start to its last test's
 * end, leaving out what comes before (its imports, its beforeAll: starting a server, a browser,
 * loading or copying the demo), which can be most of a file. So each file is put back on the
 * worker it ran on (the report does not say which: the files are laid on `workers` lanes, each
 * on the lane that finished last before it started) and counted from the end of that lane's
 * previous file (or the run's start) to its own end. Seconds, rounded to a tenth, longest
 * first; files no longer in the run drop out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { TEST_WORKERS } from './sequencer.ts';

export interface ReportFile {
  readonly name: string;
  readonly startTime: number;
  readonly endTime: number;
}

/** Each file's span in ms: from the end of the previous file on its lane to its own end. */
export function spans(files: readonly ReportFile[], runStart: number, workers: number): Map<string, number> {
  const lanes = Array.from({ length: workers }, () => runStart);
  const out = new Map<string, number>();
  for (const f of [...files].sort((a, b) => a.startTime - b.startTime)) {
    const free = lanes.map((end, i) => [end, i] as const).filter(([end]) => end <= f.startTime);
    // A lane free before the file started, the one that freed last; none (clocks overlap): the earliest.
    const [end, lane] = free.length ? free.reduce((a, b) => (b[0] > a[0] ? b : a)) : lanes.map((e, i) => [e, i] as const).reduce((a, b) => (b[0] < a[0] ? b : a));
    out.set(f.name, f.endTime - Math.min(end, f.startTime));
    lanes[lane] = Math.max(end, f.endTime);
  }
  return out;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const report = process.argv[2];
  const workers = Number(process.argv[3] ?? TEST_WORKERS);
  if (!report) throw new Error(`usage: npx tsx test/helpers/updateDurations.ts test/output/vitest.json [workers, default ${TEST_WORKERS}]`);
  // The report sits at <root>/test/output/: its file names are absolute paths under that root.
  const root = resolve(dirname(report), '..', '..');
  const json = JSON.parse(readFileSync(report, 'utf8')) as { startTime: number; testResults: ReportFile[] };
  const ms = spans(json.testResults, json.startTime, workers);
  const rows = [...ms]
    .map(([name, t]) => [relative(root, name).split('\\').join('/'), Math.round(t / 100) / 10] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  writeFileSync(join(import.meta.dirname, 'durations.json'), `${JSON.stringify(Object.fromEntries(rows), null, 1)}\n`);
  console.info(`${rows.length} files, ${rows.reduce((s, [, t]) => s + t, 0).toFixed(0)} s in all on ${workers} workers`);
}
