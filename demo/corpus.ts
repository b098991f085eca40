/**
 * A corpus of real-world-shaped exports, in the canonical format (so each loads through its
 * shipped canonical-<source> profile, no code), written deterministically from a seed:
 *
 * - `names/`: a practice whose ids are names, as many systems export them: provider ids such
 *   as `Lee, Ana MD` and `O'Brien, Pat`, location ids `Harbor View, Suite 200`, `SANTA LUZIA`
 *   and `Clínica São João`, payer ids `Blue Cross, Inc.` and `Medicare "B"`; two locations
 *   share the display name "Harbor View", two providers "Dr. Ana Lee" and two payers "Blue
 *   Cross"; billing from August to October 2026 with a denial reversed the next month and an
 *   overpaid claim in credit; biweekly payroll whose last pay period ends on 24 October.
 * - `appointments-only/`: a practice that has loaded its schedule (August and September 2026)
 *   and reference files, but no billing and no payroll.
 *
 * Example: writeCorpus('/tmp/corpus', 7) writes /tmp/corpus/names/billing.csv, ... and returns
 * the files per practice and source.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from './csv.ts';
import { Rng } from './random.ts';

export const CORPUS_MONTHS = ['2026-08', '2026-09', '2026-10'] as const;
/** The last day payroll covers in `names/` (the last pay period ends mid-month). */
export const CORPUS_PAYROLL_END = '2026-10-24';

const LOCATIONS = [
  ['Harbor View, Suite 200', 'Harbor View'],
  ['SANTA LUZIA', 'Harbor View'],
  ['Clínica São João', 'Clínica São João'],
] as const;
/** id, name, home location, clinical FTE. */
const PROVIDERS = [
  ['Lee, Ana MD', 'Dr. Ana Lee', 'Harbor View, Suite 200', '1.00'],
  ["O'Brien, Pat", "Dr. Pat O'Brien", 'SANTA LUZIA', '0.80'],
  ['P 3', 'Dr. Ana Lee', 'Clínica São João', '1.00'],
] as const;
const PAYERS = [
  ['Blue Cross, Inc.', 'Blue Cross', 'commercial'],
  ['Medicare "B"', 'Medicare', 'medicare'],
  ['BC Medicaid', 'Blue Cross', 'medicaid'],
] as const;
const FEES = [['99213', 150], ['99214', 220]] as const;

const HEADERS = {
  locations: ['location_id', 'location_name'],
  providers: ['provider_id', 'provider_name', 'npi', 'specialty', 'clinical_fte', 'location_id'],
  payers: ['payer_id', 'payer_name', 'payer_class'],
  rvus: ['procedure_code', 'work_rvu'],
  budget: ['month_start', 'budget_line', 'location_id', 'planned_value'],
  billing: ['transaction_id', 'claim_id', 'line_n', 'patient_id', 'provider_id', 'location_id', 'payer_id', 'payer_class', 'procedure_code', 'units_n', 'service_date', 'post_date', 'txn_type', 'amount_usd', 'payment_source', 'adj_group', 'carc_code'],
  appointments: ['appointment_id', 'patient_id', 'provider_id', 'location_id', 'appt_type', 'booked_at', 'scheduled_start', 'duration_min', 'status', 'cancelled_at', 'checked_in_at', 'checked_out_at'],
  payroll: ['employee_id', 'employee_name', 'job_class', 'location_id', 'period_start', 'period_end', 'check_date', 'regular_hours', 'overtime_hours', 'pto_hours', 'gross_pay_usd', 'employer_tax_usd', 'benefits_usd'],
} as const;
export type CorpusSource = keyof typeof HEADERS;

const cents = (n: number) => (n / 100).toFixed(2);
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

