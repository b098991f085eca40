/**
 * The Collections page's remittance sections: absent without 835s; with them, aggregate tables
 * by payer (the total row named "All payers") whose figures are those of the hand-computed
 * queries (reconcile.test.ts, analytics.test.ts), and no claim id anywhere.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filters } from '../../dashboards/filters/index.ts';
import type { PageContext } from '../../dashboards/pages/model.ts';
import { remittanceSections } from '../../dashboards/remittance/sections.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { loadLedgerAndRemittances } from './ledgerFixture.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const filters: Filters = { period: 'month', from: '2024-01-01', to: '2024-01-31', compare: 'prior' };
const page = (conn: DuckDBConnection): PageContext => ({ conn, filters, today: '2024-02-15', query: '', drill: () => '' });

describe('remittance sections of the Collections page', () => {
  it('are absent while no 835 is loaded', async () => {
    expect(await h.warehouse.use((c) => remittanceSections(page(c)))).toEqual([]);
  });

  it('show the reconciliation and analytics by payer, aggregates only', async () => {
    await loadLedgerAndRemittances(h);
    const sections = await h.warehouse.use((c) => remittanceSections(page(c)));
    expect(sections.map((s) => s.id)).toEqual(['era-reconciliation', 'era-payments-by-month', 'era-denial-rate', 'era-denial-reasons', 'era-reversals-plb', 'era-payment-velocity', 'era-underpayments']);
    const recon = sections[0]!.table;
    expect(recon.columns).toEqual(['payer', 'era_claims_n', 'matched_claims_n', 'unmatched_claims_n', 'differing_claims_n', 'difference_usd']);
    expect(recon.rows).toEqual([
      ['All payers', 5, 4, 1, 1, '-100.00'],
      ['ACME HEALTH', 4, 3, 1, 1, '-100.00'],
      ['SECOND PAYER', 1, 1, 0, 0, '0.00'],
    ]);
    expect(sections[2]!.svg).toContain('<svg');
    expect(sections[6]!.intro).toContain('No 835 line was allowed less than the fee schedule says');
    const text = JSON.stringify(sections.map((s) => s.table));
    for (const claim of ['C100', 'C200', 'C300', 'CX9']) expect(text).not.toContain(claim);
  });
});
