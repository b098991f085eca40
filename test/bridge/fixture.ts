/**
 * The bridge fixture: tiny canonical CSVs loaded through the real ETL into a temporary
 * warehouse, then the rollups rebuilt. Month: September 2026, compared with August 2026.
 * Every expected number of the tests was worked out by hand from the rows below.
 *
 * Locations L1 "Main", L2 "Main" (a shared name). Providers PR01 Dr Ames (L1), PR02 Dr Baker
 * (L2), PR03 Dr Cole (L1), PR04 Dr Dunn (L2). Payers PY1 Medicare (medicare), PY2 Acme and
 * PY3 Acme (commercial, a shared name).
 *
 * Ledger (claim, provider, location, payer, code: transactions, post date):
 *   C1 PR01 L1 PY1 99213: charge 100 (08-05), ins pay 60 + CO-45 30 (08-20), patient pay 10 (09-15)
 *   C2 PR02 L2 PY2 99203: charge 200 (08-10), ins pay 150 (08-25), CO-45 50 (09-05)
 *   C3 PR01 L1 PY1 99214: charge 300 (09-03), ins pay 200 + CO-45 50 (09-20)
 *   C4 PR02 L2 PY3 99396: charge 250 (09-08), ins pay 100 (09-25)
 *   C5 PR03 L1 PY2 10060: charge 150 (09-09)
 *   C6 PR02 L2 PY2 (no code): charge 40 (09-12)
 * Appointments (fulfilled / no-show / late-cancelled), August; September:
 *   PR01 L1 12/2/0; 15/1/1   PR02 L2 3/1/0; 20/4/0   PR03 L1 -; 5/0/0   PR04 L2 20/0/0; 18/0/0
 * Payroll: E1 clinical L1, 80 h, cost 2,250 in pay periods 08-02..08-15 and 09-06..09-19;
 *   E2 front office L2, 40 h cost 1,075 (08-02..08-15), 80 h cost 2,250 (09-06..09-19).
 * Budget: gross_charges_usd, practice-wide, September 2026: 700.00.
 */
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';

type Row = Record<string, string>;

const billing = (id: string, claim: string, prov: string, loc: string, payer: string, cls: string, code: string, post: string, type: string, amount: string, extra: Row = {}): Row => ({
  transaction_id: id, claim_id: claim, patient_id: `pt-${claim}`, provider_id: prov, location_id: loc, payer_id: payer, payer_class: cls,
  procedure_code: code, service_date: post.replace(/-\d\d$/, '-01'), post_date: post, txn_type: type, amount_usd: amount, ...extra,
});
const ins = { payment_source: 'insurance' };
const co45 = { adj_group: 'CO', carc_code: '45' };

export const LEDGER: Row[] = [
  billing('B01', 'C1', 'PR01', 'L1', 'PY1', 'medicare', '99213', '2026-08-05', 'charge', '100.00'),
  billing('B02', 'C2', 'PR02', 'L2', 'PY2', 'commercial', '99203', '2026-08-10', 'charge', '200.00'),
  billing('B03', 'C1', 'PR01', 'L1', 'PY1', 'medicare', '99213', '2026-08-20', 'payment', '60.00', ins),
  billing('B04', 'C1', 'PR01', 'L1', 'PY1', 'medicare', '99213', '2026-08-20', 'adjustment', '30.00', co45),
  billing('B05', 'C2', 'PR02', 'L2', 'PY2', 'commercial', '99203', '2026-08-25', 'payment', '150.00', ins),
  billing('B06', 'C3', 'PR01', 'L1', 'PY1', 'medicare', '99214', '2026-09-03', 'charge', '300.00'),
  billing('B07', 'C4', 'PR02', 'L2', 'PY3', 'commercial', '99396', '2026-09-08', 'charge', '250.00'),
  billing('B08', 'C5', 'PR03', 'L1', 'PY2', 'commercial', '10060', '2026-09-09', 'charge', '150.00'),
  billing('B09', 'C3', 'PR01', 'L1', 'PY1', 'medicare', '99214', '2026-09-20', 'payment', '200.00', ins),
  billing('B10', 'C3', 'PR01', 'L1', 'PY1', 'medicare', '99214', '2026-09-20', 'adjustment', '50.00', co45),
  billing('B11', 'C4', 'PR02', 'L2', 'PY3', 'commercial', '99396', '2026-09-25', 'payment', '100.00', ins),
  billing('B12', 'C2', 'PR02', 'L2', 'PY2', 'commercial', '99203', '2026-09-05', 'adjustment', '50.00', co45),
  billing('B13', 'C6', 'PR02', 'L2', 'PY2', 'commercial', '', '2026-09-12', 'charge', '40.00'),
  billing('B14', 'C1', 'PR01', 'L1', 'PY1', 'medicare', '99213', '2026-09-15', 'payment', '10.00', { payment_source: 'patient' }),
];

