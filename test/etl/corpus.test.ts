/**
 * "Nothing lost", proved over a generated malformed-input corpus (test/etl/corpus/): for every
 * file, every physical line after the header is either loaded at its true line with its exact
 * amount, or rejected at its true line, or blank; or the whole file is refused with a reason.
 * Never a "loaded" file with a line unaccounted for; rows read = loaded + rejected; the file's
 * total is the sum of its rows as written. Expectations come from the generator and the byte-level
 * oracle, never from the loader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { generateCorpus } from './corpus/generate.ts';
import { expectedLines } from './corpus/oracle.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const cents = (v: unknown): bigint => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(String(v));
  if (!m) throw new Error(`not an amount: ${String(v)}`);
  const c = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] === '-' ? -c : c;
};
const text = (c: bigint): string => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${((c < 0n ? -c : c) % 100n).toString().padStart(2, '0')}`;

const corpus = generateCorpus();

describe('malformed-input corpus', () => {
  it('has every pattern at the start, middle and end, and the whole-file cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(45);
    expect(corpus.map((c) => c.name)).toEqual(expect.arrayContaining(['unclosed-quote-start', 'unclosed-quote-middle', 'unclosed-quote-end', 'utf16le-nobom', 'mixed-endings', 'truncated-end']));
  });

  for (const c of corpus) {
    it(`accounts for every line of ${c.name}`, async () => {
      const r = await h.load({ path: h.file(`corpus/${c.name}.csv`, c.bytes), source: 'billing' }, { rejectThreshold: 1 });
      const facts = await h.rows(
        'SELECT transaction_id, amount_usd::VARCHAR AS amount, source_line::INTEGER AS line FROM fact_billing_txn WHERE file_id = $f ORDER BY source_line',
        { f: r.sha256 ?? '' },
      );
      const rejects = await h.rows('SELECT DISTINCT line_n::INTEGER AS line FROM etl_reject WHERE run_id = $r ORDER BY 1', { r: r.runId });
      if (c.refused) {
        expect(r).toMatchObject({ status: 'rejected', errorCode: c.refused, rowsLoaded: 0 });
        expect(r.message).toContain(`${c.name}.csv`);
        expect(facts).toEqual([]);
        return;
      }
      const expected = expectedLines(c);
      const loaded = expected.flatMap((e) => (e.kind === 'loaded' ? [e] : []));
      const rejected = expected.filter((e) => e.kind === 'rejected').map((e) => ({ line: e.line }));
      expect(r.status).toBe('loaded');
      expect(facts).toEqual(loaded.map((e) => ({ transaction_id: e.row.transactionId, amount: text(e.row.cents), line: e.line })));
      expect(rejects).toEqual(rejected);
      expect(r).toMatchObject({ rowsRead: loaded.length + rejected.length, rowsLoaded: loaded.length, rowsRejected: rejected.length });
      const total = text(loaded.reduce((t, e) => t + e.row.cents, 0n));
      expect(r.loadedTotal).toBe(total);
      expect(cents(r.fileTotal)).toBe(cents(total));
    });
  }
});
