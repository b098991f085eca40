/**
 * A start that cannot listen says which address and why, instead of "unexpected start-up
 * failure (Error)": the real server/main.ts, started on a port another program holds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenError } from '../../server/listenError.ts';

let dir: string;
let blocker: Server;
let port: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pb-start-'));
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  port = (blocker.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => blocker.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up on a busy port', () => {
  it('exits 1 naming the address and the cause', async () => {
    const env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(dir, 'data'), PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).not.toContain('unexpected start-up failure');
    expect(err).toContain(`practiceboard: cannot listen on 127.0.0.1:${port}: the port is in use by another program`);
    expect(err).toContain('(EADDRINUSE)');
  }, 60_000);

  it('names other causes too, and an unknown one by its code', () => {
    expect(listenError(Object.assign(new Error('x'), { code: 'EACCES' }), '0.0.0.0', 80).message).toContain('cannot listen on 0.0.0.0:80: this user may not open that port');
    expect(listenError(Object.assign(new Error('x'), { code: 'EWHATEVER' }), 'h', 1).message).toContain('the system refused (EWHATEVER)');
  });
});