/** [provider, location, month, fulfilled, no-shows, late cancellations] */
export const APPOINTMENT_COUNTS: readonly [string, string, string, number, number, number][] = [
  ['PR01', 'L1', '2026-08', 12, 2, 0], ['PR02', 'L2', '2026-08', 3, 1, 0], ['PR04', 'L2', '2026-08', 20, 0, 0],
  ['PR01', 'L1', '2026-09', 15, 1, 1], ['PR02', 'L2', '2026-09', 20, 4, 0], ['PR03', 'L1', '2026-09', 5, 0, 0], ['PR04', 'L2', '2026-09', 18, 0, 0],
];

export function appointments(): Row[] {
  const rows: Row[] = [];
  for (const [prov, loc, month, fulfilled, noshow, late] of APPOINTMENT_COUNTS) {
    const status = [...Array(fulfilled).fill('fulfilled'), ...Array(noshow).fill('noshow'), ...Array(late).fill('late')] as string[];
    status.forEach((s, i) => {
      const day = String((i % 27) + 1).padStart(2, '0');
      const start = `${month}-${day} 10:00:00`;
      rows.push({
        appointment_id: `A-${prov}-${month}-${i}`, patient_id: `p-${prov}-${i}`, provider_id: prov, location_id: loc,
        booked_at: `${month}-01 08:00:00`, scheduled_start: start,
        status: s === 'late' ? 'cancelled' : s,
        cancelled_at: s === 'late' ? `${month}-${day} 02:00:00` : '',
        checked_in_at: s === 'fulfilled' ? start : '', checked_out_at: s === 'fulfilled' ? `${month}-${day} 10:30:00` : '',
      });
    });
  }
  return rows;
}

const PAYROLL: Row[] = [
  { employee_id: 'E1', job_class: 'clinical', location_id: 'L1', period_start: '2026-08-02', period_end: '2026-08-15', check_date: '2026-08-20', regular_hours: '80.00', gross_pay_usd: '2000.00', employer_tax_usd: '150.00', benefits_usd: '100.00' },
  { employee_id: 'E1', job_class: 'clinical', location_id: 'L1', period_start: '2026-09-06', period_end: '2026-09-19', check_date: '2026-09-24', regular_hours: '80.00', gross_pay_usd: '2000.00', employer_tax_usd: '150.00', benefits_usd: '100.00' },
  { employee_id: 'E2', job_class: 'front_office', location_id: 'L2', period_start: '2026-08-02', period_end: '2026-08-15', check_date: '2026-08-20', regular_hours: '40.00', gross_pay_usd: '1000.00', employer_tax_usd: '75.00', benefits_usd: '0.00' },
  { employee_id: 'E2', job_class: 'front_office', location_id: 'L2', period_start: '2026-09-06', period_end: '2026-09-19', check_date: '2026-09-24', regular_hours: '80.00', gross_pay_usd: '2000.00', employer_tax_usd: '150.00', benefits_usd: '100.00' },
];

/** Loads every file through the ETL and rebuilds the rollups. */
export async function loadFixture(h: Harness, files: { billing?: Row[]; appointments?: Row[]; payroll?: Row[] } = {}): Promise<void> {
  const load = async (source: Parameters<typeof csv>[0], rows: Row[]) => {
    const report = await h.load({ path: h.file(`${source}.csv`, csv(source, rows)), source });
    if (report.status !== 'loaded' || report.rowsRejected !== 0) throw new Error(`fixture ${source}: ${report.status} ${report.message ?? ''} rejected ${report.rowsRejected}`);
  };
  await load('locations', [{ location_id: 'L1', location_name: 'Main' }, { location_id: 'L2', location_name: 'Main' }]);
  await load('providers', [
    { provider_id: 'PR01', provider_name: 'Dr Ames', location_id: 'L1', npi: '' }, { provider_id: 'PR02', provider_name: 'Dr Baker', location_id: 'L2', npi: '' },
    { provider_id: 'PR03', provider_name: 'Dr Cole', location_id: 'L1', npi: '' }, { provider_id: 'PR04', provider_name: 'Dr Dunn', location_id: 'L2', npi: '' },
  ]);
  await load('payers', [{ payer_id: 'PY1', payer_name: 'Medicare', payer_class: 'medicare' }, { payer_id: 'PY2', payer_name: 'Acme', payer_class: 'commercial' }, { payer_id: 'PY3', payer_name: 'Acme', payer_class: 'commercial' }]);
  await load('budget', [{ month_start: '2026-09-01', budget_line: 'gross_charges_usd', location_id: '', planned_value: '700.00' }]);
  await load('billing', files.billing ?? LEDGER);
  await load('appointments', files.appointments ?? appointments());
  await load('payroll', files.payroll ?? PAYROLL);
  await h.warehouse.use((c) => rebuildRollups(c));
}

export async function openFixture(): Promise<Harness> {
  const h = await openHarness();
  await loadFixture(h);
  return h;
}
