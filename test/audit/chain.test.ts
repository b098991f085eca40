/**
 * The audit chain: the MAC formula by hand (entry 1 of a new log is the `audit.chain_keyed`
 * entry, so the ten seeded entries are 2 to 11), a clean chain verifies, and verifyAuditChain
 * finds an UPDATE of any field of one entry, a DELETE in the middle or at the end, and a
 * re-hashed forgery. Appends from many connections at once stay one gapless chain. Details that could
 * hold patient data are refused before anything is written.
 */
import { createHash, createHmac } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit, GENESIS_HASH } from '../../server/audit/log.ts';
import { auditKey } from '../../server/audit/key.ts';
import { verifyAuditChain } from '../../server/audit/verify.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

let h: Harness;
const at = (i: number) => new Date(Date.UTC(2026, 10, 15, 9, 0, i));
beforeEach(async () => {
  h = await openHarness();
  await h.warehouse.use(async (c) => {
    for (let i = 1; i <= 10; i += 1) {
      await audit(c, { actor: `user-${i % 3}`, action: 'page.view', target: `/page/${i}`, ip: '127.0.0.1', at: at(i), details: { method: 'GET', status: 200 } });
    }
  });
});
afterEach(() => h.close());

const verify = () => h.warehouse.use((c) => verifyAuditChain(c));
const exec = (sql: string) => h.warehouse.use((c: DuckDBConnection) => c.run(sql));

