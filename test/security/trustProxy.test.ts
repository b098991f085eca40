/**
 * Issue 11 item 8: `trustProxy: true` let any client choose its address (dodging the per-address
 * sign-in block and writing it into the audit log). Only a hop count or a list of proxy
 * addresses is accepted; with one trusted hop, a client's own X-Forwarded-For entries are
 * ignored and the address the proxy saw is the one used.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.ts';
import { loadConfig } from '../../server/config.ts';
import { TEST_PARAMS } from '../auth/authApp.ts';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function configWith(server: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'pb-proxy-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'practiceboard.config.json'), JSON.stringify({ server }));
  return () => loadConfig({}, dir);
}

describe('trustProxy setting', () => {
  it('refuses true, and says what to write instead', () => {
    expect(configWith({ trustProxy: true })).toThrow(ConfigError);
    expect(configWith({ trustProxy: true })).toThrow(/hop count .* list of proxy addresses .* true is refused/);
    expect(configWith({ trustProxy: 'anything' })).toThrow(ConfigError);
  });

  it('takes a hop count or a list of addresses', () => {
    expect(configWith({ trustProxy: 1 })().server.trustProxy).toBe(1);
    expect(configWith({ trustProxy: ['127.0.0.1', '10.0.0.0/8', 'loopback'] })().server.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback']);
    expect(configWith({})().server.trustProxy).toBe(false);
  });
});

describe('behind one trusted proxy', () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await startAppServer({ months: 1, passwordParams: TEST_PARAMS, configure: (c) => ({ ...c, server: { ...c.server, trustProxy: 1 } }) });
  }, 120_000);
  afterAll(() => s.close());

  it('records the address the proxy saw, not one the client wrote', async () => {
    const c = s.client();
    const form = await c.get('/signin');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    // The client wrote 203.0.113.66; the proxy (here: the test, on loopback) appended 198.51.100.1.
    const res = await c.request('POST', '/signin', { form: { _csrf: token, username: 'nobody', password: 'wrong-password-1' }, headers: { 'x-forwarded-for': '203.0.113.66, 198.51.100.1' } });
    expect(res.status).toBe(401);
    const ips = await s.ctx.warehouse.use(async (conn) => (await conn.runAndReadAll("SELECT ip FROM audit_log WHERE action = 'auth.signin_failed'")).getRows().map((r) => String(r[0])));
    expect(ips).toEqual(['198.51.100.1']);
  });
});
