/**
 * kill -9 while a file enters the inbox (issue 10, item 2): a command-line copy or an upload
 * killed half-way never leaves a partial file under a name the inbox loads; the next start
 * removes what it left, and nothing partial is ever loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { header, row } from '../helpers/rows.ts';

let dir: string;
let big: string;
const ROWS = 1_200_000; // ~150 MB: the copy takes long enough to be caught half-way
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-kill-'));
  big = join(dir, 'big.csv');
  const out = createWriteStream(big);
  out.write(header('billing') + '\n');
  const line = row('billing', { transaction_id: 'K' });
  for (let i = 0; i < ROWS; i += 10_000) {
    const chunk = Array.from({ length: 10_000 }, (_, j) => line.replace(/^K,/, `K${i + j},`)).join('\n') + '\n';
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Poll `dir` until `seen` matches a name in it, then SIGKILL `child`; resolves whether it was caught. */
function killWhenSeen(child: ChildProcess, where: string, seen: (names: string[], where: string) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const tick = () => {
      if (done) return;
      const names = existsSync(where) ? readdirSync(where) : [];
      if (seen(names, where)) {
        done = true;
        child.kill('SIGKILL');
        resolve(true);
        return;
      }
      setImmediate(tick);
    };
    child.once('exit', () => {
      if (!done) {
        done = true;
        resolve(false);
      }
    });
    tick();
  });
}

describe('kill -9 while a file enters the inbox', () => {
  it('a command-line copy killed half-way leaves only a hidden partial, never loaded, removed at the next start', async () => {
    const data = join(dir, 'cli-data');
    const env = { ...process.env, PRACTICEBOARD_DATA_DIR: data, PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'silent' };
    const inbox = join(data, 'inbox', 'billing');
    const child = spawn(process.execPath, ['bin/practiceboard.mjs', 'etl', 'run', '--source', 'billing', '--no-progress', big], { env, stdio: 'ignore' });
    const caught = await killWhenSeen(child, inbox, (names) => names.some((n) => n.endsWith('.partial')));
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(caught, 'the copy was caught half-way').toBe(true);
    const names = readdirSync(inbox);
    expect(names.filter((n) => !n.startsWith('.'))).toEqual([]);
    // Killed before the rename: a busy machine may have let the copy write every byte by the
    // time the signal lands, so the partial is at most the whole file, under its hidden name.
    const partial = names.find((n) => n.endsWith('.partial'))!;
    expect(statSync(join(inbox, partial)).size).toBeLessThanOrEqual(statSync(big).size);
    // The next start: a partial older than a minute is removed; nothing was or is loaded.
    utimesSync(join(inbox, partial), new Date('2026-01-01'), new Date('2026-01-01'));
    const config = loadConfig(env, dir);
    const ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
    try {
      expect(readdirSync(inbox)).toEqual([]);
      expect(await ctx.etl.scan()).toEqual([]);
      expect(await ctx.warehouse.use(async (c) => (await c.runAndReadAll('SELECT count(*)::INTEGER FROM fact_billing_txn')).getRows())).toEqual([[0]]);
    } finally {
      ctx.close();
    }
  }, 180_000);

  it('an upload killed half-way leaves nothing in the inbox, and the next start removes the partial upload', async () => {
    const data = join(dir, 'up-data');
    const env = { ...process.env, PRACTICEBOARD_DATA_DIR: data, PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'silent' };
    const config = loadConfig(env, dir);
    mkdirSync(config.paths.tmp, { recursive: true });
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/uploadChild.ts', config.paths.tmp, config.paths.inbox], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /port (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
    });
    // Send the head of a multipart upload and 4 MB of rows, then hold the request open.
    const boundary = 'pbkilltest';
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/upload', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    req.on('error', () => undefined); // the server is killed under it
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    const rows = (header('billing') + '\n' + row('billing') + '\n').repeat(20_000);
    req.write(rows);
    const uploads = join(config.paths.tmp, 'uploads');
    const caught = await killWhenSeen(child, uploads, (names, where) => names.some((n) => statSync(join(where, n)).size > 0));
    expect(caught).toBe(true);
    req.destroy();
    expect(readdirSync(uploads).length).toBe(1);
    expect(existsSync(join(config.paths.inbox, 'billing')) ? readdirSync(join(config.paths.inbox, 'billing')) : []).toEqual([]);
    const ctx = await openContext(config, { logger: createLogger({ level: 'silent' }) });
    try {
      expect(readdirSync(uploads)).toEqual([]);
      expect(await ctx.etl.scan()).toEqual([]);
    } finally {
      ctx.close();
    }
  }, 120_000);
});
