/**
 * The canonical sources, one entry each. Field order is the column order of the
 * canonical CSV format (docs/sources.md) and of the demo generator's output.
 */
import {
  ADJ_GROUPS,
  APPT_STATUSES,
  JOB_CLASSES,
  PAYER_CLASSES,
  TXN_TYPES,
  type SourceName,
  type SourceSpec,
} from './contract.ts';

const id = (name: string, doc: string, required = true) => ({ name, type: 'id', required, doc }) as const;
/** An id naming a row of another source's reference data. */
const ref = (name: string, doc: string, source: SourceName, required = true) => ({ ...id(name, doc, required), references: { source } }) as const;

const billing: SourceSpec = {
  source: 'billing',
  table: 'fact_billing_txn',
  label: 'Billing ledger',
  naturalKey: ['transaction_id'],
  controlTotal: 'amount_usd',
  coverageDate: 'post_date',
  signedBy: { field: 'txn_type', amounts: ['amount_usd'] },
  fields: [
    id('transaction_id', 'Unique id of the financial transaction.'),
    id('claim_id', 'Claim the transaction belongs to.'),
    { name: 'line_n', type: 'int', required: true, doc: 'Claim line number, 1 and up.' },
    { name: 'patient_id', type: 'patient', required: true, column: 'patient_key', doc: 'Patient identifier; stored only as a keyed hash.' },
    ref('provider_id', 'Rendering provider.', 'providers'),
    ref('location_id', 'Location of service.', 'locations'),
    ref('payer_id', 'Payer of the claim.', 'payers'),
    { name: 'payer_class', type: 'enum', required: true, values: PAYER_CLASSES, doc: 'Class of the payer.' },
    { name: 'procedure_code', type: 'id', required: false, doc: 'CPT or HCPCS code of the claim line.' },
    { name: 'units_n', type: 'int', required: false, default: '1', doc: 'Units of the procedure; 1 when blank.' },
    { name: 'service_date', type: 'date', required: true, doc: 'Date of service.' },
    { name: 'post_date', type: 'date', required: true, notAfterLoad: true, doc: 'Date the transaction was posted.' },
    { name: 'txn_type', type: 'enum', required: true, values: TXN_TYPES, doc: 'Kind of transaction.' },
    { name: 'amount_usd', type: 'money', required: true, doc: 'Amount, positive in the direction the type names (a payment received is positive); a reversal is negative.' },
    { name: 'payment_source', type: 'enum', required: false, values: ['insurance', 'patient'], doc: 'Who paid, for payments and refunds.' },
    { name: 'adj_group', type: 'enum', required: false, values: ADJ_GROUPS, doc: 'X12 claim adjustment group code, for adjustments.' },
    { name: 'carc_code', type: 'id', required: false, doc: 'Claim adjustment reason code, for adjustments.' },
  ],
  rules: [
    { when: "txn_type IN ('payment', 'refund') AND payment_source IS NULL", column: 'payment_source', reason: 'required for payments and refunds' },
    { when: "txn_type = 'adjustment' AND carc_code IS NOT NULL AND adj_group IS NULL", column: 'adj_group', reason: 'required when a CARC is given' },
    { when: 'post_date < service_date', column: 'post_date', reason: 'is before the date of service' },
    // A house limit that keeps sums exact in the rollups and catches a mis-keyed amount.
    { when: 'abs(amount_usd) >= 100000000', column: 'amount_usd', reason: 'is implausibly large (100,000,000 or more)' },
    { when: 'line_n < 1', column: 'line_n', reason: 'must be 1 or more' },
  ],
};

