/**
 * The `practiceboard` command line: ETL runs, status and rejects, and the demo generator.
 * Failures exit non-zero with one clear sentence; when the server holds the warehouse the
 * work is handed to it.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { generateDemo, generateLedger } from '../demo/generate.ts';
import { PracticeBoardError, WarehouseLockedError } from '../core/errors.ts';
import { knownFailure } from '../etl/failure.ts';
import { copyIntoInbox } from '../etl/inbox.ts';
import type { LoadReport } from '../etl/load/report.ts';
import { ProfileRegistry } from '../etl/profiles/registry.ts';
import { INBOX_SOURCES, type InboxSource } from '../etl/inbox.ts';
import { SOURCE_NAMES, type SourceName } from '../etl/sources/contract.ts';
import { loadConfig, type Config } from './config.ts';
import { openContext, type Context } from './context.ts';
import { profileCheckText, progressBar, summaryTable, table } from './cliOutput.ts';
import { checkProfileOnFile } from '../etl/load/profileCheck.ts';
import { callServer, fetchFromServer, readServerInfo, type ServerInfo } from './handoff.ts';
import { buildReportFile } from './commands/reportBuild.ts';
import { etlRejects, etlStatus, type EtlRejects, type EtlStatus } from './commands/etlHistory.ts';
import { runEtl, type EtlRunRequest, type InboxFile } from './commands/etlRun.ts';
import { commandLine } from './commands/invocation.ts';
import { registerWarehouseCommands } from './commands/warehouse.ts';
import { chainReportText, exportAuditHead, verifyAudit, type ExportedHead } from './commands/audit.ts';
import { parseExportedHead, type ChainReport } from './audit/verify.ts';
import { emergencyResetPassword } from './auth/index.ts';
import { createLogger } from './log.ts';
import { guardFormula } from '../dashboards/export/csv.ts';
import { presentInstant, timesLabel } from '../dashboards/present/index.ts';

const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
};

class Handoff extends Error {}

async function withContext<T>(config: Config, fn: (ctx: Context) => Promise<T>): Promise<T> {
  let ctx: Context;
  try {
    ctx = await openContext(config, { logger: createLogger({ level: process.env.PRACTICEBOARD_LOG_LEVEL ?? 'warn' }) });
  } catch (err) {
    if (err instanceof WarehouseLockedError) throw new Handoff();
    throw err;
  }
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}

/**
 * Run `local` on the warehouse, or, when the server holds it, `remote` through the server (the
 * hand-off); if no server answers, say plainly that the warehouse is in use.
 */
async function localOrServer<T>(config: Config, local: (ctx: Context) => Promise<T>, remote: (info: ServerInfo) => Promise<T | undefined>, waiting?: string): Promise<T> {
  try {
    return await withContext(config, local);
  } catch (err) {
    if (!(err instanceof Handoff)) throw err;
    const info = readServerInfo(config.paths.serverInfo);
    const res = info ? await remote(info) : undefined;
    if (res === undefined) throw lockedError(config, info, waiting);
    return res;
  }
}

/** The warehouse is held and no server answered: say who may hold it and what happens to the files. */
function lockedError(config: Config, info: ServerInfo | undefined, waiting?: string): PracticeBoardError {
  const who = info
    ? `a PracticeBoard server (pid ${info.pid}) that is not answering, or another \`practiceboard\` command`
    : 'another PracticeBoard process (another `practiceboard` command still running; no server is running)';
  const then = waiting ? `${waiting}, or run \`practiceboard etl run\` again once it is done.` : 'Try again once it is done.';
  return new PracticeBoardError('WAREHOUSE_LOCKED', `the warehouse ${config.paths.warehouse} is in use by ${who}. ${then}`);
}

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

