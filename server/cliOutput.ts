/**
 * How the command line shows a load: a progress bar while it runs (rows, rate, time left)
 * and a summary table at the end. Only counts, totals and reasons are printed; never a row.
 */
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { ProfileCheck } from '../etl/load/profileCheck.ts';
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

/**
 * One line per load: the profile it was read with, counts, the warnings' row count and the
 * control totals (the file's, the loaded rows', and the trailer row's own total when there is
 * one); then each message and each warning, with its field and row count.
 */
export function summaryTable(reports: readonly LoadReport[]): string {
  const t = new Table({
    head: ['file', 'source', 'profile', 'status', 'read', 'loaded', 'rejected', 'replaced', 'warnings', 'file total', 'loaded total', 'trailer total', 'run'],
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
  });
  for (const r of reports) {
    const warned = (r.warnings ?? []).reduce((n, w) => n + w.rows, 0);
    t.push([r.fileName, r.source, r.profileId ?? '', r.status, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsReplaced, warned, r.fileTotal ?? '', r.loadedTotal ?? '', r.trailerTotal ?? '', r.runId]);
  }
  const notes = reports.flatMap((r) => [
    // Most messages start with the file's name already: said once.
    ...(r.message ? [`  ${r.fileName}: ${r.errorCode ?? ''} ${r.message.startsWith(`${r.fileName}: `) ? r.message.slice(r.fileName.length + 2) : r.message}`] : []),
    ...(r.signsNote ? [`  ${r.fileName}: ${r.signsNote}; file total ${r.fileTotal ?? ''} is as written`] : []),
    ...(r.warnings ?? []).map((w) => `  ${r.fileName}: warning: ${w.column} ${w.reason} (${w.rows} ${w.rows === 1 ? 'row' : 'rows'})`),
  ]);
  return t.toString() + (notes.length > 0 ? `\n${notes.join('\n')}` : '');
}

export function table(head: string[], rows: (string | number | null)[][], rightFrom = 99): string {
  const t = new Table({ head, style: { head: [], border: [] }, colAligns: head.map((_, i) => (i >= rightFrom ? 'right' : 'left')) });
  for (const r of rows) t.push(r.map((v) => (v === null ? '' : String(v))));
  return t.toString();
}

/** The text of a profile dry run: the profile, the mapping, the first rows as typed, what would be rejected. */
export function profileCheckText(c: ProfileCheck): string {
  const out: string[] = [];
  out.push(`Profile ${c.profileId} (${c.label}), source ${c.source}; header on line ${c.headerLine}.`);
  out.push('', 'Column mapping');
  out.push(table(['field', 'required', 'from the column'], c.mapping.map((m) => [m.field, m.required ? 'yes' : 'no', m.from ?? '(blank)'])));
  if (c.ignoredColumns.length > 0) out.push(`Columns not read (never stored): ${c.ignoredColumns.join(', ')}`);
  out.push('', `First ${c.sample.length} rows as typed (blank: empty or not typable)`);
  // One column per row, one line per field: exports have more fields than a terminal has room for columns.
  const fields = c.mapping.map((m) => m.field);
  const rows: (string | number | null)[][] = [['would load', ...c.sample.map((r) => (r.ok ? 'yes' : 'no'))], ...fields.map((f) => [f, ...c.sample.map((r) => r.values[f] ?? null)])];
  out.push(table(['field', ...c.sample.map((r) => `line ${r.line}`)], rows));
  out.push('', `Rows read ${c.rowsRead}, would load ${c.rowsRead - c.rowsRejected}, would reject ${c.rowsRejected}; trailer rows ${c.trailerRows}.`);
  if (c.fileTotal !== null) out.push(`File total ${c.fileTotal}, total that would load ${c.loadedTotal ?? ''}${c.trailerTotal !== null ? `, trailer total ${c.trailerTotal}` : ''}.`);
  if (c.signsNote !== null) out.push(`As written, the rows that would load total ${c.loadedAsWritten ?? ''}: ${c.signsNote}.`);
  if (c.rejectCounts.length > 0) {
    out.push('', 'Would be rejected');
    out.push(table(['column', 'reason', 'rows'], c.rejectCounts.map((r) => [r.column, r.reason, r.rows]), 2));
    out.push('', 'First rejected lines');
    out.push(table(['line', 'column', 'reason'], c.rejects.map((r) => [r.line, r.column, r.reason])));
  }
  if (c.warnings.length > 0) {
    out.push('', 'Warnings (rows that would load)');
    out.push(table(['column', 'warning', 'rows'], c.warnings.map((w) => [w.column, w.reason, w.rows]), 2));
  }
  out.push('', 'Nothing was loaded. Ids unknown to the reference data are reported when the file is loaded.');
  return out.join('\n');
}