const payroll: SourceSpec = {
  source: 'payroll',
  table: 'fact_payroll',
  label: 'Payroll register',
  naturalKey: ['employee_id', 'period_start', 'period_end'],
  controlTotal: 'gross_pay_usd',
  coverageDate: 'period_end',
  fields: [
    id('employee_id', 'Employee id.'),
    { name: 'employee_name', type: 'text', required: true, doc: 'Employee name (payroll is confidential: admin only).' },
    { name: 'job_class', type: 'enum', required: true, values: JOB_CLASSES, doc: 'Job class.' },
    ref('location_id', 'Home location.', 'locations'),
    { name: 'period_start', type: 'date', required: true, doc: 'First day of the pay period.' },
    { name: 'period_end', type: 'date', required: true, doc: 'Last day of the pay period.' },
    { name: 'check_date', type: 'date', required: true, doc: 'Pay date.' },
    { name: 'regular_hours', type: 'decimal', sqlType: 'DECIMAL(8,2)', required: true, doc: 'Regular hours worked.' },
    { name: 'overtime_hours', default: '0', type: 'decimal', sqlType: 'DECIMAL(8,2)', required: false, doc: 'Overtime hours worked; 0 when blank.' },
    { name: 'pto_hours', default: '0', type: 'decimal', sqlType: 'DECIMAL(8,2)', required: false, doc: 'Paid time off hours (not worked); 0 when blank.' },
    { name: 'gross_pay_usd', type: 'money', required: true, doc: 'Gross pay.' },
    { name: 'employer_tax_usd', default: '0', type: 'money', required: false, doc: 'Employer payroll taxes; 0 when blank.' },
    { name: 'benefits_usd', default: '0', type: 'money', required: false, doc: 'Employer-paid benefits; 0 when blank.' },
  ],
  rules: [
    { when: 'period_end < period_start', column: 'period_end', reason: 'is before the period start' },
    { when: 'regular_hours < 0 OR overtime_hours < 0 OR pto_hours < 0', column: 'regular_hours', reason: 'hours cannot be negative' },
    { when: 'abs(gross_pay_usd) >= 100000000', column: 'gross_pay_usd', reason: 'is implausibly large (100,000,000 or more)' },
  ],
};

const appointments: SourceSpec = {
  source: 'appointments',
  table: 'fact_appointment',
  label: 'Appointments',
  naturalKey: ['appointment_id'],
  coverageDate: 'scheduled_start',
  fields: [
    id('appointment_id', 'Appointment id.'),
    { name: 'patient_id', type: 'patient', required: true, column: 'patient_key', doc: 'Patient identifier; stored only as a keyed hash.' },
    ref('provider_id', 'Provider seen.', 'providers'),
    ref('location_id', 'Location.', 'locations'),
    { name: 'appt_type', type: 'text', required: true, doc: 'Visit type (new, established, procedure, ...).' },
    { name: 'booked_at', type: 'timestamp', required: false, doc: 'When the appointment was booked.' },
    { name: 'scheduled_start', type: 'timestamp', required: true, doc: 'Scheduled start.' },
    { name: 'duration_min', type: 'int', required: false, doc: 'Scheduled length in minutes.' },
    { name: 'status', type: 'enum', required: true, values: APPT_STATUSES, doc: 'FHIR Appointment.status; cancelled-late marks a cancellation the source flags as late.' },
    { name: 'cancelled_at', type: 'timestamp', required: false, doc: 'When it was cancelled.' },
    { name: 'checked_in_at', type: 'timestamp', required: false, doc: 'Check-in time.' },
    { name: 'checked_out_at', type: 'timestamp', required: false, doc: 'Check-out time.' },
  ],
  derived: {
    status: "CASE WHEN status = 'cancelled-late' THEN 'cancelled' ELSE status END",
    // House rule: a cancellation less than 24 hours before the scheduled start is late.
    late_cancel:
      "status = 'cancelled-late' OR (status = 'cancelled' AND cancelled_at IS NOT NULL AND cancelled_at > scheduled_start - INTERVAL 24 HOUR)",
  },
  rules: [
    { when: 'checked_out_at < checked_in_at', column: 'checked_out_at', reason: 'is before check-in' },
  ],
  warnings: [
    // Loads (the export's booking clock can lag), but a negative lead time is worth a look.
    { when: 'booked_at > scheduled_start', column: 'booked_at', reason: 'is after the scheduled start' },
  ],
};

