/**
 * Issue 11 item 9: the audit chain verified after its tail was cut and the recorded head moved
 * back, and after a duplicated key in `details` (JSON.parse keeps the last one, the page shows
 * the raw text). Now details must be stored exactly as canonical JSON, and a head exported
 * earlier (kept outside the database) is checked against the chain.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../server/audit/log.ts';
import { auditHead, verifyAuditChain } from '../../server/audit/verify.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

let h: Harness;
const at = (i: number) => new Date(Date.UTC(2026, 10, 15, 9, 0, i));
beforeEach(async () => {
  h = await openHarness();
  await h.warehouse.use(async (c) => {
    for (let i = 1; i <= 10; i += 1) await audit(c, { actor: `user-${i % 3}`, action: 'page.view', target: `/page/${i}`, ip: '127.0.0.1', at: at(i), details: { method: 'GET', status: 200 } });
  });
});
afterEach(() => h.close());

const exec = (sql: string, params: Record<string, string | number> = {}) => h.warehouse.use((c: DuckDBConnection) => c.run(sql, params));

describe('the audit chain against an exported head', () => {
  it('finds a cut tail with a moved head, which the chain alone accepts', async () => {
    const anchor = (await h.warehouse.use((c) => auditHead(c)))!;
    expect(anchor.seq).toBe(11); // entry 1 is the audit.chain_keyed entry
    await exec('DELETE FROM audit_log WHERE seq > 9');
    await exec('UPDATE audit_head SET seq = 9, hash = (SELECT hash FROM audit_log WHERE seq = 9)');
    expect((await h.warehouse.use((c) => verifyAuditChain(c))).ok).toBe(true); // the weakness
    const report = await h.warehouse.use((c) => verifyAuditChain(c, { anchor }));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.seq, p.problem])).toEqual([[11, 'anchor']]);
  });

  it('accepts an intact chain grown past the anchor, and refuses a different entry at its place', async () => {
    const anchor = (await h.warehouse.use((c) => auditHead(c)))!;
    await h.warehouse.use((c) => audit(c, { actor: 'system', action: 'page.view', at: at(11) }));
    expect((await h.warehouse.use((c) => verifyAuditChain(c, { anchor }))).ok).toBe(true);
    const wrong = { seq: anchor.seq, hash: 'f'.repeat(64) };
    expect((await h.warehouse.use((c) => verifyAuditChain(c, { anchor: wrong }))).problems.map((p) => p.problem)).toEqual(['anchor']);
  });
});

describe('details with a duplicated key', () => {
  it('is an edit, though JSON.parse would give the same object', async () => {
    // JSON.parse keeps the last "status" (200), so the hash still matched; a reader sees 403 first.
    await exec(`UPDATE audit_log SET details = '{"method":"GET","status":403,"status":200}' WHERE seq = 5`);
    const report = await h.warehouse.use((c) => verifyAuditChain(c));
    expect(report.problems.map((p) => [p.seq, p.problem])).toEqual([[5, 'edited']]);
  });
});