function write(dir: string, source: CorpusSource, rows: readonly (readonly string[])[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${source}.csv`);
  writeFileSync(file, [csvLine(HEADERS[source]), ...rows.map((r) => csvLine(r))].join(''));
  return file;
}

/** The claims, their transactions and visits of the `names/` practice. */
function ledger(rng: Rng): { billing: string[][]; appointments: string[][] } {
  const billing: string[][] = [];
  const appointments: string[][] = [];
  let claimNo = 0;
  let txNo = 0;
  const last = '2026-10-31';
  for (const month of CORPUS_MONTHS) {
    for (const [providerId, , locationId] of PROVIDERS) {
      const claims = rng.int(3, 5);
      for (let k = 0; k < claims; k++) {
        claimNo++;
        const claim = `CLM ${claimNo}, ${providerId}`;
        const patient = `PT-${String(rng.int(1, 40)).padStart(6, '0')}`;
        const dos = `${month}-${pad(rng.int(1, 26))}`;
        const [payerId, , payerClass] = PAYERS[rng.int(0, PAYERS.length - 1)]!;
        const [code, fee] = FEES[rng.int(0, FEES.length - 1)]!;
        const charge = fee * 100;
        const row = (post: string, type: string, amount: number, source = '', group = '', carc = '') =>
          billing.push([`TX-${++txNo}`, claim, '1', patient, providerId, locationId, payerId, payerClass, code, '1', dos, post, type, cents(amount), source, group, carc]);
        row(addDays(dos, 1), 'charge', charge);
        appointments.push([`APT ${claimNo}`, patient, providerId, locationId, 'established', `${addDays(dos, -7)} 09:00:00`, `${dos} 10:00:00`, '20', 'fulfilled', '', `${dos} 09:55:00`, `${dos} 10:25:00`]);
        const paid = addDays(dos, 20);
        if (paid > last) continue;
        if (claimNo === 5) {
          // Denied in full, then the denial reversed and the claim paid a month later.
          row(paid, 'adjustment', charge, '', 'CO', '16');
          const again = addDays(paid, 30);
          if (again <= last) {
            row(again, 'adjustment', -charge, '', 'CO', '16');
            row(again, 'payment', Math.round(charge * 0.7), 'insurance');
          }
          continue;
        }
        const insurance = Math.round(charge * 0.7);
        const contractual = Math.round(charge * 0.25);
        row(paid, 'payment', insurance, 'insurance');
        row(paid, 'adjustment', contractual, '', 'CO', '45');
        // Claim 7 is overpaid by the patient: a credit balance owed back.
        const patientPays = charge - insurance - contractual + (claimNo === 7 ? 2500 : 0);
        if (addDays(paid, 5) <= last) row(addDays(paid, 5), 'payment', patientPays, 'patient');
      }
      // A no-show now and then.
      appointments.push([`APT ${month} ${providerId} ns`, 'PT-000099', providerId, locationId, 'established', `${month}-01 09:00:00`, `${month}-15 11:00:00`, '20', 'noshow', '', '', '']);
    }
  }
  return { billing, appointments };
}

/** Biweekly pay periods whose last one ends on CORPUS_PAYROLL_END. */
function payroll(): string[][] {
  const staff = [
    ['Nguyễn, Thị Mai', 'Nguyễn, Thị Mai', 'clinical', 'Harbor View, Suite 200', 80, 0],
    ["D'Souza, Ravi", "D'Souza, Ravi", 'front_office', 'SANTA LUZIA', 80, 0],
    ['Müller, Jo', 'Müller, Jo', 'clinical', 'Clínica São João', 80, 10], // 90 h in 80: capped at 1.0 FTE
    ['Ortiz, Ana', 'Ortiz, Ana', 'business_ops', 'Harbor View, Suite 200', 40, 0], // half time
    ['Lee, Ana MD', 'Lee, Ana', 'provider', 'Harbor View, Suite 200', 80, 0],
  ] as const;
  const rows: string[][] = [];
  for (let end = CORPUS_PAYROLL_END; end >= '2026-08-01'; end = addDays(end, -14)) {
    const start = addDays(end, -13);
    for (const [id, name, jobClass, location, regular, overtime] of staff) {
      const rate = jobClass === 'provider' ? 110 : 25;
      const gross = (regular + overtime * 1.5) * rate * 100;
      rows.push([id, name, jobClass, location, start, end, addDays(end, 6), regular.toFixed(2), overtime.toFixed(2), '0.00', cents(gross), cents(Math.round(gross * 0.0765)), cents(jobClass === 'provider' ? 80000 : 30000)]);
    }
  }
  return rows;
}

export function writeCorpus(outDir: string, seed: number): Record<'names' | 'appointments-only', Partial<Record<CorpusSource, string>>> {
  const rng = new Rng(seed, 'corpus');
  const names = join(outDir, 'names');
  const { billing, appointments } = ledger(rng);
  const budget = CORPUS_MONTHS.flatMap((m) => [
    [`${m}-01`, 'gross_charges_usd', '', '8000.00'],
    [`${m}-01`, 'gross_charges_usd', 'SANTA LUZIA', '2500.00'],
  ]);
  const namesFiles = {
    locations: write(names, 'locations', LOCATIONS.map((l) => [...l])),
    providers: write(names, 'providers', PROVIDERS.map(([id, name, loc, fte], i) => [id, name, `000000000${i + 1}`, 'Family Medicine', fte, loc])),
    payers: write(names, 'payers', PAYERS.map((p) => [...p])),
    rvus: write(names, 'rvus', [['99213', '1.30'], ['99214', '1.92']]),
    budget: write(names, 'budget', budget),
    billing: write(names, 'billing', billing),
    appointments: write(names, 'appointments', appointments),
    payroll: write(names, 'payroll', payroll()),
  };
  const only = join(outDir, 'appointments-only');
  const schedule = appointments.filter((a) => a[6]! < '2026-10-01');
  const onlyFiles = {
    locations: write(only, 'locations', LOCATIONS.map((l) => [...l])),
    providers: write(only, 'providers', PROVIDERS.map(([id, name, loc, fte], i) => [id, name, `000000000${i + 1}`, 'Family Medicine', fte, loc])),
    appointments: write(only, 'appointments', schedule),
  };
  return { names: namesFiles, 'appointments-only': onlyFiles };
}