const providers: SourceSpec = {
  source: 'providers',
  table: 'dim_provider',
  upsert: true,
  label: 'Provider roster',
  naturalKey: ['provider_id'],
  fields: [
    id('provider_id', 'Provider id, as used by billing and appointments.'),
    { name: 'provider_name', type: 'text', required: true, doc: 'Display name.' },
    { name: 'npi', type: 'id', required: false, doc: 'National Provider Identifier (10 digits).' },
    { name: 'specialty', type: 'text', required: false, doc: 'Specialty.' },
    { name: 'clinical_fte', type: 'decimal', sqlType: 'DECIMAL(4,2)', required: false, doc: 'Clinical FTE, 0 to 1.' },
    ref('location_id', 'Home location.', 'locations', false),
  ],
  rules: [
    { when: 'clinical_fte < 0 OR clinical_fte > 1', column: 'clinical_fte', reason: 'must be between 0 and 1' },
    { when: "npi IS NOT NULL AND NOT regexp_full_match(npi, '[0-9]{10}')", column: 'npi', reason: 'must be 10 digits' },
  ],
};

const payers: SourceSpec = {
  source: 'payers',
  table: 'dim_payer',
  upsert: true,
  label: 'Payers',
  naturalKey: ['payer_id'],
  fields: [
    id('payer_id', 'Payer id, as used by billing.'),
    { name: 'payer_name', type: 'text', required: true, doc: 'Payer name.' },
    { name: 'payer_class', type: 'enum', required: true, values: PAYER_CLASSES, doc: 'Payer class.' },
  ],
};

const locations: SourceSpec = {
  source: 'locations',
  table: 'dim_location',
  upsert: true,
  label: 'Locations',
  naturalKey: ['location_id'],
  fields: [id('location_id', 'Location id.'), { name: 'location_name', type: 'text', required: true, doc: 'Display name.' }],
};

const budget: SourceSpec = {
  source: 'budget',
  table: 'ref_budget',
  label: 'Budget',
  naturalKey: ['month_start', 'budget_line', 'location_id'],
  coverageDate: 'month_start',
  fields: [
    { name: 'month_start', type: 'date', required: true, truncateToMonth: true, doc: 'Any date in the month; stored as the first of the month.' },
    { name: 'budget_line', type: 'text', required: true, doc: 'Budget line; its name carries the unit: gross_charges_usd, collections_usd, payroll_cost_usd, visits_n.' },
    { name: 'location_id', type: 'id', required: false, default: 'ALL', references: { source: 'locations', except: ['ALL'] }, doc: "Location; blank means the whole practice ('ALL')." },
    { name: 'planned_value', type: 'decimal', sqlType: 'DECIMAL(18,2)', required: true, doc: 'Planned value, in the unit the line name gives.' },
  ],
};

const rvus: SourceSpec = {
  source: 'rvus',
  table: 'dim_procedure',
  upsert: true,
  label: 'Work RVUs',
  naturalKey: ['procedure_code'],
  fields: [
    id('procedure_code', 'CPT or HCPCS code.'),
    { name: 'work_rvu', type: 'decimal', sqlType: 'DECIMAL(6,2)', required: true, doc: 'Work RVU.' },
  ],
};

const feeSchedule: SourceSpec = {
  source: 'fee_schedule',
  table: 'ref_fee_schedule',
  label: 'Fee schedule',
  naturalKey: ['payer_ref', 'procedure_code', 'modifier'],
  fields: [
    id('payer_ref', 'Payer id, or a payer class (commercial, medicare, ...) for every payer of the class; a payer id wins over its class.'),
    id('procedure_code', 'CPT or HCPCS code.'),
    { name: 'modifier', type: 'id', required: false, default: '', doc: 'Procedure modifier; blank for the code without a modifier.' },
    { name: 'expected_allowed_usd', type: 'money', required: true, doc: 'Allowed amount the contract sets for one unit.' },
  ],
  rules: [{ when: 'expected_allowed_usd < 0', column: 'expected_allowed_usd', reason: 'cannot be negative' }],
};

export const SOURCES: Readonly<Record<SourceName, SourceSpec>> = {
  billing,
  payroll,
  appointments,
  providers,
  payers,
  locations,
  budget,
  rvus,
  fee_schedule: feeSchedule,
};
