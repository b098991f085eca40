/**
 * The admin quarantine of rejected rows (issue 11, item 6): a patient id is kept only as its
 * keyed hash, as the facts hold it, for rows rejected by typing and for repeated natural keys
 * alike; repeated-key rows sit under the file's own columns; a corrected row loaded again from
 * the quarantine keeps the same patient. Expected hashes come from node:crypto, not the SQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patientKey } from '../../etl/phi/patientKey.ts';
import { openHarness, TEST_KEY, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const RAW = 'PX-778812';
const hashed = `pk:${patientKey(TEST_KEY, RAW)}`;

describe('quarantine of rejected rows', () => {
  it('keeps a rejected row’s patient id only as its keyed hash', async () => {
    const text = [header('billing'), row('billing', { transaction_id: 'T1', patient_id: RAW }), row('billing', { transaction_id: 'T2', patient_id: RAW, post_date: 'soon' })].join('\n') + '\n';
    const r = await h.load({ path: h.file('q.csv', text), source: 'billing' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ rowsLoaded: 1, rowsRejected: 1 });
    const [q] = await h.rows('SELECT line_n::INTEGER AS line, raw_record FROM etl_quarantine');
    expect(q!.line).toBe(3);
    expect(String(q!.raw_record)).not.toContain(RAW);
    // The file's layout: patient_id is the 4th column, post_date the 12th.
    const cells = String(q!.raw_record).split(',');
    expect(cells[3]).toBe(hashed);
    expect(cells[11]).toBe('soon');
  });

  it('lays a repeated-key row out under the file’s own columns, the patient hashed', async () => {
    // Reordered columns: the quarantine must follow the file, not the canonical order.
    const cols = header('billing').split(',').reverse();
    const values = (o: Record<string, string>) => row('billing', o).split(',').reverse().join(',');
    const text = [cols.join(','), values({ transaction_id: 'T1', patient_id: RAW }), values({ transaction_id: 'T1', patient_id: RAW, amount_usd: '7.50' })].join('\n') + '\n';
    const r = await h.load({ path: h.file('rep.csv', text), source: 'billing' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ rowsLoaded: 1, rowsRejected: 1 });
    const [q] = await h.rows('SELECT line_n::INTEGER AS line, raw_record FROM etl_quarantine');
    expect(q!.line).toBe(3);
    const cells = String(q!.raw_record).split(',');
    expect(cells).toHaveLength(cols.length);
    expect(cells[cols.indexOf('transaction_id')]).toBe('T1');
    expect(cells[cols.indexOf('amount_usd')]).toBe('7.50');
    expect(cells[cols.indexOf('patient_id')]).toBe(hashed);
    expect(String(q!.raw_record)).not.toContain(RAW);
  });

  it('gives a corrected row loaded from the quarantine the same patient key', async () => {
    const bad = [header('billing'), row('billing', { transaction_id: 'T9', patient_id: hashed })].join('\n') + '\n';
    const r = await h.load({ path: h.file('fix.csv', bad), source: 'billing' });
    expect(r.rowsLoaded).toBe(1);
    expect(await h.rows('SELECT patient_key FROM fact_billing_txn')).toEqual([{ patient_key: patientKey(TEST_KEY, RAW) }]);
  });
});
