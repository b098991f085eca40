/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it accepts and can be
 * told to refuse the next ones with a given reply code; a fresh warehouse for mail_log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { Warehouse } from '../../core/warehouse/open.ts';

export interface Received {
  readonly from: string;
  readonly to: string[];
  readonly user: string | undefined;
  readonly raw: Buffer;
}

export interface TestSmtp {
  readonly port: number;
  readonly received: Received[];
  /** Refuse the next `n` messages with `code` (e.g. 451 try later, 550 rejected). */
  refuseNext(n: number, code: number): void;
  close(): Promise<void>;
}

export async function startSmtp(auth?: { user: string; password: string }): Promise<TestSmtp> {
  const received: Received[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true, // loopback only, in a test
    logger: false,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.user && a.password === auth.password) cb(null, { user: a.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1;
          cb(Object.assign(new Error(refusalCode < 500 ? 'Try again later' : 'Message rejected'), { responseCode: refusalCode }));
          return;
        }
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuseNext(n, code) {
      refusals = n;
      refusalCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function openWarehouse(): Promise<{ dir: string; wh: Warehouse; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-mail-'));
  const wh = await Warehouse.open({ path: ':memory:', allowedDirectories: [dir] });
  return {
    dir,
    wh,
    close() {
      wh.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
