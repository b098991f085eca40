/**
 * The demo's rows in the canonical CSV format (docs/sources.md): columns in the order of
 * SOURCES[source].fields, ISO dates, 'YYYY-MM-DD HH:MM:SS' local timestamps, money and hours as
 * plain decimals with two places, blanks for absent optional values. The billing line is
 * written by hand for speed; its column order is checked against the catalog on import.
 */
import { SOURCES } from '../etl/sources/catalog.ts';
import type { SourceName } from '../etl/sources/contract.ts';
import type { LedgerRow } from './claims.ts';
import { isoDate, timestamp } from './calendar.ts';
import { csvLine } from './csv.ts';
import { hundredths } from './money.ts';
import type { PayrollRow } from './payroll.ts';
import type { Appointment } from './schedule.ts';

export type CsvRecord = Readonly<Record<string, string>>;

export function headerLine(source: SourceName): string {
  return csvLine(SOURCES[source].fields.map((f) => f.name));
}

/** One canonical line from a record keyed by field name; a field the record lacks is blank. */
export function recordLine(source: SourceName, record: CsvRecord): string {
  return csvLine(SOURCES[source].fields.map((f) => record[f.name] ?? ''));
}

const BILLING_ORDER = 'transaction_id,claim_id,line_n,patient_id,provider_id,location_id,payer_id,payer_class,procedure_code,units_n,service_date,post_date,txn_type,amount_usd,payment_source,adj_group,carc_code';
if (SOURCES.billing.fields.map((f) => f.name).join(',') !== BILLING_ORDER) {
  throw new Error('etl/demo/canonical.ts: the billing fields in the catalog changed; update billingLine');
}

/** The canonical billing line; ids are generated without commas or quotes, so none is quoted. */
export function billingLine(row: LedgerRow, transactionId: string): string {
  const { claim, line } = row;
  return (
    `${transactionId},${claim.id},${line.n},${claim.patient.id},${claim.providerId},${claim.locationId},${claim.payer.id},` +
    `${claim.payer.payerClass},${line.code},${line.units},${isoDate(claim.serviceDay)},${isoDate(row.postDay)},${row.type},` +
    `${hundredths(row.cents)},${row.source},${row.group},${row.carc}\n`
  );
}

const ts = (seconds: number | undefined): string => (seconds === undefined ? '' : timestamp(seconds));

export function appointmentRecord(a: Appointment): CsvRecord {
  return {
    appointment_id: a.id,
    patient_id: a.patient.id,
    provider_id: a.provider.id,
    location_id: a.locationId,
    appt_type: a.type,
    booked_at: timestamp(a.bookedAt),
    scheduled_start: timestamp(a.start),
    duration_min: String(a.durationMin),
    status: a.status,
    cancelled_at: ts(a.cancelledAt),
    checked_in_at: ts(a.checkedInAt),
    checked_out_at: ts(a.checkedOutAt),
  };
}

export function payrollRecord(p: PayrollRow): CsvRecord {
  return {
    employee_id: p.employeeId,
    employee_name: p.employeeName,
    job_class: p.jobClass,
    location_id: p.locationId,
    period_start: isoDate(p.periodStart),
    period_end: isoDate(p.periodEnd),
    check_date: isoDate(p.checkDay),
    regular_hours: hundredths(p.regular),
    overtime_hours: hundredths(p.overtime),
    pto_hours: hundredths(p.pto),
    gross_pay_usd: hundredths(p.grossCents),
    employer_tax_usd: hundredths(p.taxCents),
    benefits_usd: hundredths(p.benefitsCents),
  };
}