describe('audit chain', () => {
  it('writes an entry and moves the head together: a failure between the two leaves neither, and the chain goes on', async () => {
    // The head table as it is, but refusing a head past 12: the 12th entry's insert succeeds, its head move fails.
    await exec('CREATE TABLE head_copy AS SELECT * FROM audit_head');
    await exec('DROP TABLE audit_head');
    await exec('CREATE TABLE audit_head (head_id INTEGER PRIMARY KEY, seq BIGINT CHECK (seq <= 11), hash VARCHAR NOT NULL, keyed_from BIGINT)');
    await exec('INSERT INTO audit_head SELECT * FROM head_copy');
    const entry = { actor: 'user-1', action: 'page.view' as const, target: '/after', ip: '127.0.0.1', at: at(20) };
    await expect(h.warehouse.use((c) => audit(c, entry))).rejects.toThrow(/CHECK constraint/i);
    expect(await h.rows('SELECT max(seq)::INTEGER AS seq FROM audit_log')).toEqual([{ seq: 11 }]);
    expect(await h.rows('SELECT seq::INTEGER AS seq FROM audit_head')).toEqual([{ seq: 11 }]);
    // With the head able to move again, the next append takes seq 12 and the chain verifies.
    await exec('DROP TABLE audit_head');
    await exec('CREATE TABLE audit_head (head_id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash VARCHAR NOT NULL, keyed_from BIGINT)');
    await exec('INSERT INTO audit_head SELECT * FROM head_copy');
    expect((await h.warehouse.use((c) => audit(c, entry))).seq).toBe(12);
    expect((await verify()).ok).toBe(true);
  });

  it('links HMAC-SHA256(audit key, prev_hash || canonical JSON of the entry), starting from 64 zeros', async () => {
    const [keyed] = await h.rows('SELECT action, prev_hash, hash FROM audit_log WHERE seq = 1');
    expect([keyed!.action, keyed!.prev_hash]).toEqual(['audit.chain_keyed', GENESIS_HASH]);
    const [first] = await h.rows('SELECT prev_hash, hash FROM audit_log WHERE seq = 2');
    const json = '{"action":"page.view","actor":"user-1","at":"2026-11-15T09:00:01.000Z","details":{"method":"GET","status":200},"ip":"127.0.0.1","outcome":"ok","seq":2,"target":"/page/1"}';
    expect(first!.prev_hash).toBe(keyed!.hash);
    expect(first!.hash).toBe(createHmac('sha256', auditKey()).update(String(keyed!.hash) + json).digest('hex'));
    expect(first!.hash).not.toBe(createHash('sha256').update(String(keyed!.hash) + json).digest('hex'));
    const [second] = await h.rows('SELECT prev_hash FROM audit_log WHERE seq = 3');
    expect(second!.prev_hash).toBe(first!.hash);
  });

  it('verifies an untouched chain and reports its head', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, entries_n: 11, problems: [], keyed_from: 1 });
    expect(report.head?.seq).toBe(11);
  });

  it.each([
    ['target', "UPDATE audit_log SET target = '/elsewhere' WHERE seq = 5"],
    ['actor', "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5"],
    ['outcome', "UPDATE audit_log SET outcome = 'denied' WHERE seq = 5"],
    ['time', "UPDATE audit_log SET occurred_at = occurred_at + INTERVAL 1 SECOND WHERE seq = 5"],
    ['details', `UPDATE audit_log SET details = '{"method":"GET","status":403}' WHERE seq = 5`],
    ['details (not JSON)', "UPDATE audit_log SET details = 'nonsense' WHERE seq = 5"],
  ])('finds an UPDATE of the %s of one entry', async (_field, sql) => {
    await exec(sql);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ seq: 5, problem: 'edited', message: 'entry 5 was changed after it was written' }]);
  });

  it('finds a DELETE of one entry in the middle', async () => {
    await exec('DELETE FROM audit_log WHERE seq = 4');
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.entries_n).toBe(10);
    expect(report.problems).toEqual([{ seq: 4, problem: 'deleted', message: 'entries 4 to 4 are missing' }]);
  });

  it('finds a DELETE of the last entries against the recorded head', async () => {
    await exec('DELETE FROM audit_log WHERE seq >= 10');
    expect((await verify()).problems).toEqual([{ seq: 10, problem: 'deleted', message: 'entries 10 to 11 are missing from the end' }]);
  });

  it('finds an edit whose link was recomputed without the key: the entry and the next both fail', async () => {
    const [row] = await h.rows('SELECT prev_hash FROM audit_log WHERE seq = 5');
    const forged = {
      action: 'page.view', actor: 'user-2', at: at(5).toISOString(), details: { method: 'GET', status: 200 }, ip: '127.0.0.1', outcome: 'ok', seq: 5, target: '/forged',
    };
    const hash = createHash('sha256').update(String(row!.prev_hash) + JSON.stringify(forged)).digest('hex');
    await h.warehouse.use((c) => c.run("UPDATE audit_log SET target = '/forged', hash = $hash WHERE seq = 5", { hash }));
    expect((await verify()).problems).toEqual([
      { seq: 5, problem: 'edited', message: 'entry 5 was changed after it was written' },
      { seq: 6, problem: 'relinked', message: 'entry 6 does not point to the hash of entry 5' },
    ]);
  });

  it('tolerates a head one entry behind (a write cut off between entry and head), not more', async () => {
    const [ten] = await h.rows('SELECT hash FROM audit_log WHERE seq = 10');
    await h.warehouse.use((c) => c.run('UPDATE audit_head SET seq = 10, hash = $hash', { hash: String(ten!.hash) }));
    expect((await verify()).ok).toBe(true);
    await exec("UPDATE audit_head SET seq = 9, hash = (SELECT hash FROM audit_log WHERE seq = 9)");
    expect((await verify()).problems.map((p) => p.problem)).toEqual(['head']);
  });

  it('keeps one gapless chain when many connections append at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => h.warehouse.use((c) => audit(c, { actor: 'system', action: 'etl.run', target: `run-${i}`, at: at(20) }))),
    );
    const seqs = (await h.rows('SELECT seq FROM audit_log ORDER BY seq')).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(await verify()).toMatchObject({ ok: true, entries_n: 51 });
  });

  it('refuses details that could hold patient data, unknown actions, and nested values, writing nothing', async () => {
    const write = (input: Parameters<typeof audit>[1]) => h.warehouse.use((c) => audit(c, input));
    await expect(write({ actor: 'system', action: 'data.export', details: { patient_id: 'P1' } })).rejects.toThrow(/"patient_id" could hold patient data/);
    await expect(write({ actor: 'system', action: 'data.export', details: { dob: '1970-01-01' } })).rejects.toThrow(/could hold patient data/);
    await expect(write({ actor: 'system', action: 'data.export', details: { row: { a: 1 } as never } })).rejects.toThrow(/plain values/);
    await expect(write({ actor: 'system', action: 'data.export', details: { note: 'x'.repeat(301) } })).rejects.toThrow(/longer than 300/);
    await expect(write({ actor: 'system', action: 'patient.lookup' as never })).rejects.toThrow(/unknown action/);
    expect((await h.rows('SELECT count(*)::INTEGER AS n FROM audit_log'))[0]!.n).toBe(11);
    expect((await verify()).ok).toBe(true);
  });
});
