/**
 * `practiceboard etl run | status | rejects`: files into their source's inbox (the one way files
 * enter) and loaded now, or the whole inbox scanned; coverage and recent runs; a run's rejects.
 * Each runs on the warehouse, or through the server when it holds it (local.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { PracticeBoardError } from '../../core/errors.ts';
import { knownFailure } from '../../etl/failure.ts';
import { copyIntoInbox } from '../../etl/inbox.ts';
import { INBOX_SOURCES, type InboxSource } from '../../etl/inboxSources.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { ProfileRegistry } from '../../etl/profiles/registry.ts';
import { presentInstant, timesLabel } from '../../dashboards/present/time.ts';
import { loadConfig, type Config } from '../config.ts';
import { progressBar, summaryTable, table } from '../cliOutput.ts';
import { callServer } from '../handoff.ts';
import { etlRejects, etlStatus, type EtlRejects, type EtlStatus } from '../commands/etlHistory.ts';
import type { EtlRunRequest, InboxFile } from '../commands/etlRun.ts';
import { commandLine } from '../commands/invocation.ts';
import { localOrServer } from './local.ts';

/**
 * Put each file in its source's inbox folder (the one way files enter), returning where. The
 * copy goes to a hidden temporary name first and is renamed when complete, so a copy killed
 * half-way never loads.
 */
function intoInbox(config: Config, files: string[], source: InboxSource | undefined, profiles: ProfileRegistry, profileId?: string) {
  return files.map((f) => {
    const path = resolve(f);
    if (!existsSync(path)) throw new PracticeBoardError('FILE_NOT_FOUND', `${f}: no such file`);
    if (statSync(path).isDirectory()) throw new PracticeBoardError('NOT_A_FILE', `${f}: is a folder, not a file; give the CSV files in it (for example ${join(f, '*.csv')})`);
    const fromDir = basename(dirname(path)) as InboxSource;
    const src = source ?? (profileId ? (profiles.get(profileId).source as InboxSource) : INBOX_SOURCES.includes(fromDir) ? fromDir : undefined);
    if (!src) throw new PracticeBoardError('SOURCE_REQUIRED', `${f}: say which source it is with --source (${INBOX_SOURCES.join(', ')})`);
    const dir = join(config.paths.inbox, src);
    if (!relative(dir, path).startsWith('..') && dirname(path) === dir) return { source: src, name: basename(path) };
    try {
      return { source: src, name: copyIntoInbox(path, dir, basename(path)) };
    } catch (err) {
      const known = knownFailure(err);
      if (known) throw new PracticeBoardError(known.code, `${f}: could not be copied into ${dir}: ${known.message}`);
      throw err;
    }
  });
}

export async function etlRun(files: string[], opts: { source?: InboxSource; profile?: string; progress: boolean }): Promise<number> {
  const config = loadConfig();
  const profiles = ProfileRegistry.load(config.paths.profiles);
  const targets = files.length > 0 ? intoInbox(config, files, opts.source, profiles, opts.profile) : undefined;
  const req: EtlRunRequest = targets ? { files: targets.map((t) => ({ ...t, ...(opts.profile ? { profileId: opts.profile } : {}) })) } : { scan: true, ...(opts.source ? { sources: [opts.source] } : {}) };
  const bar = progressBar(opts.progress && process.stderr.isTTY === true);
  const progressOf = (f: InboxFile) => {
    bar.start(f.name, 0);
    return { onProgress: (p: { phase: string; fraction?: number }) => bar.update(p.phase, p.fraction ?? (p.phase === 'done' ? 1 : 0)), done: () => bar.stop() };
  };
  // The load path (and the restatement step after it) is loaded by this command only.
  const { runEtl } = await import('../commands/etlRun.ts');
  const reports = await localOrServer(
    config,
    (ctx) =>
      runEtl(ctx, req, {
        progressOf,
        onUnsettled: (src, name) => console.error(`${src}/${name} is still changing (modified in the last ${config.etl.settleMs} ms); it loads on a later scan.`),
      }),
    async (info) => {
      console.error(`The server (pid ${info.pid}) holds the warehouse; handing the work to it.`);
      return (await callServer<{ reports: LoadReport[] }>(info, 'POST', '/etl/run', req))?.reports;
    },
    targets ? `${targets.map((t) => `${t.source}/${t.name}`).join(', ')} wait${targets.length === 1 ? 's' : ''} in the inbox (${config.paths.inbox}) and load on the next scan` : undefined,
  );
  if (reports.length === 0) console.log('Nothing to load: the inbox is empty.');
  else console.log(summaryTable(reports));
  return reports.some((r) => r.status === 'rejected' || r.status === 'failed') ? 1 : 0;
}

export async function showEtlStatus(limit: number): Promise<number> {
  const config = loadConfig();
  const data = await localOrServer<EtlStatus>(
    config,
    (ctx) => etlStatus(ctx, limit, commandLine()),
    (info) => callServer<EtlStatus>(info, 'GET', `/etl/status?limit=${limit}`),
  );
  // Load times (UTC in the warehouse) as the practice reads them, the zone said once.
  const at = (utc: string | null) => (utc ? presentInstant(utc, config.timezone, { zone: false }) : null);
  console.log(`${timesLabel(config.timezone)}.\n`);
  console.log('Coverage by source');
  console.log(table(['source', 'files', 'rows', 'first date', 'last date', 'last load'], data.coverage.map((c) => [c.source, c.files_n, c.rows_n, c.first_date, c.last_date, at(c.last_loaded_at)]), 1));
  console.log('\nRecent runs');
  console.log(table(['run', 'started', 'source', 'file', 'status', 'read', 'loaded', 'rejected', 'loaded total'], data.runs.map((r) => [r.run_id, at(r.started_at), r.source, r.file_name, r.status, r.rows_read, r.rows_loaded, r.rows_rejected, r.loaded_total_usd]), 5));
  return 0;
}

export async function showEtlRejects(runId: string, opts: { raw: boolean }): Promise<number> {
  const config = loadConfig();
  const out = await localOrServer<EtlRejects>(
    config,
    (ctx) => etlRejects(ctx, runId, opts, commandLine()),
    (info) => callServer<EtlRejects>(info, 'GET', `/etl/rejects/${encodeURIComponent(runId)}${opts.raw ? '?raw=1' : ''}`),
  );
  if (opts.raw) {
    // Admin download of the quarantined records, as CSV, to correct and load again. The CSV
    // guard (and its CSV library) is loaded only here.
    const { guardFormula } = await import('../../dashboards/export/csv.ts');
    process.stdout.write('line_n,raw_record\n' + out.raw.map((r) => `${r.line_n},"${guardFormula(r.raw_record).replaceAll('"', '""')}"`).join('\n') + '\n');
    return 0;
  }
  console.log(out.rejects.length === 0 ? `Run ${runId} rejected no rows.` : table(['line', 'column', 'reason'], out.rejects.map((r) => [r.line_n, r.column_name, r.reason])));
  return 0;
}
