/**
 * Remittance analytics over the scenario 835, the extra 835 and the small ledger of
 * ledgerFixture.ts, with a fee schedule. Every expected figure is worked out by hand in the
 * comments from the segments in scenarios.ts and ledgerFixture.ts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payerVelocity, remitDenialRates, remitDenialReasons, remitReversals, underpayments } from '../../dashboards/remittance/analytics.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { loadLedgerAndRemittances } from './ledgerFixture.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await loadLedgerAndRemittances(h);
  const fees = csv('fee_schedule', [
    { payer_ref: 'ACME01', procedure_code: '99213', modifier: '', expected_allowed_usd: '125.00' },
    { payer_ref: 'commercial', procedure_code: '99213', modifier: '', expected_allowed_usd: '130.00' },
    { payer_ref: 'commercial', procedure_code: '36415', modifier: '', expected_allowed_usd: '35.00' },
    { payer_ref: 'commercial', procedure_code: '99212', modifier: '25', expected_allowed_usd: '999.00' },
    { payer_ref: 'commercial', procedure_code: '99212', modifier: '', expected_allowed_usd: '55.00' },
  ]);
  expect((await h.load({ path: h.file('fees.csv', fees), source: 'fee_schedule' })).status).toBe('loaded');
});
afterAll(() => h.close());

const JAN = { from: '2024-01-01', to: '2024-01-31' };
const use = <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => h.warehouse.use(fn);

describe('remittance analytics', () => {
  it('denial rate: ACME adjudicated C100, C200, C300 (corrected), CX9 and denied C200; SECOND none (OA-23 is not a denial)', async () => {
    expect(await use((c) => remitDenialRates(c, JAN))).toEqual([
      { payer: null, claims_adjudicated_n: 5, claims_denied_n: 1, denial_rate_pct: 1 / 5, denial_rate_usd_pct: 100 / 680 },
      { payer: 'ACME HEALTH', claims_adjudicated_n: 4, claims_denied_n: 1, denial_rate_pct: 1 / 4, denial_rate_usd_pct: 100 / 480 },
      { payer: 'SECOND PAYER', claims_adjudicated_n: 1, claims_denied_n: 0, denial_rate_pct: 0, denial_rate_usd_pct: 0 },
    ]);
  });

  it('top denial reasons: CO-197 on C200 (100.00), and its remark codes MA01 (MOA) and N130 (LQ)', async () => {
    expect(await use((c) => remitDenialReasons(c, JAN))).toEqual([
      { code_list: 'CARC', code: '197', description: 'Precertification, notification, authorization or pre-treatment absent', claims_n: 1, denial_usd: '100.00' },
      { code_list: 'RARC', code: 'MA01', description: 'Alert: you may appeal this decision if you do not agree with it', claims_n: 1, denial_usd: null },
      { code_list: 'RARC', code: 'N130', description: 'Consult plan benefit documents or guidelines for restrictions on this service', claims_n: 1, denial_usd: null },
    ]);
  });

  it('reversals and PLB apart: C300 reversed (50.00 taken back), WO 25.00, interest L6 1.25 + AMT*I 1.25', async () => {
    expect(await use((c) => remitReversals(c, JAN))).toEqual([
      { payer: 'ACME HEALTH', reversed_claims_n: 1, reversed_usd: '50.00', recoupment_usd: '25.00', interest_usd: '2.50', prompt_pay_discount_usd: '0.00', forward_balance_usd: '0.00', other_plb_usd: '0.00' },
    ]);
  });

  it('payment velocity: ACME days from service 5, 8, 6 (median 6), from claim 4 (C100 received); SECOND from its ledger charge, 4', async () => {
    expect(await use((c) => payerVelocity(c, JAN))).toEqual([
      { payer: null, paid_claims_n: 4, days_from_service_days: 6, days_from_claim_days: 4 },
      { payer: 'ACME HEALTH', paid_claims_n: 3, days_from_service_days: 6, days_from_claim_days: 4 },
      { payer: 'SECOND PAYER', paid_claims_n: 1, days_from_service_days: null, days_from_claim_days: 4 },
    ]);
  });

  it('underpayments: ACME 99213 allowed 120 and 80 against its own 125 (not the class 130); 36415 30 against 35; 99212 60 over 55', async () => {
    expect(await use((c) => underpayments(c, JAN))).toEqual([
      { payer: 'ACME HEALTH', procedure_code: '99213', priced_claim_lines_n: 2, underpaid_claim_lines_n: 2, expected_usd: '250.00', allowed_usd: '200.00', shortfall_usd: '50.00' },
      { payer: 'ACME HEALTH', procedure_code: '36415', priced_claim_lines_n: 1, underpaid_claim_lines_n: 1, expected_usd: '35.00', allowed_usd: '30.00', shortfall_usd: '5.00' },
    ]);
  });

  it('an empty period gives total rows of zero claims and no reason rows', async () => {
    const feb = { from: '2024-02-01', to: '2024-02-29' };
    expect(await use((c) => remitDenialRates(c, feb))).toEqual([{ payer: null, claims_adjudicated_n: 0, claims_denied_n: 0, denial_rate_pct: null, denial_rate_usd_pct: null }]);
    expect(await use((c) => remitDenialReasons(c, feb))).toEqual([]);
  });
});
