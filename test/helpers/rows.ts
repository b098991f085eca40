/**
 * Builders of canonical CSV text for tests: a valid row per source with fields overridable,
 * so each test states only what it is about.
 */
import { SOURCES } from '../../etl/sources/catalog.ts';
import type { SourceName } from '../../etl/sources/contract.ts';

const DEFAULTS: Record<SourceName, Record<string, string>> = {
  billing: {
    transaction_id: 'T1', claim_id: 'C1', line_n: '1', patient_id: 'P0001', provider_id: 'PR01', location_id: 'L1',
    payer_id: 'PY1', payer_class: 'commercial', procedure_code: '99213', units_n: '1', service_date: '2026-01-05',
    post_date: '2026-01-06', txn_type: 'charge', amount_usd: '100.00', payment_source: '', adj_group: '', carc_code: '',
  },
  payroll: {
    employee_id: 'E001', employee_name: 'Test Person', job_class: 'clinical', location_id: 'L1', period_start: '2026-01-04',
    period_end: '2026-01-17', check_date: '2026-01-23', regular_hours: '80.00', overtime_hours: '0', pto_hours: '0',
    gross_pay_usd: '2000.00', employer_tax_usd: '153.00', benefits_usd: '300.00',
  },
  appointments: {
    appointment_id: 'A1', patient_id: 'P0001', provider_id: 'PR01', location_id: 'L1', appt_type: 'established',
    booked_at: '2026-01-01 09:00:00', scheduled_start: '2026-01-10 10:00:00', duration_min: '20', status: 'fulfilled',
    cancelled_at: '', checked_in_at: '2026-01-10 09:55:00', checked_out_at: '2026-01-10 10:30:00',
  },
  providers: { provider_id: 'PR01', provider_name: 'Dr. Test', npi: '1234567890', specialty: 'Family Medicine', clinical_fte: '1.00', location_id: 'L1' },
  payers: { payer_id: 'PY1', payer_name: 'Test Health', payer_class: 'commercial' },
  locations: { location_id: 'L1', location_name: 'Main' },
  budget: { month_start: '2026-01-01', budget_line: 'gross_charges_usd', location_id: 'L1', planned_value: '1000.00' },
  rvus: { procedure_code: '99999', work_rvu: '1.00' },
  fee_schedule: { payer_ref: 'PY1', procedure_code: '99213', modifier: '', expected_allowed_usd: '90.00' },
};

export const header = (source: SourceName): string => SOURCES[source].fields.map((f) => f.name).join(',');

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function row(source: SourceName, overrides: Record<string, string> = {}): string {
  const values = { ...DEFAULTS[source], ...overrides };
  return SOURCES[source].fields.map((f) => quote(values[f.name] ?? '')).join(',');
}

/** A whole canonical file: header plus rows, joined with `eol`. */
export function csv(source: SourceName, rows: Record<string, string>[], eol = '\n'): string {
  return [header(source), ...rows.map((r) => row(source, r))].join(eol) + eol;
}
