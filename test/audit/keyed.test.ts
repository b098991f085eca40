/**
 * Issue 11 item 9: the audit chain is keyed by HMAC-SHA256 under data/audit.key, outside the
 * database, so whoever can write the DuckDB file cannot re-forge it. Shown here: a chain
 * recomputed without the key fails (plain SHA-256 links, or a MAC under another key); a chain
 * written the old way (SHA-256 only) is re-keyed honestly at start-up with an
 * `audit.chain_keyed` entry that binds its last hash; the key file is created owner-only on the
 * first start, reused later, and a missing one stops the start once the chain is keyed.
 * Expected links are computed here with node:crypto, not by the product's code.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit, GENESIS_HASH } from '../../server/audit/log.ts';
import { auditKey } from '../../server/audit/key.ts';
import { openAuditChain } from '../../server/audit/startup.ts';
import { verifyAuditChain } from '../../server/audit/verify.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { createLogger } from '../../server/log.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

const at = (i: number) => new Date(Date.UTC(2026, 10, 15, 9, 0, i));
const iso = (i: number) => at(i).toISOString();

/** The canonical text of an entry as the tests compute it: keys sorted, no spaces. */
function entryJson(e: { seq: number; at: string; actor: string; action: string; target: string | null; outcome: string; ip: string | null; details: Record<string, string | number> }): string {
  const details = `{${Object.keys(e.details)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(e.details[k])}`)
    .join(',')}}`;
  return `{"action":${JSON.stringify(e.action)},"actor":${JSON.stringify(e.actor)},"at":${JSON.stringify(e.at)},"details":${details},"ip":${JSON.stringify(e.ip)},"outcome":${JSON.stringify(e.outcome)},"seq":${e.seq},"target":${JSON.stringify(e.target)}}`;
}
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface Row {
  seq: number;
  at_ms: number;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: string;
}

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const verify = () => h.warehouse.use((c) => verifyAuditChain(c));
const entries = async (): Promise<Row[]> =>
  (await h.rows('SELECT seq, epoch_ms(occurred_at) AS at_ms, actor, action, target, outcome, ip, details FROM audit_log ORDER BY seq')).map((r) => ({
    seq: Number(r.seq),
    at_ms: Number(r.at_ms),
    actor: String(r.actor),
    action: String(r.action),
    target: r.target === null ? null : String(r.target),
    outcome: String(r.outcome),
    ip: r.ip === null ? null : String(r.ip),
    details: String(r.details),
  }));

/** What an attacker with write access to the database can do: rewrite every link from `from` on with `link`. */
async function relink(from: number, link: (prev: string, json: string) => string): Promise<void> {
  const rows = await entries();
  let prev = from === 1 ? GENESIS_HASH : String((await h.rows('SELECT hash FROM audit_log WHERE seq = $s', { s: from - 1 }))[0]!.hash);
  for (const r of rows.filter((x) => x.seq >= from)) {
    const json = entryJson({ ...r, at: new Date(r.at_ms).toISOString(), details: JSON.parse(r.details) as Record<string, string | number> });
    const hash = link(prev, json);
    await h.warehouse.use((c) => c.run('UPDATE audit_log SET prev_hash = $prev, hash = $hash WHERE seq = $seq', { prev, hash, seq: r.seq }));
    prev = hash;
  }
  const last = rows[rows.length - 1]!.seq;
  await h.warehouse.use((c) => c.run('UPDATE audit_head SET seq = $seq, hash = $hash', { seq: last, hash: prev }));
}

describe('a chain recomputed without the key', () => {
  beforeEach(async () => {
    await h.warehouse.use(async (c) => {
      for (let i = 1; i <= 6; i += 1) await audit(c, { actor: 'user-a', action: 'page.view', target: `/page/${i}`, at: at(i), details: { status: 200 } });
    });
  });

  it('verifies untouched, keyed from entry 1', async () => {
    expect(await verify()).toMatchObject({ ok: true, entries_n: 7, keyed_from: 1 });
  });

  it('fails when an edited entry and every link after it are recomputed as plain SHA-256', async () => {
    await h.warehouse.use((c) => c.run("UPDATE audit_log SET target = '/forged' WHERE seq = 4"));
    await relink(4, (prev, json) => sha(prev + json));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.seq, p.problem])).toEqual([4, 5, 6, 7].map((s) => [s, 'edited']));
  });

  it('fails when the whole log is rewritten as plain SHA-256 without its keyed entry', async () => {
    await h.warehouse.use(async (c) => {
      await c.run('DELETE FROM audit_log WHERE seq = 1');
      await c.run('UPDATE audit_log SET seq = seq - 1');
    });
    await relink(1, (prev, json) => sha(prev + json));
    const report = await verify();
    expect(report.problems.map((p) => p.problem)).toEqual(['unkeyed']);
  });

  it('fails when every link is recomputed as HMAC under another key', async () => {
    const other = randomBytes(32);
    await relink(1, (prev, json) => createHmac('sha256', other).update(prev + json).digest('hex'));
    expect((await verify()).problems.map((p) => [p.seq, p.problem])).toEqual([1, 2, 3, 4, 5, 6, 7].map((s) => [s, 'edited']));
  });

  it('passes with the same recomputation under the real key (the check is the key, not the formula)', async () => {
    await relink(1, (prev, json) => createHmac('sha256', auditKey()).update(prev + json).digest('hex'));
    expect((await verify()).ok).toBe(true);
  });
});

describe('a chain written before the key existed', () => {
  it('is re-keyed at start-up with a recorded entry that binds its last hash, and rewriting an old entry then fails', async () => {
    // Three entries chained the old way (SHA-256 only), as a PracticeBoard before migration 060 wrote them.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq += 1) {
      const e = { seq, at: iso(seq), actor: 'system', action: 'etl.run', target: `run-${seq}`, outcome: 'ok', ip: null, details: { status: 'loaded' } };
      const hash = sha(prev + entryJson(e));
      await h.warehouse.use((c) =>
        c.run("INSERT INTO audit_log VALUES ($seq, epoch_ms($ms::BIGINT), 'system', 'etl.run', $target, 'ok', NULL, '{\"status\":\"loaded\"}', $prev, $hash)", { seq, ms: at(seq).getTime(), target: e.target, prev, hash }),
      );
      prev = hash;
    }
    await h.warehouse.use((c) => c.run('INSERT INTO audit_head VALUES (1, 3, $hash, NULL)', { hash: prev }));

    const keyFile = join(h.dir, 'audit.key');
    expect(await h.warehouse.use((c) => openAuditChain(c, { keyFile, now: at(10) }))).toEqual({ keyedFrom: 4 });
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
    const [rekey] = await h.rows("SELECT seq::INTEGER AS seq, target, details, prev_hash, hash FROM audit_log WHERE action = 'audit.chain_keyed'");
    const fingerprint = createHmac('sha256', key).update('practiceboard audit-key fingerprint v1').digest('hex').slice(0, 16);
    expect(rekey).toMatchObject({ seq: 4, target: 'seq 3', prev_hash: prev });
    expect(JSON.parse(String(rekey!.details))).toEqual({ key_fingerprint: fingerprint, link: 'hmac-sha256', unkeyed_entries_n: 3 });
    const json = entryJson({ seq: 4, at: iso(10), actor: 'system', action: 'audit.chain_keyed', target: 'seq 3', outcome: 'ok', ip: null, details: { key_fingerprint: fingerprint, link: 'hmac-sha256', unkeyed_entries_n: 3 } });
    expect(rekey!.hash).toBe(createHmac('sha256', key).update(prev + json).digest('hex'));
    expect(await verify()).toMatchObject({ ok: true, entries_n: 4, keyed_from: 4 });
    // A second start keys nothing again.
    await h.warehouse.use((c) => openAuditChain(c, { keyFile, now: at(11) }));
    expect((await h.rows("SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'audit.chain_keyed'"))[0]!.n).toBe(1);

    // Rewriting an old entry (its SHA-256 links recomputed, all an attacker can do) breaks the keyed entry.
    await h.warehouse.use((c) => c.run("UPDATE audit_log SET target = 'run-x' WHERE seq = 2"));
    await relink(2, (p, j) => sha(p + j));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 4, problem: 'edited' });
  });
});

describe('the key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-auditkey-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const open = () => openContext(loadConfig({ PRACTICEBOARD_DATA_DIR: join(dir, 'data') }, dir), { logger: createLogger({ level: 'silent' }), clock: () => at(1) });

  it('is created owner-only on the first start, kept apart from the database, reused after a restart, and required once the chain is keyed', async () => {
    const keyFile = join(dir, 'data', 'audit.key');
    let ctx = await open();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(ctx.config.paths.warehouse).includes(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex'))).toBe(false);
    await ctx.pool.use((c) => audit(c, { actor: 'system', action: 'page.view', at: at(2) }));
    ctx.close();

    ctx = await open();
    expect(await ctx.pool.use((c) => verifyAuditChain(c))).toMatchObject({ ok: true, entries_n: 2, keyed_from: 1 });
    ctx.close();

    const saved = readFileSync(keyFile);
    unlinkSync(keyFile);
    await expect(open()).rejects.toThrow(/audit key file .*audit\.key is missing, and the audit log is chained under it from entry 1/);
    expect(existsSync(keyFile)).toBe(false);

    writeFileSync(keyFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    ctx = await open();
    const report = await ctx.pool.use((c) => verifyAuditChain(c));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 1, problem: 'key' });
    expect(report.problems[0]!.message).toMatch(/restore data\/audit\.key/);
    ctx.close();

    writeFileSync(keyFile, saved);
    ctx = await open();
    expect((await ctx.pool.use((c) => verifyAuditChain(c))).ok).toBe(true);
    ctx.close();
  });
});
