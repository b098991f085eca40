/**
 * Each source's small fixture, loaded through its canonical profile, with the expected
 * figures computed by hand in the comments.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patientKey } from '../../etl/phi/patientKey.ts';
import { openHarness, TEST_KEY, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

describe('billing ledger', () => {
  it('loads a claim: charge, payment, CO-45 adjustment, PR-2, refund; totals exact', async () => {
    const r = await h.load({
      path: h.file('billing.csv', csv('billing', [
        { transaction_id: 'T1', txn_type: 'charge', amount_usd: '200.00' },
        { transaction_id: 'T2', txn_type: 'payment', amount_usd: '120.00', payment_source: 'insurance', post_date: '2026-02-01' },
        { transaction_id: 'T3', txn_type: 'adjustment', amount_usd: '50.00', adj_group: 'co', carc_code: '45', post_date: '2026-02-01' },
        { transaction_id: 'T4', txn_type: 'adjustment', amount_usd: '30.00', adj_group: 'PR', carc_code: '2', post_date: '2026-02-01' },
        { transaction_id: 'T5', txn_type: 'payment', amount_usd: '30.00', payment_source: 'patient', post_date: '2026-02-15' },
        { transaction_id: 'T6', txn_type: 'refund', amount_usd: '5.00', payment_source: 'patient', post_date: '2026-03-01' },
        { transaction_id: 'T7', txn_type: 'payment', amount_usd: '10.00', payment_source: '', post_date: '2026-03-01' },
      ])),
      source: 'billing',
    }, { rejectThreshold: 1 });
    // Control total: 200 + 120 + 50 + 30 + 30 + 5 + 10 = 445.00 in the file; T7 (payment without a source) rejected: 435.00 loaded.
    expect(r).toMatchObject({ rowsRead: 7, rowsLoaded: 6, rowsRejected: 1, fileTotal: '445.00', loadedTotal: '435.00' });
    expect(r.rejects).toEqual([{ line: 8, column: 'payment_source (payment_source)', reason: 'required for payments and refunds' }]);
    // A/R = charges 200 - payments (120 + 30) + refunds 5 - adjustments (50 + 30) = -25.00
    const [ar] = await h.rows(`SELECT sum(CASE txn_type WHEN 'charge' THEN amount_usd WHEN 'payment' THEN -amount_usd WHEN 'refund' THEN amount_usd WHEN 'adjustment' THEN -amount_usd ELSE 0 END)::VARCHAR AS ar FROM fact_billing_txn`);
    expect(ar).toEqual({ ar: '-25.00' });
    expect(await h.rows("SELECT adj_group FROM fact_billing_txn WHERE transaction_id = 'T3'")).toEqual([{ adj_group: 'CO' }]);
    expect(await h.rows('SELECT DISTINCT patient_key FROM fact_billing_txn')).toEqual([{ patient_key: patientKey(TEST_KEY, 'P0001') }]);
  });
});

describe('payroll register', () => {
  it('loads pay periods with blank optional hours as zero; gross pay total exact', async () => {
    const r = await h.load({
      path: h.file('payroll.csv', csv('payroll', [
        { employee_id: 'E1', gross_pay_usd: '2,000.50', overtime_hours: '4.5' },
        { employee_id: 'E2', job_class: 'provider', gross_pay_usd: '9000.00', overtime_hours: '', pto_hours: '' },
        { employee_id: 'E3', job_class: 'janitor', gross_pay_usd: '1.00' },
      ])),
      source: 'payroll',
    }, { rejectThreshold: 1 });
    // 2000.50 + 9000.00 + 1.00 = 11001.50 in the file; E3's job class is not a class, so 11000.50 loaded
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, fileTotal: '11001.50', loadedTotal: '11000.50' });
    expect(await h.rows('SELECT employee_id, overtime_hours::VARCHAR AS ot, pto_hours::VARCHAR AS pto FROM fact_payroll ORDER BY 1')).toEqual([
      { employee_id: 'E1', ot: '4.50', pto: '0.00' },
      { employee_id: 'E2', ot: '0.00', pto: '0.00' },
    ]);
  });
});

describe('appointments', () => {
  it('derives late cancellation by the 24-hour house rule and from a source flag', async () => {
    const r = await h.load({
      path: h.file('appts.csv', csv('appointments', [
        { appointment_id: 'A1', status: 'fulfilled' },
        { appointment_id: 'A2', status: 'cancelled', cancelled_at: '2026-01-09 11:00:00', checked_in_at: '', checked_out_at: '' }, // 23 h before 10:00 next day: late
        { appointment_id: 'A3', status: 'cancelled', cancelled_at: '2026-01-09 09:00:00', checked_in_at: '', checked_out_at: '' }, // 25 h before: not late
        { appointment_id: 'A4', status: 'cancelled-late', checked_in_at: '', checked_out_at: '' },
        { appointment_id: 'A5', status: 'noshow', checked_in_at: '', checked_out_at: '' },
        { appointment_id: 'A6', status: 'Fulfilled', scheduled_start: '2026-01-10T10:00:00Z' },
      ])),
      source: 'appointments',
    });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 6, rowsLoaded: 6, rowsRejected: 0 });
    expect(await h.rows('SELECT appointment_id, status, late_cancel FROM fact_appointment ORDER BY 1')).toEqual([
      { appointment_id: 'A1', status: 'fulfilled', late_cancel: false },
      { appointment_id: 'A2', status: 'cancelled', late_cancel: true },
      { appointment_id: 'A3', status: 'cancelled', late_cancel: false },
      { appointment_id: 'A4', status: 'cancelled', late_cancel: true },
      { appointment_id: 'A5', status: 'noshow', late_cancel: false },
      { appointment_id: 'A6', status: 'fulfilled', late_cancel: false },
    ]);
  });
});

describe('reference sources', () => {
  it('loads providers, payers, locations, RVUs and a budget with its defaults', async () => {
    const results = [];
    results.push(await h.load({ path: h.file('loc.csv', csv('locations', [{ location_id: 'L1', location_name: 'Main' }, { location_id: 'L2', location_name: 'North' }])), source: 'locations' }));
    results.push(await h.load({ path: h.file('pay.csv', csv('payers', [{ payer_id: 'PY1' }, { payer_id: 'PY2', payer_class: 'Medicare' }])), source: 'payers' }));
    results.push(await h.load({ path: h.file('prov.csv', csv('providers', [{ provider_id: 'PR01' }, { provider_id: 'PR02', npi: '123', clinical_fte: '0.5' }])), source: 'providers' }, { rejectThreshold: 1 }));
    results.push(await h.load({ path: h.file('rvu.csv', csv('rvus', [{ procedure_code: '99213', work_rvu: '1.30' }, { procedure_code: '17000', work_rvu: '0.61' }])), source: 'rvus' }));
    results.push(await h.load({ path: h.file('budget.csv', csv('budget', [{ month_start: '2026-01-15', planned_value: '1,000.00' }, { month_start: '2026-01-01', budget_line: 'visits_n', location_id: '', planned_value: '850' }])), source: 'budget' }));
    expect(results.map((r) => [r.source, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['locations', 2, 0],
      ['payers', 2, 0],
      ['providers', 1, 1], // NPI '123' is not 10 digits
      ['rvus', 2, 0],
      ['budget', 2, 0],
    ]);
    expect(await h.rows('SELECT payer_id, payer_class FROM dim_payer ORDER BY 1')).toEqual([
      { payer_id: 'PY1', payer_class: 'commercial' },
      { payer_id: 'PY2', payer_class: 'medicare' },
    ]);
    expect(await h.rows('SELECT month_start::VARCHAR AS m, budget_line, location_id, planned_value::VARCHAR AS v FROM ref_budget ORDER BY budget_line')).toEqual([
      { m: '2026-01-01', budget_line: 'gross_charges_usd', location_id: 'L1', v: '1000.00' },
      { m: '2026-01-01', budget_line: 'visits_n', location_id: 'ALL', v: '850.00' },
    ]);
    expect(await h.rows("SELECT work_rvu::VARCHAR AS w FROM dim_procedure WHERE procedure_code = '17000'")).toEqual([{ w: '0.61' }]);
  });
});
