/**
 * The inputs of the metric catalog: named queries over the rollups (never the raw facts),
 * each in its own .sql file beside this module, each evaluated for many periods in one
 * statement. Filters are bound parameters ($location_id, ... NULL meaning all); an input
 * binds only the filter dimensions it declares. Columns ending in `_usd` come back as
 * integer cents (bigint), all other columns as numbers, booleans or null.
 */
import { readFileSync } from 'node:fs';
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { toCents } from '../money.ts';
import { withPayrollDays } from '../payroll-days.ts';
import type { Period } from '../period.ts';
import type { Dimension, MetricFilter } from '../types.ts';

export interface FlowsRow {
  /** False when the period lies wholly outside the ledger's coverage. */
  ledger_known: boolean;
  /** True when the period starts in a month before the ledger's first month (a trailing window early in the data). */
  before_ledger: boolean;
  charges_usd: bigint;
  ins_payments_usd: bigint;
  patient_payments_usd: bigint;
  refunds_usd: bigint;
  net_payments_usd: bigint;
  contractual_adj_usd: bigint;
  denial_adj_usd: bigint;
  other_adj_usd: bigint;
  charge_lines_n: number;
  charge_lag_days_sum: number;
  work_rvus: number;
  claims_adjudicated_n: number;
  claims_denied_n: number;
  adjudicated_charges_usd: bigint;
  denied_charges_usd: bigint;
}
export interface ArRow {
  ar_usd: bigint;
  ar_0_30_usd: bigint;
  ar_31_60_usd: bigint;
  ar_61_90_usd: bigint;
  ar_91_120_usd: bigint;
  ar_over_120_usd: bigint;
  open_claims_n: number;
  /** Credit balances on the day: claims whose payments exceed their charges, a positive amount owed back. */
  credit_usd: bigint;
  credit_claims_n: number;
  charges_90d_usd: bigint;
  /** Days of the 90 ending at the date that the ledger covers (fewer early in the ledger). */
  charge_days_n: number;
  ar_known: boolean;
}
export interface PaymentDaysRow {
  days_to_payment_median: number | null;
  paid_claims_n: number;
}
export interface AppointmentsRow {
  /** False when the appointments cover none of the period. */
  appointments_known: boolean;
  scheduled_n: number;
  fulfilled_n: number;
  noshow_n: number;
  late_cancel_n: number;
  cancelled_n: number;
}
export interface VisitsRow {
  lead_days_median: number | null;
  lead_known_n: number;
  visit_minutes_median: number | null;
  minutes_known_n: number;
}
export interface ClinicDaysRow {
  clinic_days_n: number;
}
export interface PayrollRow {
  /** Days of the period that payroll covers (first pay period start to last pay period end). */
  days_n: number;
  /** False when payroll covers none of the period: no payroll is not the same as no cost. */
  payroll_known: boolean;
  /** False before the first pay period end: payroll began in the period but no cost falls in it yet. */
  cost_known: boolean;
  payroll_cost_usd: bigint;
  support_cost_usd: bigint;
  regular_hours: number;
  overtime_hours: number;
  fte_days: number;
  support_fte_days: number;
  provider_fte_days: number;
  clinical_fte_days: number;
  front_office_fte_days: number;
  business_ops_fte_days: number;
  ancillary_fte_days: number;
}
export interface ProviderFteRow {
  days_n: number;
  /** null when FTE comes from payroll and a provider is selected. */
  provider_fte_days: number | null;
}

/** Every input's row type, by input id. */
export interface InputRows {
  flows: FlowsRow;
  ar: ArRow;
  paymentDays: PaymentDaysRow;
  appointments: AppointmentsRow;
  visits: VisitsRow;
  clinicDays: ClinicDaysRow;
  payroll: PayrollRow;
  providerFte: ProviderFteRow;
}
export type InputId = keyof InputRows;

const ALL: readonly Dimension[] = ['location', 'provider', 'payerClass'];
const NO_PAYER: readonly Dimension[] = ['location', 'provider'];

/** The SQL file and the filter dimensions of every input. */
export const INPUTS: Readonly<Record<InputId, { readonly file: string; readonly dimensions: readonly Dimension[] }>> = {
  flows: { file: 'flows.sql', dimensions: ALL },
  ar: { file: 'ar.sql', dimensions: ALL },
  paymentDays: { file: 'payment-days.sql', dimensions: ALL },
  appointments: { file: 'appointments.sql', dimensions: NO_PAYER },
  visits: { file: 'visits.sql', dimensions: NO_PAYER },
  clinicDays: { file: 'clinic-days.sql', dimensions: ['location'] },
  payroll: { file: 'payroll.sql', dimensions: ['location'] },
  providerFte: { file: 'provider-fte.sql', dimensions: NO_PAYER },
};

const SQL = Object.fromEntries(
  Object.entries(INPUTS).map(([id, spec]) => [id, withPayrollDays(readFileSync(new URL(`./${spec.file}`, import.meta.url), 'utf8'))]),
) as Record<InputId, string>;

const PARAM: Record<Dimension, { readonly name: string; readonly key: keyof MetricFilter }> = {
  location: { name: 'location_id', key: 'locationId' },
  provider: { name: 'provider_id', key: 'providerId' },
  payerClass: { name: 'payer_class', key: 'payerClass' },
};

function convert(name: string, v: unknown): unknown {
  if (v === null || v === undefined) return name.endsWith('_usd') ? 0n : null;
  if (name.endsWith('_usd')) return toCents(String(v));
  if (typeof v === 'boolean' || typeof v === 'number') return v;
  return Number(v);
}

/** Runs one input for every period at once; rows come back in the order of `periods`. */
export async function runInput<K extends InputId>(
  conn: DuckDBConnection,
  id: K,
  periods: readonly Period[],
  filter: MetricFilter,
): Promise<InputRows[K][]> {
  const values: Record<string, DuckDBValue> = {
    period_from: listValue(periods.map((p) => p.from)),
    period_to: listValue(periods.map((p) => p.to)),
  };
  const types: Record<string, DuckDBType> = { period_from: LIST(VARCHAR), period_to: LIST(VARCHAR) };
  for (const dim of INPUTS[id].dimensions) {
    const { name, key } = PARAM[dim];
    values[name] = filter[key] ?? null;
    types[name] = VARCHAR;
  }
  const reader = await conn.runAndReadAll(SQL[id], values, types);
  const rows: InputRows[K][] = new Array(periods.length);
  for (const raw of reader.getRowObjectsJson()) {
    const row: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(raw)) if (name !== 'period_n') row[name] = convert(name, v);
    rows[Number(raw.period_n)] = row as unknown as InputRows[K];
  }
  return rows;
}
