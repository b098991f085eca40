/**
 * Anomalies on a hand-built practice, June to September 2026, loaded through the ETL:
 * - PY1 Medicare paid $1,000 in each of June, July and August and nothing in September: flagged,
 *   probably an export problem. PY2 Acme paid $800 every month: not flagged. PY4 Tiny paid $100
 *   a month and nothing in September: under the $500 a month floor, not flagged.
 * - Dr Baker (PR02) billed June to August, nothing in September but had visits: flagged, export.
 *   Dr Cole (PR03) billed June to August, nothing in September and no visits: flagged, a business
 *   change. Dr Dunn (PR04) billed in July and August only: not three months, not flagged.
 * - Payroll ends on 2026-08-15, 46 days before September ends (allowance 21): flagged. Billing
 *   ends on 09-20, 10 days before (allowance 10): not flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { findAnomalies, type Anomaly } from '../../dashboards/bridge/index.ts';
import { freshness } from '../../dashboards/freshness.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';

type Row = Record<string, string>;
let h: Harness;
let found: Anomaly[];

const txn = (id: string, claim: string, prov: string, payer: string, cls: string, post: string, type: string, amount: string): Row => ({
  transaction_id: id, claim_id: claim, patient_id: `pt-${claim}`, provider_id: prov, location_id: 'L1', payer_id: payer, payer_class: cls,
  procedure_code: '99213', service_date: post, post_date: post, txn_type: type, amount_usd: amount, ...(type === 'payment' ? { payment_source: 'insurance' } : {}),
});

beforeAll(async () => {
  h = await openHarness();
  const ledger: Row[] = [];
  for (const m of ['06', '07', '08']) {
    ledger.push(txn(`A${m}`, `C1-${m}`, 'PR01', 'PY1', 'medicare', `2026-${m}-05`, 'charge', '1500.00'));
    ledger.push(txn(`B${m}`, `C1-${m}`, 'PR01', 'PY1', 'medicare', `2026-${m}-20`, 'payment', '1000.00'));
    ledger.push(txn(`C${m}`, `C2-${m}`, 'PR02', 'PY2', 'commercial', `2026-${m}-06`, 'charge', '900.00'));
    ledger.push(txn(`D${m}`, `C2-${m}`, 'PR02', 'PY2', 'commercial', `2026-${m}-18`, 'payment', '800.00'));
    ledger.push(txn(`E${m}`, `C3-${m}`, 'PR03', 'PY4', 'other', `2026-${m}-07`, 'charge', '200.00'));
    ledger.push(txn(`F${m}`, `C3-${m}`, 'PR03', 'PY4', 'other', `2026-${m}-19`, 'payment', '100.00'));
    if (m !== '06') ledger.push(txn(`G${m}`, `C4-${m}`, 'PR04', 'PY2', 'commercial', `2026-${m}-08`, 'charge', '100.00'));
  }
  ledger.push(txn('A09', 'C1-09', 'PR01', 'PY1', 'medicare', '2026-09-05', 'charge', '1500.00'));
  ledger.push(txn('D09', 'C1-09', 'PR01', 'PY2', 'commercial', '2026-09-20', 'payment', '800.00'));
  const appointments: Row[] = [];
  for (const [i, prov, day] of [[1, 'PR01', '2026-06-02'], [2, 'PR02', '2026-09-10'], [3, 'PR02', '2026-09-28'], [4, 'PR01', '2026-09-15']] as const) {
    appointments.push({ appointment_id: `AP${i}`, patient_id: `p${i}`, provider_id: prov, location_id: 'L1', booked_at: `${day} 08:00:00`, scheduled_start: `${day} 10:00:00`, status: 'fulfilled', checked_in_at: `${day} 10:00:00`, checked_out_at: `${day} 10:20:00` });
  }
  const payroll: Row[] = [{ employee_id: 'E1', location_id: 'L1', period_start: '2026-06-07', period_end: '2026-06-20', check_date: '2026-06-25' }, { employee_id: 'E1', location_id: 'L1', period_start: '2026-08-02', period_end: '2026-08-15', check_date: '2026-08-20' }];
  const load = async (source: Parameters<typeof csv>[0], rows: Row[]) => {
    const r = await h.load({ path: h.file(`${source}.csv`, csv(source, rows)), source });
    expect(r.status, source).toBe('loaded');
  };
  await load('locations', [{ location_id: 'L1', location_name: 'Main' }]);
  await load('providers', ['Ames', 'Baker', 'Cole', 'Dunn'].map((n, i) => ({ provider_id: `PR0${i + 1}`, provider_name: `Dr ${n}`, location_id: 'L1', npi: '' })));
  await load('payers', [{ payer_id: 'PY1', payer_name: 'Medicare', payer_class: 'medicare' }, { payer_id: 'PY2', payer_name: 'Acme', payer_class: 'commercial' }, { payer_id: 'PY4', payer_name: 'Tiny', payer_class: 'other' }]);
  await load('billing', ledger);
  await load('appointments', appointments);
  await load('payroll', payroll);
  await h.warehouse.use((c) => rebuildRollups(c));
  found = await h.warehouse.use(async (c) => findAnomalies(c, '2026-09', await freshness(c, '2026-10-05')));
}, 120_000);
afterAll(() => h?.close());

describe('anomalies', () => {
  it('flags exactly the payer, the two providers and the source of the header, in order', () => {
    expect(found.map((a) => [a.kind, a.subject, a.likelyExportProblem])).toEqual([
      ['payments-collapsed', 'Payer Medicare (PY1)', true],
      ['no-charges', 'Provider Dr Baker (PR02)', true],
      ['no-charges', 'Provider Dr Cole (PR03)', false],
      ['source-stopped', 'Payroll', true],
    ]);
  });

  it('says each in one sentence with its figures, and which cause is likelier', () => {
    expect(found[0]!.message).toBe('Payer Medicare (PY1) paid $0 in September 2026, against $1.0k a month over the three months before: probably a remittance or export that did not arrive rather than a payer that stopped paying.');
    expect(found[1]!.message).toMatch(/yet had visits: probably charges missing from the export\.$/);
    expect(found[2]!.message).toMatch(/a leave or a departure rather than an export problem/);
    expect(found[3]!.message).toBe('Payroll data ends on 2026-08-15, 46 days before the end of September 2026: the export has probably stopped arriving, so the month is incomplete.');
  });
});
