/**
 * Refresh test/helpers/durations.json (the sequencer's list: test/helpers/sequencer.ts) from a
 * full run's JSON report: `npx tsx test/helpers/updateDurations.ts test/output/vitest.json`
 * (written by .ci/run). Seconds per file, rounded to a tenth, sorted longest first; files no
 * longer in the run drop out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

interface Report {
  readonly testResults: readonly { readonly name: string; readonly startTime: number; readonly endTime: number }[];
}

const report = process.argv[2];
if (!report) throw new Error('usage: npx tsx test/helpers/updateDurations.ts test/output/vitest.json');
// The report sits at <root>/test/output/: its file names are absolute paths under that root.
const root = resolve(dirname(report), '..', '..');
const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as Report;
const rows = testResults
  .map((r) => [relative(root, r.name).split('\\').join('/'), Math.round((r.endTime - r.startTime) / 100) / 10] as const)
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
writeFileSync(join(import.meta.dirname, 'durations.json'), `${JSON.stringify(Object.fromEntries(rows), null, 1)}\n`);
console.info(`${rows.length} files, ${rows.reduce((s, [, t]) => s + t, 0).toFixed(0)} s in all`);
