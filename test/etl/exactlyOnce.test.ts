/**
 * Exactly-once effect: a file delivered twice (even renamed) loads once; a corrected
 * re-export replaces rows by natural key and never duplicates them.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const facts = () => h.rows('SELECT transaction_id, amount_usd::VARCHAR AS amount FROM fact_billing_txn ORDER BY 1');

describe('exactly-once loading', () => {
  it('loads a file delivered twice, even renamed, once', async () => {
    const text = csv('billing', [{ transaction_id: 'T1' }, { transaction_id: 'T2', amount_usd: '20.00' }]);
    const first = await h.load({ path: h.file('jan.csv', text), source: 'billing' });
    const again = await h.load({ path: h.file('jan-copy.csv', text), source: 'billing' });
    expect(first.status).toBe('loaded');
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.runId, rowsLoaded: 0 });
    expect(await facts()).toEqual([
      { transaction_id: 'T1', amount: '100.00' },
      { transaction_id: 'T2', amount: '20.00' },
    ]);
    expect(await h.rows('SELECT status, file_name FROM etl_run ORDER BY started_at')).toEqual([
      { status: 'loaded', file_name: 'jan.csv' },
      { status: 'duplicate', file_name: 'jan-copy.csv' },
    ]);
  });

  it('replaces rows by natural key on a corrected re-export and keeps rows it does not mention', async () => {
    await h.load({ path: h.file('a.csv', csv('billing', [{ transaction_id: 'T1' }, { transaction_id: 'T2', amount_usd: '20.00' }, { transaction_id: 'T3' }])), source: 'billing' });
    const fix = await h.load({ path: h.file('a-corrected.csv', csv('billing', [{ transaction_id: 'T2', amount_usd: '25.00' }, { transaction_id: 'T4', amount_usd: '1.00' }])), source: 'billing' });
    expect(fix).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsReplaced: 1 });
    expect(await facts()).toEqual([
      { transaction_id: 'T1', amount: '100.00' },
      { transaction_id: 'T2', amount: '25.00' },
      { transaction_id: 'T3', amount: '100.00' },
      { transaction_id: 'T4', amount: '1.00' },
    ]);
  });

  it('replaces dimension rows by key too (providers upsert)', async () => {
    await h.load({ path: h.file('p1.csv', csv('providers', [{ provider_id: 'PR01', provider_name: 'Dr A' }])), source: 'providers' });
    const r = await h.load({ path: h.file('p2.csv', csv('providers', [{ provider_id: 'PR01', provider_name: 'Dr A, MD' }])), source: 'providers' });
    expect(r).toMatchObject({ rowsLoaded: 1, rowsReplaced: 1 });
    expect(await h.rows('SELECT provider_id, provider_name FROM dim_provider')).toEqual([{ provider_id: 'PR01', provider_name: 'Dr A, MD' }]);
  });

  it('rejects a natural key repeated within one file, pointing at the first', async () => {
    const r = await h.load({ path: h.file('rep.csv', csv('billing', [{ transaction_id: 'T1' }, { transaction_id: 'T1', amount_usd: '5.00' }])), source: 'billing' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    expect(await h.rows('SELECT line_n::INTEGER AS line, reason FROM etl_reject')).toEqual([
      { line: 3, reason: 'repeats the natural key (transaction_id) of line 2' },
    ]);
    expect(await facts()).toEqual([{ transaction_id: 'T1', amount: '100.00' }]);
  });

  // The file's identity is the record scan's hash of its bytes (no separate pass first), or,
  // for a file the scan does not read as written, a hash taken before: every path gives the
  // same SHA-256 as hashing the bytes apart, and knows the file again under another name.
  it('knows a file by the SHA-256 of its bytes however it is read: in place, copied, UTF-16, or refused before the scan', async () => {
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    const kinds: [string, Buffer][] = [
      ['in-place.csv', Buffer.from(csv('billing', [{ transaction_id: 'A1' }, { transaction_id: 'A2', amount_usd: '7.25' }]))],
      // CRLF line ends and a blank line: not canonical as written, so the scan writes a copy.
      ['copied.csv', Buffer.from(csv('billing', [{ transaction_id: 'B1' }, { transaction_id: 'B2', amount_usd: '3.10' }], '\r\n') + '\r\n')],
      ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv('billing', [{ transaction_id: 'C1', amount_usd: '12.00' }]), 'utf16le')])],
    ];
    for (const [name, bytes] of kinds) {
      const first = await h.load({ path: h.file(name, bytes), source: 'billing' });
      expect(first, name).toMatchObject({ status: 'loaded', sha256: sha(bytes) });
      const again = await h.load({ path: h.file(`again-${name}`, bytes), source: 'billing' });
      expect(again, name).toMatchObject({ status: 'duplicate', duplicateOf: first.runId, sha256: sha(bytes), rowsLoaded: 0 });
    }
    expect(await h.rows('SELECT file_id, size_bytes::INTEGER AS size FROM etl_file ORDER BY loaded_at')).toEqual(kinds.map(([, b]) => ({ file_id: sha(b), size: b.length })));
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 5 }]);
    // Refused before the scan (no profile reads this header): still reported with its hash.
    const odd = Buffer.from('when;what\n2026-01-01;x\n');
    expect(await h.load({ path: h.file('odd.csv', odd) })).toMatchObject({ status: 'rejected', sha256: sha(odd) });
  });

  it('records the manifest, the facts and the run together', async () => {
    const r = await h.load({ path: h.file('m.csv', csv('billing', [{ transaction_id: 'T1', post_date: '2026-01-06' }, { transaction_id: 'T2', post_date: '2026-02-10', service_date: '2026-02-01' }])), source: 'billing' });
    expect(await h.rows('SELECT file_id, run_id, rows_loaded::INTEGER AS n, first_date::VARCHAR AS f, last_date::VARCHAR AS l FROM etl_file')).toEqual([
      { file_id: r.sha256, run_id: r.runId, n: 2, f: '2026-01-06', l: '2026-02-10' },
    ]);
    expect(await h.rows('SELECT count(DISTINCT file_id)::INTEGER AS n FROM fact_billing_txn WHERE file_id = $f', { f: r.sha256! })).toEqual([{ n: 1 }]);
  });
});
