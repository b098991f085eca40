/**
 * A small ledger beside the scenario 835 (scenarios.ts), and one more 835 with a claim the
 * ledger lacks. By hand:
 * - C100: the ledger posts 120.00 (ACME) and 24.00 (SECOND) = the 835s' 120 + 24: matched, equal;
 * - C200: the ledger posts the charge only, the 835 pays 0.00: matched, equal;
 * - C300: the ledger posts 50.00 and 60.00 but not the payer's reversal; the 835s pay
 *   -50 + 60 = 10.00: matched, differs by 10 - 110 = -100.00;
 * - CX9: on the extra 835 (ACME, 80.00), not in the ledger: unmatched.
 */
import type { Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { loadRemittance } from '../../etl/remittance/loadRemittance.ts';
import { scenarioFile } from './scenarios.ts';
import { header, interchange } from './x12.ts';

const pay = (id: string, claim: string, payer: string, cls: string, amount: string, post: string, dos = '2024-01-05') => ({
  transaction_id: id, claim_id: claim, payer_id: payer, payer_class: cls, txn_type: 'payment', amount_usd: amount, payment_source: 'insurance', post_date: post, service_date: dos,
});

export const LEDGER = csv('billing', [
  { transaction_id: 'L1', claim_id: 'C100', payer_id: 'ACME01', service_date: '2024-01-05', post_date: '2024-01-06', amount_usd: '200.00' },
  pay('L2', 'C100', 'ACME01', 'commercial', '120.00', '2024-01-10'),
  pay('L3', 'C100', 'SEC02', 'medicare', '24.00', '2024-01-10'),
  { transaction_id: 'L4', claim_id: 'C200', payer_id: 'ACME01', service_date: '2024-01-03', post_date: '2024-01-04', amount_usd: '100.00' },
  pay('L5', 'C300', 'ACME01', 'commercial', '50.00', '2024-01-03', '2024-01-02'),
  pay('L6', 'C300', 'ACME01', 'commercial', '60.00', '2024-01-10', '2024-01-02'),
]);

export const PAYERS = csv('payers', [
  { payer_id: 'ACME01', payer_name: 'Acme Health Plan', payer_class: 'commercial' },
  { payer_id: 'SEC02', payer_name: 'Second Payer', payer_class: 'medicare' },
]);

export const EXTRA_835 = interchange('000000401', [
  { control: '0001', body: [...header({ paid: '80', trace: 'CHK4001', payer: 'ACME HEALTH', payerId: 'ACME01' }), 'LX*1', 'CLP*CX9*1*100*80*0*12*PX9', 'SVC*HC:99213*100*80**1', 'DTM*472*20240104', 'CAS*CO*45*20', 'AMT*B6*80'] },
]);

/** Load the payers, the ledger, the scenario 835 and the extra one; returns the two 835 loads. */
export async function loadLedgerAndRemittances(h: Harness) {
  await h.load({ path: h.file('payers.csv', PAYERS), source: 'payers' });
  await h.load({ path: h.file('billing.csv', LEDGER), source: 'billing' });
  const a = await loadRemittance(h.deps, { path: h.file('era.835', scenarioFile()) });
  const b = await loadRemittance(h.deps, { path: h.file('extra.835', EXTRA_835) });
  return [a, b] as const;
}
