/**
 * The `practiceboard` command line, run as a user would: loads, status, rejects, help, exit
 * codes, and the hand-off to a running server that holds the warehouse.
 * Every command family runs at least once as the real binary (`cli`: a new process, its exit
 * status and output, success and failure); the other calls run the same program in this
 * process (`inProcess`: test/helpers/cliInProcess.ts), which tests what the command does
 * without paying a Node start and the program's load for each.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../server/cli.ts';
import { cliInProcess } from '../helpers/cliInProcess.ts';
import { csv } from '../helpers/rows.ts';

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, ['bin/practiceboard.mjs', ...args], { env, timeout: 240_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/** The same command, run in this process with the same environment. */
const inProcess = (...args: string[]) => cliInProcess(env, args);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
  env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'silent' };
  writeFileSync(join(dir, 'ok.csv'), csv('billing', [{ transaction_id: 'T1', amount_usd: '10.00' }, { transaction_id: 'T2', amount_usd: '2.50' }]));
  writeFileSync(join(dir, 'bad.csv'), csv('billing', [{ transaction_id: '=B1', post_date: 'soon' }]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('practiceboard command line', () => {
  let okRun = '';
  let badRun = '';

  it('loads files, prints a summary table and exits 0', async () => {
    const r = await cli('etl', 'run', '--source', 'billing', '--no-progress', join(dir, 'ok.csv'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/billing\/ok\.csv\s*│\s*billing\s*│\s*canonical-billing\s*│\s*loaded\s*│\s*2\s*│\s*2\s*│\s*0/);
    expect(r.out).toContain('12.50');
    okRun = /r\d{8}-\d{6}-[0-9a-f]{6}/.exec(r.out)![0];
  });

  it('exits 1 with the reason when a file is rejected, and lists its rejects', async () => {
    const r = await cli('etl', 'run', '--source', 'billing', '--no-progress', join(dir, 'bad.csv'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('TOO_MANY_REJECTS');
    badRun = /r\d{8}-\d{6}-[0-9a-f]{6}/.exec(r.out)![0];
    const rej = await inProcess('etl', 'rejects', badRun);
    expect(rej.code).toBe(0);
    expect(rej.out).toMatch(/2\s*│\s*post_date \(post_date\)\s*│\s*not a date in the format %Y-%m-%d/);
    const raw = await inProcess('etl', 'rejects', badRun, '--raw');
    expect(raw.out.split('\n')[0]).toBe('line_n,raw_record');
    expect(raw.out).toContain('B1');
    // A record a spreadsheet would run as a formula opens as text, as in the web download.
    expect(raw.out.split('\n')[1]).toMatch(/^2,"'=B1/);
  });

  it('says which source to use when it cannot tell, and which run does not exist', async () => {
    const r = await inProcess('etl', 'run', join(dir, 'ok.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('say which source it is with --source');
    const n = await cli('etl', 'rejects', 'r-nope'); // a failure as the binary reports it: exit 1, one sentence on stderr
    expect(n.code).toBe(1);
    expect(n.err).toContain('no run r-nope');
  });

  it('shows status: coverage by source and recent runs', async () => {
    const r = await inProcess('etl', 'status');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/billing\s*│\s*1\s*│\s*2\s*│\s*2026-01-06\s*│\s*2026-01-06/);
    expect(r.out).toContain(okRun);
    expect(r.out).toContain(badRun);
  });

  it('builds a board pack PDF and an offline HTML file', async () => {
    const pdf = await cli('report', 'build', '--month', '2026-01', '--out', join(dir, 'board.pdf'));
    expect(pdf.code, pdf.err).toBe(0);
    expect(pdf.out).toMatch(/Wrote the draft board pack for 2026-01/);
    expect(readFileSync(join(dir, 'board.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await inProcess('report', 'build', '--month', '2026-01', '--out', join(dir, 'board.html'), '--format', 'html', '--size', 'a4');
    expect(html.code).toBe(0);
    expect(readFileSync(join(dir, 'board.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const bad = await inProcess('report', 'build', '--month', '2026-13', '--out', join(dir, 'x.pdf'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('use YYYY-MM');
  });

  it('rebuilds the rollups in full and exports the warehouse as a Parquet lake', async () => {
    const r = await cli('warehouse', 'rebuild');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Rebuilt every rollup in \d+\.\d s/);
    const x = await inProcess('warehouse', 'export', '--parquet', join(dir, 'lake'), '--practice', 'test-practice');
    expect(x.code, x.err).toBe(0);
    expect(x.out).toMatch(/Exported \d+ tables/);
    expect(existsSync(join(dir, 'lake', 'fact_billing_txn', 'practice=test-practice', 'month=2026-01'))).toBe(true);
  });

  it('resets a password as emergency access, and names an unknown account', async () => {
    const created = await inProcess('users', 'reset-password', 'nobody');
    expect(created.code).toBe(1);
    expect(created.err).toContain('there is no account "nobody"');
  });

  it('has help for every command', async () => {
    // The binary answers --help with its usage and exit 0 ...
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: practiceboard/);
    // ... and every command, at every depth, has a description and its usage (in process: one spawn is enough to test the binary).
    const commands = (c: Command, path: string[] = []): [string[], Command][] => c.commands.flatMap((sub) => [[[...path, sub.name()], sub] as [string[], Command], ...commands(sub, [...path, sub.name()])]);
    const all = commands(buildProgram());
    expect(all.map(([p]) => p.join(' '))).toEqual(expect.arrayContaining(['etl run', 'etl status', 'etl rejects', 'demo generate', 'report build', 'users reset-password', 'profile check', 'warehouse rebuild', 'warehouse export', 'audit head', 'audit verify']));
    for (const [path, command] of all) {
      expect(command.description(), path.join(' ')).not.toBe('');
      expect(command.helpInformation(), path.join(' ')).toMatch(new RegExp(`^Usage: practiceboard ${path.join(' ')}`));
    }
  });

  describe('while the server holds the warehouse', () => {
    let server: ChildProcess;
    beforeAll(async () => {
      // Started as `npm start` starts it (bin/server.mjs: the compiled server when dist/ is up to
      // date, as under CI, else the sources through tsx), like the commands above (bin/practiceboard.mjs).
      server = spawn(process.execPath, ['bin/server.mjs'], { env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('is running at')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
    }, 300_000);
    afterAll(async () => {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
      expect(existsSync(join(dir, 'data', 'server.json'))).toBe(false);
    });

    it('hands loads and status to the server instead of failing on the lock', async () => {
      writeFileSync(join(dir, 'more.csv'), csv('billing', [{ transaction_id: 'T3', amount_usd: '1.00' }]));
      const r = await cli('etl', 'run', '--source', 'billing', join(dir, 'more.csv'));
      expect(r.err).toContain('holds the warehouse; handing the work to it');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/billing\/more\.csv\s*│\s*billing\s*│\s*canonical-billing\s*│\s*loaded/);
      const s = await inProcess('etl', 'status');
      expect(s.code).toBe(0);
      expect(s.out).toMatch(/billing\s*│\s*2\s*│\s*3/);
      const pack = await inProcess('report', 'build', '--month', '2026-01', '--out', join(dir, 'served.pdf'));
      expect(pack.err).toContain('asking it for the pack');
      expect(pack.code).toBe(0);
      expect(readFileSync(join(dir, 'served.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('exports the audit head and verifies against it through the server', async () => {
      const head = await cli('audit', 'head');
      expect(head.code, head.err).toBe(0);
      const parsed = JSON.parse(head.out) as { seq: number; mac: string; at: string };
      expect(parsed.mac).toMatch(/^[0-9a-f]{64}$/);
      writeFileSync(join(dir, 'head.json'), head.out);
      const ok = await inProcess('audit', 'verify', '--head', join(dir, 'head.json'));
      expect([ok.code, ok.out]).toEqual([0, expect.stringContaining(`entry ${parsed.seq} is the head exported earlier`)]);
      writeFileSync(join(dir, 'head.json'), JSON.stringify({ ...parsed, mac: 'b'.repeat(64) }));
      const moved = await inProcess('audit', 'verify', '--head', join(dir, 'head.json'));
      expect([moved.code, moved.err]).toEqual([1, expect.stringContaining('is not the entry exported as the head earlier')]);
    });

    it('checks a profile against a file without the warehouse (no lock, nothing loaded)', async () => {
      writeFileSync(join(dir, 'check.csv'), csv('billing', [{ transaction_id: 'K1', amount_usd: '$1l0.00' }, { transaction_id: 'K2', amount_usd: '7.00' }]));
      const r = await cli('profile', 'check', join(dir, 'check.csv'), '--rows', '2');
      expect(r.code, r.err).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toContain('Profile canonical-billing (PracticeBoard canonical billing ledger), source billing; header on line 1.');
      expect(r.out).toContain('Rows read 2, would load 1, would reject 1; trailer rows 0.');
      expect(r.out).toMatch(/amount_usd\s*│\s*not an amount in the profile's number format\s*│\s*1/);
      expect(r.out).not.toContain('P0001'); // the patient id of the rows
      const s = await inProcess('etl', 'status');
      expect(s.out).not.toContain('check.csv');
    });
  });

  it('resets the first admin password once the server has stopped', async () => {
    const r = await cli('users', 'reset-password', 'admin');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/the account "admin" \(admin\) now has the password \S{12,}/);
  });
});
