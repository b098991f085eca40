/**
 * Export files whose every identifying value is a unique, searchable marker: the patient id
 * (PHIMARKERPATIENT0001) and, in the extra columns real exports carry, the patient's name, date
 * of birth, SSN, address, phone and email (PHIMARKERNAME0001 ...). A leak is then any
 * occurrence of "PHIMARKER" where it must not be, and its kind says what leaked. Rows refer to
 * the demo practice's own providers, locations and payers, so they reach the dashboards.
 */
import { ACME_BILLING_HEADER } from '../../demo/vendor-billing.ts';
import { header, row } from './rows.ts';

export const MARKER_KINDS = ['PATIENT', 'NAME', 'DOB', 'SSN', 'ADDRESS', 'PHONE', 'EMAIL'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export const marker = (kind: MarkerKind, n: number): string => `PHIMARKER${kind}${String(n).padStart(4, '0')}`;

/** Every marker in `text` (case-insensitive, also a truncated one), with 30 characters around it. */
export function markersIn(text: string, opts: { allowPatient?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/phimarker([a-z]*)/gi)) {
    if (opts.allowPatient && m[1]!.toUpperCase().startsWith('PATIENT')) continue;
    out.push(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30).replace(/\s+/g, ' '));
  }
  return out;
}

/** The practice's identifiers the rows refer to. */
export interface PracticeIds {
  readonly providers: readonly string[];
  readonly locations: readonly string[];
  readonly payers: readonly { id: string; payerClass: string }[];
}

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/** The extra columns of a canonical file, named as the canonical profiles' never-store list names them. */
export const EXTRA_COLUMNS = ['patient_name', 'dob', 'ssn', 'address', 'phone', 'email'] as const;

export function extraValues(n: number): string[] {
  return [
    `${marker('NAME', n)}, Pat`,
    marker('DOB', n),
    marker('SSN', n),
    `${marker('ADDRESS', n)} Elm St, Springfield`,
    marker('PHONE', n),
    `${marker('EMAIL', n)}@example.test`,
  ].map(quote);
}

/** A day of October 2026 (the demo's last month) for row `i`, `plus` days later (post after service). */
const oct = (i: number, plus = 0) => `2026-10-${String(1 + (i % 26) + plus).padStart(2, '0')}`;

export interface BillingOptions {
  readonly ids: PracticeIds;
  /** Patient numbers used: first .. first + rows - 1. */
  readonly first: number;
  readonly rows: number;
  /** Prefix of transaction and claim ids, unique per file. */
  readonly tag: string;
  /** Per 0-based row index: field overrides (a bad value), or 'ragged' to drop the last fields. */
  readonly bad?: Readonly<Record<number, Record<string, string> | 'ragged'>>;
  readonly amount?: (i: number) => string;
}

/** A canonical billing ledger with the extra identifying columns: one charge per patient. */
export function canonicalBilling(o: BillingOptions): string {
  const lines = [`${header('billing')},${EXTRA_COLUMNS.join(',')}`];
  for (let i = 0; i < o.rows; i++) {
    const n = o.first + i;
    const payer = pick(o.ids.payers, i);
    const fields = {
      transaction_id: `${o.tag}T${i}`, claim_id: `${o.tag}C${i}`, patient_id: marker('PATIENT', n), provider_id: pick(o.ids.providers, i),
      location_id: pick(o.ids.locations, i), payer_id: payer.id, payer_class: payer.payerClass, procedure_code: '99213',
      service_date: oct(i), post_date: oct(i, 1), txn_type: 'charge', amount_usd: o.amount?.(i) ?? '150.00',
    };
    const bad = o.bad?.[i];
    const line = `${row('billing', { ...fields, ...(bad && bad !== 'ragged' ? bad : {}) })},${extraValues(n).join(',')}`;
    // A ragged record: the CSV reader cannot split it into the header's columns.
    lines.push(bad === 'ragged' ? line.split(',').slice(0, 12).concat(extraValues(n)).join(',') : line);
  }
  return lines.join('\n') + '\n';
}

