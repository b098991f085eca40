/**
 * Loading the hand-built scenario 835: every kept segment lands in its table with the values
 * computed by hand in scenarios.ts; nothing from NM1 is stored; the control totals tie.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRemittance } from '../../etl/remittance/loadRemittance.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { scenarioFile } from './scenarios.ts';
import { interchange } from './x12.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const load = (name: string, text: string, threshold?: number) =>
  loadRemittance(threshold === undefined ? h.deps : { ...h.deps, rejectThreshold: threshold }, { path: h.file(name, text) });

describe('loading an 835', () => {
  it('keeps the payment headers with their totals, tied', async () => {
    const r = await load('era.835', scenarioFile());
    expect(r).toMatchObject({ status: 'loaded', source: 'remittance', rowsRead: 5, rowsLoaded: 5, rowsRejected: 0, fileTotal: '130.25', loadedTotal: '130.25', errorCode: null });
    expect(await h.rows(`SELECT trace_number, trace_key, payer_id, payer_name, payee_id, payee_name, payment_method, payment_date::VARCHAR AS paid_on, version,
        total_paid_usd::VARCHAR AS total, claims_paid_usd::VARCHAR AS claims, plb_total_usd::VARCHAR AS plb, payment_diff_usd::VARCHAR AS diff, claims_unbalanced_n, lines_unbalanced_n, claims_n
      FROM remit_transaction ORDER BY txn_position`)).toEqual([
      { trace_number: 'CHK1001', trace_key: '1ACME01', payer_id: 'ACME01', payer_name: 'ACME HEALTH', payee_id: '1234567890', payee_name: 'DEMO PRACTICE', payment_method: 'CHK', paid_on: '2024-01-10', version: '005010X221A1', total: '106.25', claims: '130.00', plb: '23.75', diff: '0.00', claims_unbalanced_n: 0, lines_unbalanced_n: 0, claims_n: 4 },
      { trace_number: 'EFT2002', trace_key: '1SEC02', payer_id: 'SEC02', payer_name: 'SECOND PAYER', payee_id: '1234567890', payee_name: 'DEMO PRACTICE', payment_method: 'ACH', paid_on: '2024-01-10', version: '005010X221A1', total: '24.00', claims: '24.00', plb: '0.00', diff: '0.00', claims_unbalanced_n: 0, lines_unbalanced_n: 0, claims_n: 1 },
    ]);
  });

  it('keeps each claim: the practice claim id, status, amounts, payer control number, dates, interest', async () => {
    await load('era.835', scenarioFile());
    expect(await h.rows(`SELECT claim_id, status_code, claim_status, charge_usd::VARCHAR AS charge, paid_usd::VARCHAR AS paid, patient_resp_usd::VARCHAR AS pr,
        payer_claim_control AS pccn, filing_indicator AS fi, statement_from::VARCHAR AS sfrom, received_date::VARCHAR AS recv, interest_usd::VARCHAR AS interest, adj_diff_usd::VARCHAR AS diff
      FROM remit_claim ORDER BY claim_position`)).toEqual([
      { claim_id: 'C100', status_code: '1', claim_status: 'processed_primary', charge: '200.00', paid: '120.00', pr: '30.00', pccn: 'PCCN-A', fi: '12', sfrom: '2024-01-05', recv: '2024-01-06', interest: null, diff: '0.00' },
      { claim_id: 'C200', status_code: '4', claim_status: 'denied', charge: '100.00', paid: '0.00', pr: '0.00', pccn: 'PCCN-B', fi: '12', sfrom: null, recv: null, interest: null, diff: '0.00' },
      { claim_id: 'C300', status_code: '22', claim_status: 'reversal', charge: '-80.00', paid: '-50.00', pr: null, pccn: 'PCCN-C', fi: '12', sfrom: null, recv: null, interest: null, diff: '0.00' },
      { claim_id: 'C300', status_code: '1', claim_status: 'processed_primary', charge: '80.00', paid: '60.00', pr: '0.00', pccn: 'PCCN-D', fi: '12', sfrom: null, recv: null, interest: '1.25', diff: '0.00' },
      { claim_id: 'C100', status_code: '2', claim_status: 'processed_secondary', charge: '200.00', paid: '24.00', pr: '6.00', pccn: 'PCCN-E', fi: '16', sfrom: null, recv: null, interest: null, diff: '0.00' },
    ]);
  });

  it('keeps service lines with procedure, modifiers, units, dates and allowed amounts', async () => {
    await load('era.835', scenarioFile());
    expect(await h.rows(`SELECT c.claim_id, l.code_qualifier AS q, l.procedure_code AS code, l.modifiers, l.charge_usd::VARCHAR AS charge, l.paid_usd::VARCHAR AS paid, l.units_n::VARCHAR AS units,
        l.service_date::VARCHAR AS dos, l.allowed_usd::VARCHAR AS allowed, l.adj_diff_usd::VARCHAR AS diff
      FROM remit_line l JOIN remit_claim c USING (file_id, claim_position) ORDER BY l.line_position`)).toEqual([
      { claim_id: 'C100', q: 'HC', code: '99213', modifiers: '', charge: '150.00', paid: '90.00', units: '1.000', dos: '2024-01-05', allowed: '120.00', diff: '0.00' },
      { claim_id: 'C100', q: 'HC', code: '36415', modifiers: '', charge: '50.00', paid: '30.00', units: '1.000', dos: '2024-01-05', allowed: '30.00', diff: '0.00' },
      { claim_id: 'C200', q: 'HC', code: '99214', modifiers: '25', charge: '100.00', paid: '0.00', units: '1.000', dos: '2024-01-03', allowed: null, diff: '0.00' },
      { claim_id: 'C300', q: 'HC', code: '99212', modifiers: '', charge: '80.00', paid: '60.00', units: '1.000', dos: '2024-01-02', allowed: null, diff: '0.00' },
    ]);
  });

  it('keeps claim- and line-level adjustments, remark codes and provider-level adjustments', async () => {
    await load('era.835', scenarioFile());
    expect(await h.rows(`SELECT c.claim_id, a.line_position IS NULL AS claim_level, a.group_code AS g, a.carc_code AS carc, a.amount_usd::VARCHAR AS amt
      FROM remit_adjustment a JOIN remit_claim c USING (file_id, claim_position) ORDER BY a.segment_position, a.carc_code`)).toEqual([
      { claim_id: 'C100', claim_level: false, g: 'CO', carc: '45', amt: '30.00' },
      { claim_id: 'C100', claim_level: false, g: 'PR', carc: '2', amt: '30.00' },
      { claim_id: 'C100', claim_level: false, g: 'CO', carc: '45', amt: '20.00' },
      { claim_id: 'C200', claim_level: false, g: 'CO', carc: '197', amt: '100.00' },
      { claim_id: 'C300', claim_level: true, g: 'CO', carc: '45', amt: '-30.00' },
      { claim_id: 'C300', claim_level: false, g: 'CO', carc: '45', amt: '20.00' },
      { claim_id: 'C100', claim_level: true, g: 'OA', carc: '23', amt: '170.00' },
      { claim_id: 'C100', claim_level: true, g: 'PR', carc: '2', amt: '6.00' },
    ]);
    expect(await h.rows('SELECT rarc_code, given_in, line_position IS NULL AS claim_level FROM remit_remark ORDER BY rarc_code')).toEqual([
      { rarc_code: 'MA01', given_in: 'MOA', claim_level: true },
      { rarc_code: 'N130', given_in: 'LQ', claim_level: false },
    ]);
    expect(await h.rows("SELECT provider_id, fiscal_date::VARCHAR AS fd, reason_code, reference_id, amount_usd::VARCHAR AS amt FROM remit_plb ORDER BY segment_position, reason_code DESC")).toEqual([
      { provider_id: '1234567890', fd: '2024-12-31', reason_code: 'WO', reference_id: 'C099', amt: '25.00' },
      { provider_id: '1234567890', fd: '2024-12-31', reason_code: 'L6', reference_id: null, amt: '-1.25' },
    ]);
  });

  it('stores no patient name or member id anywhere in the warehouse', async () => {
    await load('era.835', scenarioFile());
    const tables = await h.rows("SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND data_type = 'VARCHAR'");
    for (const { table_name, column_name } of tables as { table_name: string; column_name: string }[]) {
      const hits = await h.rows(`SELECT count(*)::INTEGER AS n FROM "${table_name}" WHERE regexp_matches("${column_name}", 'DOE|JANE|ROE|RICHARD|W123456789|X987654321')`);
      expect(hits[0]!.n, `${table_name}.${column_name}`).toBe(0);
    }
  });

  it('reads the payer id from REF*2U, inpatient remarks (MIA), prompt-pay discounts, line control numbers and a forwarding balance', async () => {
    // 300 - 250 = 50 = CO-45 50 on the line; BPR02 = 250 - (FB 10.00) = 240.00
    const body = [
      'BPR*I*240*C*FWT************20240201', 'TRN*1*WIRE9*1999', 'N1*PR*NO ID PAYER', 'REF*2U*PAYER2U', 'N1*PE*DEMO PRACTICE*FI*123456789', 'LX*1',
      'CLP*C900*1*300*250*0*MA*PCCN-9*11', 'MIA*0****MA18', 'AMT*D8*4.50', 'SVC*HC:99233:GC:59*300*250**2', 'DTM*472*20240120', 'CAS*CO*45*50', 'REF*6R*LINE-1',
      'PLB*1234567890*20241231*FB:PRIOR*10',
    ];
    const r = await load('other.835', interchange('000000500', [{ control: '0001', body }]));
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 1, errorCode: null });
    expect(await h.rows("SELECT payer_id, payer_name, payment_method, payee_id, total_paid_usd::VARCHAR AS paid, plb_total_usd::VARCHAR AS plb FROM remit_transaction")).toEqual([
      { payer_id: 'PAYER2U', payer_name: 'NO ID PAYER', payment_method: 'FWT', payee_id: '123456789', paid: '240.00', plb: '10.00' },
    ]);
    expect(await h.rows('SELECT prompt_pay_usd::VARCHAR AS d FROM remit_claim')).toEqual([{ d: '4.50' }]);
    expect(await h.rows('SELECT rarc_code, given_in FROM remit_remark')).toEqual([{ rarc_code: 'MA18', given_in: 'MIA' }]);
    expect(await h.rows('SELECT modifiers, units_n::VARCHAR AS units, control_number FROM remit_line')).toEqual([{ modifiers: 'GC:59', units: '2.000', control_number: 'LINE-1' }]);
    expect(await h.rows('SELECT reason_code, reference_id, amount_usd::VARCHAR AS amt FROM remit_plb')).toEqual([{ reason_code: 'FB', reference_id: 'PRIOR', amt: '10.00' }]);
  });
});