async function etlRun(files: string[], opts: { source?: InboxSource; profile?: string; progress: boolean }): Promise<number> {
  const config = loadConfig();
  const profiles = ProfileRegistry.load(config.paths.profiles);
  const targets = files.length > 0 ? intoInbox(config, files, opts.source, profiles, opts.profile) : undefined;
  const req: EtlRunRequest = targets ? { files: targets.map((t) => ({ ...t, ...(opts.profile ? { profileId: opts.profile } : {}) })) } : { scan: true, ...(opts.source ? { sources: [opts.source] } : {}) };
  const bar = progressBar(opts.progress && process.stderr.isTTY === true);
  const progressOf = (f: InboxFile) => {
    bar.start(f.name, 0);
    return { onProgress: (p: { phase: string; fraction?: number }) => bar.update(p.phase, p.fraction ?? (p.phase === 'done' ? 1 : 0)), done: () => bar.stop() };
  };
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

async function showEtlStatus(limit: number): Promise<number> {
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

async function showEtlRejects(runId: string, opts: { raw: boolean }): Promise<number> {
  const config = loadConfig();
  const out = await localOrServer<EtlRejects>(
    config,
    (ctx) => etlRejects(ctx, runId, opts, commandLine()),
    (info) => callServer<EtlRejects>(info, 'GET', `/etl/rejects/${encodeURIComponent(runId)}${opts.raw ? '?raw=1' : ''}`),
  );
  if (opts.raw) {
    // Admin download of the quarantined records, as CSV, to correct and load again.
    process.stdout.write('line_n,raw_record\n' + out.raw.map((r) => `${r.line_n},"${guardFormula(r.raw_record).replaceAll('"', '""')}"`).join('\n') + '\n');
    return 0;
  }
  console.log(out.rejects.length === 0 ? `Run ${runId} rejected no rows.` : table(['line', 'column', 'reason'], out.rejects.map((r) => [r.line_n, r.column_name, r.reason])));
  return 0;
}

/** `profile check`: no warehouse, no lock; the practice's profiles as on disk. */
async function profileCheck(file: string, o: { profile?: string; source?: SourceName; rows: number }): Promise<number> {
  const path = resolve(file);
  if (!existsSync(path)) throw new PracticeBoardError('FILE_NOT_FOUND', `${file}: no such file`);
  const profiles = ProfileRegistry.load(loadConfig().paths.profiles);
  const c = await checkProfileOnFile(profiles, path, { fileName: basename(path), sampleRows: o.rows, ...(o.profile ? { profileId: o.profile } : {}), ...(o.source ? { source: o.source } : {}) });
  console.log(profileCheckText(c));
  return 0;
}

async function reportBuild(o: { month: string; out: string; size: 'letter' | 'a4'; format: 'pdf' | 'html' }): Promise<number> {
  const config = loadConfig();
  const done = await localOrServer(
    config,
    async (ctx) => {
      const r = await buildReportFile(ctx, { month: o.month, out: o.out, size: o.size, format: o.format });
      return `Wrote the ${r.status.state} board pack for ${o.month} to ${r.path} (${r.bytes.toLocaleString('en-US')} bytes, ${r.ms} ms).`;
    },
    async (info) => {
      console.error(`The server (pid ${info.pid}) holds the warehouse; asking it for the pack.`);
      const bytes = await fetchFromServer(info, `/report/${o.month}?size=${o.size}&format=${o.format}`);
      if (!bytes) return undefined;
      writeFileSync(resolve(o.out), bytes);
      return `Wrote the board pack for ${o.month} to ${resolve(o.out)} (${bytes.length.toLocaleString('en-US')} bytes).`;
    },
  );
  console.log(done);
  return 0;
}

async function auditHeadOut(): Promise<number> {
  const config = loadConfig();
  const head = await localOrServer<ExportedHead>(
    config,
    (ctx) => exportAuditHead(ctx, commandLine()),
    (info) => callServer<ExportedHead>(info, 'GET', '/audit/head'),
  );
  console.log(JSON.stringify(head));
  return 0;
}

async function auditVerifyOut(o: { head?: string }): Promise<number> {
  const config = loadConfig();
  let text: string | undefined;
  if (o.head !== undefined) {
    if (!existsSync(o.head)) throw new PracticeBoardError('FILE_NOT_FOUND', `${o.head}: no such file`);
    text = readFileSync(o.head, 'utf8');
  }
  const anchor = text === undefined ? undefined : parseExportedHead(text);
  const report = await localOrServer<ChainReport>(
    config,
    (ctx) => verifyAudit(ctx, anchor),
    (info) => callServer<ChainReport>(info, 'POST', '/audit/verify', text === undefined ? {} : { head: text }),
  );
  (report.ok ? console.log : console.error)(chainReportText(report, anchor));
  return report.ok ? 0 : 1;
}

export function buildProgram(): Command {
  const program = new Command('practiceboard').description('PracticeBoard: analytics and board reporting for a medical practice').exitOverride();
  const etl = program.command('etl').description('load exports into the warehouse and inspect loads');
  etl
    .command('run')
    .description('load FILEs (copied into the inbox of their source), or scan the whole inbox when none are given')
    .argument('[files...]', 'files to load (CSV exports; X12 835 remittances with --source remittance)')
    .addOption(new Option('--source <source>', 'the source the files are').choices(INBOX_SOURCES as unknown as string[]))
    .option('--profile <id>', 'the profile to read them with (default: chosen by header)')
    .option('--no-progress', 'no progress bar')
    .action(async (files: string[], o) => {
      process.exitCode = await etlRun(files, o);
    });
  etl
    .command('status')
    .description('what each source covers and the recent runs')
    .option('--limit <n>', 'runs to show', int, 20)
    .action(async (o) => {
      process.exitCode = await showEtlStatus(o.limit);
    });
  etl
    .command('rejects')
    .description("list a run's rejected rows: line, column and reason")
    .argument('<run>', 'run id, from `etl status`')
    .option('--raw', 'admin: write the quarantined raw records as CSV to standard output')
    .action(async (run: string, o) => {
      process.exitCode = await showEtlRejects(run, { raw: o.raw === true });
    });
  program
    .command('profile')
    .description('source profiles')
    .command('check')
    .description('dry run: which profile reads FILE, its column mapping, the first rows as typed and what would be rejected; loads nothing (works while the server runs)')
    .argument('<file>', 'a CSV export')
    .option('--profile <id>', 'the profile to read it with (default: the best fit)')
    .addOption(new Option('--source <source>', 'the source it is (default: any)').choices(SOURCE_NAMES as unknown as string[]))
    .option('--rows <n>', 'rows to show as typed', int, 5)
    .action(async (file: string, o: { profile?: string; source?: SourceName; rows: number }) => {
      process.exitCode = await profileCheck(file, o);
    });
  const report = program.command('report').description('month-end board packs');
  report
    .command('build')
    .description("write a month's board pack (the approved one if the month is approved, else a draft)")
    .requiredOption('--month <YYYY-MM>', 'the month')
    .requiredOption('--out <file>', 'where to write it')
    .addOption(new Option('--size <size>', 'page size').choices(['letter', 'a4']).default('letter'))
    .addOption(new Option('--format <format>', 'PDF or one self-contained offline HTML file').choices(['pdf', 'html']).default('pdf'))
    .action(async (o: { month: string; out: string; size: 'letter' | 'a4'; format: 'pdf' | 'html' }) => {
      process.exitCode = await reportBuild(o);
    });
  program
    .command('users')
    .description('accounts (the server must be stopped: this is the emergency access procedure)')
    .command('reset-password')
    .description("give an account a new random password, printed once; unlocks and enables it and ends its sessions")
    .argument('<username>', 'the account, e.g. admin')
    .action(async (username: string) => {
      const config = loadConfig();
      try {
        await withContext(config, (ctx) => ctx.warehouse.use((c) => emergencyResetPassword(c, username)));
      } catch (err) {
        if (err instanceof Handoff) {
          throw new PracticeBoardError('SERVER_RUNNING', 'the server holds the warehouse: stop it first (emergency access works on a stopped server), or ask an admin to reset the password under Admin > Users');
        }
        throw err;
      }
    });
  const auditCmd = program.command('audit').description('the tamper-evident audit log');
  auditCmd
    .command('head')
    .description('print the head of the audit chain as JSON {seq, mac, at}: keep it where PracticeBoard cannot write (audited)')
    .action(async () => {
      process.exitCode = await auditHeadOut();
    });
  auditCmd
    .command('verify')
    .description('check the audit chain; with --head, also that the head exported earlier is still in it unchanged (exit 1 when not)')
    .option('--head <file>', 'a head printed earlier by `practiceboard audit head`')
    .action(async (o: { head?: string }) => {
      process.exitCode = await auditVerifyOut(o);
    });
  registerWarehouseCommands(program, (fn) =>
    withContext(loadConfig(), fn).catch((err: unknown) => {
      throw err instanceof Handoff ? new PracticeBoardError('SERVER_RUNNING', 'the server holds the warehouse: stop it first') : err;
    }),
  );
  const demo = program.command('demo').description('the synthetic demo practice');
  demo
    .command('generate')
    .description('write the demo practice as canonical CSVs (and vendor-flavoured variants)')
    .option('--out <dir>', 'output folder', 'data/demo')
    .option('--seed <n>', 'random seed', int, 42)
    .option('--months <n>', 'months of history', int, 24)
    .option('--end <YYYY-MM>', 'last month', '2026-10')
    .option('--ledger-rows <n>', 'instead: write a billing ledger of exactly n rows (benchmarks)', int)
    .action(async (o) => {
      if (o.ledgerRows !== undefined) {
        const r = await generateLedger({ outPath: join(o.out, 'billing.csv'), rows: o.ledgerRows, seed: o.seed });
        console.log(`Wrote ${r.rows} ledger rows to ${join(o.out, 'billing.csv')}`);
        return;
      }
      const s = await generateDemo({ outDir: o.out, seed: o.seed, months: o.months, endMonth: o.end });
      console.log(`Wrote the demo practice to ${o.out}`);
      console.log(JSON.stringify(s, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) return e.exitCode ?? 2;
    if (err instanceof PracticeBoardError) {
      console.error(`practiceboard: ${err.message}`);
      return 1;
    }
    const known = knownFailure(err);
    if (known) console.error(`practiceboard: ${known.message}.`);
    else console.error(`practiceboard: unexpected error (${(err as Error).name}); nothing partial was kept. Run with PRACTICEBOARD_LOG_LEVEL=debug for details.`);
    if (process.env.PRACTICEBOARD_LOG_LEVEL === 'debug') console.error(err);
    return 1;
  }
}

if (process.argv[1] && /practiceboard(\.mjs)?$|cli\.ts$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
