/**
 * Reconciliation of the 835s with the ledger, against the hand-computed figures of
 * ledgerFixture.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentsByPayerMonth, reconciliationByPayer, runClaimFindings, runTransactions } from '../../dashboards/remittance/reconcile.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { loadLedgerAndRemittances } from './ledgerFixture.ts';

let h: Harness;
let runs: readonly [LoadReport, LoadReport];
beforeAll(async () => {
  h = await openHarness();
  runs = await loadLedgerAndRemittances(h);
});
afterAll(() => h.close());

const JAN = { from: '2024-01-01', to: '2024-01-31' };

describe('reconciliation with the ledger', () => {
  it('counts matched, unmatched and differing claims by payer, with a total', async () => {
    const r = await h.warehouse.use((c) => reconciliationByPayer(c, JAN));
    expect(r).toEqual([
      { payer: null, era_claims_n: 5, matched_claims_n: 4, unmatched_claims_n: 1, differing_claims_n: 1, difference_usd: '-100.00' },
      { payer: 'ACME HEALTH', era_claims_n: 4, matched_claims_n: 3, unmatched_claims_n: 1, differing_claims_n: 1, difference_usd: '-100.00' },
      { payer: 'SECOND PAYER', era_claims_n: 1, matched_claims_n: 1, unmatched_claims_n: 0, differing_claims_n: 0, difference_usd: '0.00' },
    ]);
  });

  it('honours the payer class filter through the payer id', async () => {
    const r = await h.warehouse.use((c) => reconciliationByPayer(c, { ...JAN, payerClass: 'medicare' }));
    expect(r.map((x) => [x.payer, x.era_claims_n])).toEqual([[null, 1], ['SECOND PAYER', 1]]);
  });

  it('sets the 835 payments beside the ledger insurance payments by payer and month', async () => {
    expect(await h.warehouse.use((c) => paymentsByPayerMonth(c, JAN))).toEqual([
      { month_start: '2024-01-01', payer: 'ACME HEALTH', era_paid_usd: '186.25', ledger_paid_usd: '230.00', difference_usd: '-43.75' },
      { month_start: '2024-01-01', payer: 'SECOND PAYER', era_paid_usd: '24.00', ledger_paid_usd: '24.00', difference_usd: '0.00' },
    ]);
  });

  it('lists, for one run, the claims the ledger lacks or pays differently, and its transactions', async () => {
    expect(await h.warehouse.use((c) => runClaimFindings(c, runs[0].runId))).toEqual([
      { claim_id: 'C300', payer: 'ACME HEALTH', finding: 'paid differs', era_paid_usd: '10.00', ledger_paid_usd: '110.00', difference_usd: '-100.00' },
    ]);
    expect(await h.warehouse.use((c) => runClaimFindings(c, runs[1].runId))).toEqual([
      { claim_id: 'CX9', payer: 'ACME HEALTH', finding: 'not in the ledger', era_paid_usd: '80.00', ledger_paid_usd: null, difference_usd: '80.00' },
    ]);
    expect((await h.warehouse.use((c) => runTransactions(c, runs[0].runId))).map((t) => [t.segment, t.trace_number, t.total_paid_usd, t.plb_usd, t.payment_diff_usd])).toEqual([
      [3, 'CHK1001', '106.25', '23.75', '0.00'],
      [42, 'EFT2002', '24.00', '0.00', '0.00'],
    ]);
  });
});
