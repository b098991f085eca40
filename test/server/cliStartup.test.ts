/**
 * The command line loads only what a command uses (issue 15, start-up): `--help` opens no
 * warehouse and loads no DuckDB, and `etl run` (no approved pack to compare) and `etl status`
 * none of the charts, the board pack's renderer or the web server, while printing what they
 * printed before. Checked on the modules a real command-line process resolves (a module hook
 * records them), not on a reading of the sources.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv } from '../helpers/rows.ts';

const run = promisify(execFile);
let dir: string;
let hooks: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-cli-start-'));
  hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, "import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.PB_TRACE, r.url + '\\n'); return r; }\n");
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the command line on the sources; its output and every module it resolved. */
async function cli(args: string[], trace: string): Promise<{ out: string; modules: string[] }> {
  const env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off', TZ: 'UTC', PB_TRACE: join(dir, trace) };
  writeFileSync(env.PB_TRACE, '');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(join(dir, 'register.mjs')).href, 'server/cli.ts', ...args], { env, timeout: 120_000 });
  return { out: stdout, modules: readFileSync(env.PB_TRACE, 'utf8').split('\n').filter(Boolean) };
}

const heavy = (modules: string[]) =>
  modules.filter((m) => /node_modules\/(@observablehq\/plot|pdfkit|express|linkedom|helmet)\/|\/reports\/(pdf\/|build\.ts|deliver\.ts)|\/dashboards\/charts\//.test(m));

describe('command-line start-up', () => {
  it('--help lists the commands without loading DuckDB or anything a command runs', async () => {
    const { out, modules } = await cli(['--help'], 'help.txt');
    for (const c of ['etl', 'profile', 'report', 'users', 'audit', 'warehouse', 'demo']) expect(out).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(modules.some((m) => m.includes('/server/cli.ts'))).toBe(true);
    expect(modules.filter((m) => m.includes('@duckdb/node-api') || m.includes('/server/context.ts') || m.includes('/server/config.ts'))).toEqual([]);
    expect(heavy(modules)).toEqual([]);
  }, 180_000);

  it('etl run and etl status load and show coverage and runs without loading the charts, the PDF renderer or the web server', async () => {
    const file = join(dir, 'ledger.csv');
    writeFileSync(file, csv('billing', [{ transaction_id: 'T1', amount_usd: '10.00', post_date: '2026-01-06' }, { transaction_id: 'T2', amount_usd: '2.50', post_date: '2026-01-09' }]));
    // A load with no approved pack to compare loads none of them either.
    const load = await cli(['etl', 'run', '--no-progress', '--source', 'billing', file], 'run.txt');
    expect(load.out).toMatch(/billing\/ledger\.csv\s+│ billing\s+│ canonical-billing │ loaded │\s+2 │\s+2 │/);
    expect(heavy(load.modules)).toEqual([]);
    const { out, modules } = await cli(['etl', 'status'], 'status.txt');
    expect(out).toContain('Coverage by source');
    expect(out).toMatch(/billing\s+│\s+1\s+│\s+2\s+│/);
    expect(out).toMatch(/│ loaded │\s+2 │\s+2 │\s+0 │\s+12.50 │/);
    expect(modules.some((m) => m.includes('@duckdb/node-api'))).toBe(true);
    expect(heavy(modules)).toEqual([]);
  }, 300_000);
});
