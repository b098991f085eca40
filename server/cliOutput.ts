/**
 * How the command line shows a load: a progress bar while it runs (rows, rate, time left)
 * and a summary table at the end. Only counts, totals and reasons are printed; never a row.
 */
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { LoadReport } from '../etl/load/report.ts';

export function progressBar(enabled: boolean) {
  const bar = new cliProgress.SingleBar(
    {
      format: ' {file} |{bar}| {percentage}% | {phase} | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  let rowsTotal = 0;
  return {
    start(file: string, approxRows: number) {
      if (!enabled) return;
      started = Date.now();
      rowsTotal = Math.max(approxRows, 1);
      bar.start(100, 0, { file, phase: 'reading', rows: 0, rate: 0 });
    },
    update(phase: string, fraction: number) {
      if (!enabled) return;
      const rows = Math.round(rowsTotal * fraction);
      const secs = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(Math.round(fraction * 100), { phase, rows, rate: Math.round(rows / secs) });
    },
    stop() {
      if (enabled) bar.stop();
    },
  };
}

export function summaryTable(reports: readonly LoadReport[]): string {
  const t = new Table({
    head: ['file', 'source', 'status', 'read', 'loaded', 'rejected', 'replaced', 'file total', 'loaded total', 'run'],
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
  });
  for (const r of reports) {
    t.push([r.fileName, r.source, r.status, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsReplaced, r.fileTotal ?? '', r.loadedTotal ?? '', r.runId]);
  }
  const notes = reports
    .filter((r) => r.message)
    .map((r) => `  ${r.fileName}: ${r.errorCode ?? ''} ${r.message}`)
    .join('\n');
  return t.toString() + (notes ? `\n${notes}` : '');
}

export function table(head: string[], rows: (string | number | null)[][], rightFrom = 99): string {
  const t = new Table({ head, style: { head: [], border: [] }, colAligns: head.map((_, i) => (i >= rightFrom ? 'right' : 'left')) });
  for (const r of rows) t.push(r.map((v) => (v === null ? '' : String(v))));
  return t.toString();
}
