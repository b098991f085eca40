/**
 * The `practiceboard` command line: ETL runs, status and rejects, and the demo generator.
 * Failures exit non-zero with one clear sentence; when the server holds the warehouse the
 * work is handed to it (cli/local.ts).
 * Start-up: this module holds only the commands' definitions (names, options, help); each
 * command imports what it runs when it runs (cli/etl.ts, cli/other.ts, ...), so `etl status`
 * never loads the charts, the PDF renderer or the web server, and `--help` no warehouse.
 */
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PracticeBoardError } from '../core/errors.ts';
import { knownFailure } from '../etl/failure.ts';
import { INBOX_SOURCES } from '../etl/inboxSources.ts';
import { SOURCE_NAMES, type SourceName } from '../etl/sources/contract.ts';
import { registerWarehouseCommands } from './commands/warehouse.ts';

const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
};

const etlCommands = () => import('./cli/etl.ts');
const otherCommands = () => import('./cli/other.ts');

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
      process.exitCode = await (await etlCommands()).etlRun(files, o);
    });
  etl
    .command('status')
    .description('what each source covers and the recent runs')
    .option('--limit <n>', 'runs to show', int, 20)
    .action(async (o) => {
      process.exitCode = await (await etlCommands()).showEtlStatus(o.limit);
    });
  etl
    .command('rejects')
    .description("list a run's rejected rows: line, column and reason")
    .argument('<run>', 'run id, from `etl status`')
    .option('--raw', 'admin: write the quarantined raw records as CSV to standard output')
    .action(async (run: string, o) => {
      process.exitCode = await (await etlCommands()).showEtlRejects(run, { raw: o.raw === true });
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
      process.exitCode = await (await otherCommands()).profileCheck(file, o);
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
      process.exitCode = await (await otherCommands()).reportBuild(o);
    });
  program
    .command('users')
    .description('accounts (the server must be stopped: this is the emergency access procedure)')
    .command('reset-password')
    .description("give an account a new random password, printed once; unlocks and enables it and ends its sessions")
    .argument('<username>', 'the account, e.g. admin')
    .action(async (username: string) => {
      await (await otherCommands()).resetPassword(username);
    });
  const auditCmd = program.command('audit').description('the tamper-evident audit log');
  auditCmd
    .command('head')
    .description('print the head of the audit chain as JSON {seq, mac, at}: keep it where PracticeBoard cannot write (audited)')
    .action(async () => {
      process.exitCode = await (await otherCommands()).auditHeadOut();
    });
  auditCmd
    .command('verify')
    .description('check the audit chain; with --head, also that the head exported earlier is still in it unchanged (exit 1 when not)')
    .option('--head <file>', 'a head printed earlier by `practiceboard audit head`')
    .action(async (o: { head?: string }) => {
      process.exitCode = await (await otherCommands()).auditVerifyOut(o);
    });
  registerWarehouseCommands(program, async (fn) => {
    const [{ ownWarehouse }, { loadConfig }] = await Promise.all([import('./cli/local.ts'), import('./config.ts')]);
    return ownWarehouse(loadConfig(), fn, 'the server holds the warehouse: stop it first');
  });
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
      const { generateDemo, generateLedger } = await import('../demo/generate.ts');
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
