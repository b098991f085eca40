/**
 * Command-line messages a manager can act on (issue 10, item 8): a folder given as a file, and
 * a warehouse held by another command (not a server), saying the file waits in the inbox.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv } from '../helpers/rows.ts';

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, ['bin/practiceboard.mjs', ...args], { env, timeout: 60_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-climsg-'));
  env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'silent' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('command-line messages', () => {
  it('names a folder given as a file', async () => {
    mkdirSync(join(dir, 'exports'));
    const r = await cli('etl', 'run', '--source', 'billing', join(dir, 'exports'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'exports')}: is a folder, not a file; give the CSV files in it`);
  });

  describe('while another command holds the warehouse', () => {
    let holder: ChildProcess;
    beforeAll(async () => {
      holder = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/holdWarehouse.ts', join(dir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => String(d).includes('holding') && resolve()));
    }, 60_000);
    afterAll(() => {
      holder.kill('SIGKILL');
    });

    it('says another command holds it (not the server) and that the file waits in the inbox', async () => {
      writeFileSync(join(dir, 'ledger.csv'), csv('billing', [{ transaction_id: 'T1' }]));
      const r = await cli('etl', 'run', '--source', 'billing', '--no-progress', join(dir, 'ledger.csv'));
      expect(r.code).toBe(1);
      expect(r.err).toContain('is in use by another PracticeBoard process (another `practiceboard` command still running; no server is running)');
      expect(r.err).toContain('billing/ledger.csv waits in the inbox');
      expect(r.err).not.toContain('is the server running');
      expect(readdirSync(join(dir, 'data', 'inbox', 'billing'))).toEqual(['ledger.csv']);
    });
  });
});
