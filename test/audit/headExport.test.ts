/**
 * Issue 11 item 9, the head kept elsewhere: `practiceboard audit head` prints {seq, mac, at};
 * `practiceboard audit verify --head FILE` fails (exit 1) when the chain was cut below that head
 * and the recorded head moved back, or when the entry at that place changed, though the chain
 * alone verifies. The admin's Audit page offers the same: the head as a download, and a pasted
 * head checked against the chain.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { audit } from '../../server/audit/log.ts';
import { main } from '../../server/cli.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { startAuthApp, type AuthApp } from '../auth/authApp.ts';

const at = (i: number) => new Date(Date.UTC(2026, 10, 15, 9, 0, i));

describe('practiceboard audit head / verify --head', () => {
  let dir: string;
  // The variables this file sets, restored one by one afterwards: replacing process.env with a
  // copy would cut it from the real environment (os.tmpdir, native getenv) for every later file
  // of this worker (vitest runs a worker's files in one process).
  const SET = ['PRACTICEBOARD_DATA_DIR', 'PRACTICEBOARD_DEMO', 'PRACTICEBOARD_LOG_LEVEL'] as const;
  const saved = Object.fromEntries(SET.map((k) => [k, process.env[k]]));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-audithead-'));
    process.env.PRACTICEBOARD_DATA_DIR = join(dir, 'data');
    process.env.PRACTICEBOARD_DEMO = 'off';
    process.env.PRACTICEBOARD_LOG_LEVEL = 'silent';
    const ctx = await openContext(loadConfig(process.env, dir), { logger: createLogger({ level: 'silent' }) });
    await ctx.pool.use(async (c) => {
      for (let i = 1; i <= 6; i += 1) await audit(c, { actor: 'system', action: 'etl.run', target: `run-${i}`, at: at(i) });
    });
    ctx.close();
  });
  afterAll(() => {
    for (const k of SET) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      process.exitCode = undefined;
      const code = await main(args);
      return { code, out: out.mock.calls.map((c) => c.join(' ')).join('\n'), err: err.mock.calls.map((c) => c.join(' ')).join('\n') };
    } finally {
      process.exitCode = undefined;
      out.mockRestore();
      err.mockRestore();
    }
  }

  async function onWarehouse(sql: string): Promise<void> {
    const ctx = await openContext(loadConfig(process.env, dir), { logger: createLogger({ level: 'silent' }) });
    await ctx.pool.use((c) => c.run(sql));
    ctx.close();
  }

  it('prints the head, which verifies; after a cut tail with the head moved back, only the exported head shows it', async () => {
    const printed = await cli('audit', 'head');
    expect(printed.code).toBe(0);
    const head = JSON.parse(printed.out) as { seq: number; mac: string; at: string };
    // Entry 1 keys the chain, 2-7 are the loads above.
    expect(head).toEqual({ seq: 7, mac: expect.stringMatching(/^[0-9a-f]{64}$/), at: at(6).toISOString() });
    const file = join(dir, 'head.json');
    writeFileSync(file, printed.out);
    const ok = await cli('audit', 'verify', '--head', file);
    expect([ok.code, ok.out]).toEqual([0, expect.stringContaining('The audit chain verifies')]);

    await onWarehouse('DELETE FROM audit_log WHERE seq > 5');
    await onWarehouse('UPDATE audit_head SET seq = 5, hash = (SELECT hash FROM audit_log WHERE seq = 5)');
    expect((await cli('audit', 'verify')).code).toBe(0); // the chain alone cannot tell
    const cut = await cli('audit', 'verify', '--head', file);
    expect(cut.code).toBe(1);
    expect(cut.err).toContain('entry 7 (anchor): entry 7, exported as the head earlier, is no longer in the log');
  });

  it('fails when the entry at the exported place was replaced, and refuses a file that is not a head', async () => {
    const file = join(dir, 'moved.json');
    writeFileSync(file, JSON.stringify({ seq: 5, mac: 'a'.repeat(64), at: at(4).toISOString() }));
    const moved = await cli('audit', 'verify', '--head', file);
    expect([moved.code, moved.err]).toEqual([1, expect.stringContaining('entry 5 (anchor): entry 5 is not the entry exported as the head earlier')]);
    writeFileSync(file, '{"seq": "five"}');
    const bad = await cli('audit', 'verify', '--head', file);
    expect([bad.code, bad.err]).toEqual([1, expect.stringContaining('needs "seq"')]);
  });
});

describe('the Audit page', () => {
  let t: AuthApp;
  beforeEach(async () => {
    t = await startAuthApp();
  });
  afterEach(() => t.close());

  it('downloads the head, and a pasted head finds the cut tail the page alone does not', async () => {
    const admin = await t.as('admin');
    const page = await (await admin.get('/audit')).text();
    expect(page).toContain('href="/audit/head.json"');
    expect(page).toContain('action="/audit/check"');
    const res = await admin.get('/audit/head.json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?practiceboard-audit-head-2026-11-15\.json"?$/);
    const text = await res.text();
    const head = JSON.parse(text) as { seq: number; mac: string; at: string };
    expect(Object.keys(head)).toEqual(['seq', 'mac', 'at']);
    // The head when it was exported: the entries since (the export itself, page views) follow it.
    const [entry] = await t.rows(`SELECT hash FROM audit_log WHERE seq = ${head.seq} AND seq = (SELECT max(seq) FROM audit_log WHERE action <> 'audit.export' AND seq <= ${head.seq})`);
    expect(head.mac).toBe(entry!.hash);
    expect((await t.rows(`SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'audit.export' AND target = 'audit_head'`))[0]!.n).toBe(1);

    const check = async () => admin.get(`/audit/check?head=${encodeURIComponent(text)}`);
    const good = await check();
    expect(good.status).toBe(200);
    expect(await good.text()).toContain(`The audit chain verifies:`);

    await t.db.use((c) => c.run(`DELETE FROM audit_log WHERE seq >= ${head.seq - 1}`));
    await t.db.use((c) => c.run(`UPDATE audit_head SET seq = ${head.seq - 2}, hash = (SELECT hash FROM audit_log WHERE seq = ${head.seq - 2})`));
    const cut = await check();
    expect(cut.status).toBe(409);
    expect(await cut.text()).toContain(`entry ${head.seq}, exported as the head earlier, is no longer in the log`);
  });
});