export interface AppointmentOptions {
  readonly ids: PracticeIds;
  readonly first: number;
  readonly rows: number;
  readonly tag: string;
  readonly bad?: Readonly<Record<number, Record<string, string>>>;
  /** End the file with a record whose quote never closes (the reader cannot parse it). */
  readonly unterminatedQuoteLast?: boolean;
}

export function canonicalAppointments(o: AppointmentOptions): string {
  const lines = [`${header('appointments')},${EXTRA_COLUMNS.join(',')}`];
  for (let i = 0; i < o.rows; i++) {
    const n = o.first + i;
    const day = oct(i);
    const fields = {
      appointment_id: `${o.tag}A${i}`, patient_id: marker('PATIENT', n), provider_id: pick(o.ids.providers, i), location_id: pick(o.ids.locations, i),
      appt_type: 'established', booked_at: '2026-09-20 09:00:00', scheduled_start: `${day} 10:00:00`, duration_min: '20', status: 'fulfilled',
      cancelled_at: '', checked_in_at: `${day} 09:55:00`, checked_out_at: `${day} 10:30:00`,
    };
    lines.push(`${row('appointments', { ...fields, ...o.bad?.[i] })},${extraValues(n).join(',')}`);
  }
  if (o.unterminatedQuoteLast) {
    const n = o.first + o.rows;
    lines.push(`${o.tag}AQ,${marker('PATIENT', n)},${pick(o.ids.providers, 0)},"${marker('NAME', n)} ${marker('SSN', n)},${marker('DOB', n)}`);
  }
  return lines.join('\n') + '\n';
}

export interface AcmeOptions {
  readonly ids: PracticeIds;
  readonly first: number;
  readonly rows: number;
  readonly tag: string;
  /** Rows (0-based) with an impossible date of service. */
  readonly badDates?: readonly number[];
  /** Rows (0-based) cut short. */
  readonly ragged?: readonly number[];
}

const ACME_CLASS: Record<string, string> = { commercial: 'COM', medicare: 'MCR', medicaid: 'MCD', self_pay: 'SP', workers_comp: 'WC', other: 'OTH' };
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/**
 * The Acme Practice Manager layout (etl/profiles/acme-pm-billing.json): BOM, CRLF, two title
 * lines, the vendor's header with Patient Name, DOB and SSN, a Memo naming the patient's
 * address and phone, a trailing comma on every line and a Total row.
 */
export function acmeBilling(o: AcmeOptions): string {
  const lines = ['\uFEFFAcme Practice Manager - Transaction Detail Report', 'Maple Grove Family Medical Group; posted 10/01/2026 to 10/31/2026', ACME_BILLING_HEADER.map(quote).join(',')];
  let total = 0;
  for (let i = 0; i < o.rows; i++) {
    const n = o.first + i;
    const payer = pick(o.ids.payers, i);
    const dos = o.badDates?.includes(i) ? '13/45/2026' : usDate(oct(i));
    total += 12000;
    const cells = [
      `${o.tag}X${i}`, `${o.tag}K${i}`, '1', marker('PATIENT', n), `${marker('NAME', n)}, Pat`, marker('DOB', n), marker('SSN', n), pick(o.ids.providers, i),
      pick(o.ids.locations, i), payer.id, ACME_CLASS[payer.payerClass] ?? 'OTH', '99214', '1', dos, usDate(oct(i, 2)), 'CHG', '$120.00', '', '', '',
      `Called ${marker('PHONE', n)} re ${marker('ADDRESS', n)} Oak Ave, "${marker('EMAIL', n)}@example.test"`, '',
    ].map(quote);
    lines.push((o.ragged?.includes(i) ? cells.slice(0, 9) : cells).join(','));
  }
  const totalRow: string[] = ACME_BILLING_HEADER.map(() => '');
  totalRow[0] = 'Total';
  totalRow[ACME_BILLING_HEADER.indexOf('Amount')] = quote(`$${(total / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`);
  lines.push(totalRow.join(','));
  return lines.join('\r\n') + '\r\n';
}
