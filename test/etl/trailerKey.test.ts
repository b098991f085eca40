/**
 * A trailer ("Total" row) names no record: every cell of the source's natural key is blank or
 * is the summary's own label. An independent probe (2026-12-02) found a real row among the last
 * three with "Total" in another cell (a payer named "Total Health Care", an appointment type
 * "Total knee follow-up") and one failed check counted apart as a trailer: neither loaded nor
 * rejected, its 250.00 shown only as the "trailer total". Such a row is now rejected at its line.
 * Counts, lines and totals are worked out by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;
const cells = header('billing').split(',');
/** A billing line with only the given cells (by field name) filled, the rest empty. */
const sparse = (values: Record<string, string>) => cells.map((c) => values[c] ?? '').join(',');

describe('the trailer rule and the natural key', () => {
  it('rejects a data row whose other cell says "Total", and still counts a summary row apart', async () => {
    const text = lines(
      header('billing'),
      row('billing', { transaction_id: 'K1', amount_usd: '100.00' }), // line 2
      row('billing', { transaction_id: 'K2', amount_usd: '150.00' }), // line 3
      // line 4: a real charge of 250.00 with its service date missing and a payer named "Total Health Care".
      row('billing', { transaction_id: 'K3', payer_id: 'Total Health Care', service_date: '', amount_usd: '250.00' }),
      // line 5: the export's summary: no transaction id, the label under txn_type, the sum.
      sparse({ txn_type: 'TOTAL', amount_usd: '500.00' }),
    );
    const r = await h.load({ path: h.file('total-payer.csv', text), source: 'billing' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, trailerRows: 1, loadedTotal: '250.00', trailerTotal: '500.00' });
    expect(r.rejects.map((x) => x.line)).toEqual([4]);
  });

  it('still takes a short summary whose key cell holds the label ("Total,,500.00") as a trailer', async () => {
    const text = lines(header('billing'), row('billing', { transaction_id: 'K1', amount_usd: '100.00' }), 'Grand Total,,500.00');
    const r = await h.load({ path: h.file('short-total.csv', text), source: 'billing' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 1, rowsLoaded: 1, rowsRejected: 0, trailerRows: 1 });
  });

  it('rejects an appointment whose type begins "Total" and whose status fails, at its line', async () => {
    const text = lines(
      header('appointments'),
      row('appointments', { appointment_id: 'A1' }), // line 2
      row('appointments', { appointment_id: 'A2', appt_type: 'Total knee follow-up', status: 'rescheduled' }), // line 3
    );
    const r = await h.load({ path: h.file('total-knee.csv', text), source: 'appointments' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1, trailerRows: 0 });
    expect(r.rejects.map((x) => x.line)).toEqual([3]);
  });
});
