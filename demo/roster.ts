/**
 * The demo practice's people and places: three locations, twelve providers (synthetic
 * NPI-shaped ids, specialty, clinical FTE from their weekly clinic sessions, home location)
 * and forty non-provider staff across the job classes of contract.ts. Everything derives from
 * the seed; the same seed gives the same roster.
 */
import type { JOB_CLASSES } from '../etl/sources/contract.ts';
import { personNames, type PersonName } from './names.ts';
import { Rng } from './random.ts';

export type JobClass = (typeof JOB_CLASSES)[number];

export interface Location {
  readonly id: string;
  readonly name: string;
}

export interface Provider {
  readonly id: string;
  readonly employeeId: string;
  readonly name: PersonName;
  readonly credential: string;
  readonly npi: string;
  readonly specialty: string;
  readonly pediatric: boolean;
  /** Half-day clinic sessions by ISO weekday (index 1-5): 0, 1 (morning) or 2. */
  readonly sessions: readonly number[];
  /** Clinical FTE in hundredths: weekly sessions / 10. */
  readonly clinicalFteHundredths: number;
  readonly locationId: string;
  /** A weekday the provider works at another location, if any. */
  readonly away?: { readonly dow: number; readonly locationId: string };
  readonly annualSalaryCents: number;
}

export interface Staff {
  readonly employeeId: string;
  readonly name: PersonName;
  readonly jobClass: JobClass;
  readonly title: string;
  readonly locationId: string;
  /** Employment FTE in hundredths (part-timers below 100). */
  readonly fteHundredths: number;
  /** Hourly rate in cents, or undefined for the salaried. */
  readonly hourlyCents?: number;
  readonly annualSalaryCents?: number;
}

export const LOCATIONS: readonly Location[] = [
  { id: 'DTN', name: 'Downtown Clinic' },
  { id: 'RVS', name: 'Riverside Family Health' },
  { id: 'NGT', name: 'Northgate Medical Office' },
];

type ProviderTemplate = readonly [specialty: string, credential: string, sessions: readonly number[], home: string, away?: readonly [number, string]];
const FULL = [0, 2, 2, 2, 2, 2];
const PROVIDER_TEMPLATES: readonly ProviderTemplate[] = [
  ['Family Medicine', 'MD', FULL, 'DTN'],
  ['Family Medicine', 'DO', [0, 2, 2, 2, 2, 1], 'DTN'],
  ['Internal Medicine', 'MD', FULL, 'DTN', [4, 'NGT']],
  ['Internal Medicine', 'MD', [0, 2, 2, 0, 2, 2], 'RVS'],
  ['Family Medicine', 'MD', FULL, 'RVS'],
  ['Pediatrics', 'MD', FULL, 'RVS'],
  ['Pediatrics', 'MD', [0, 2, 2, 2, 2, 0], 'NGT'],
  ['Family Medicine', 'MD', [0, 2, 2, 2, 2, 1], 'NGT', [3, 'DTN']],
  ['Internal Medicine', 'DO', FULL, 'NGT'],
  ['Family Medicine', 'NP', FULL, 'DTN'],
  ['Family Medicine', 'PA', [0, 2, 0, 2, 2, 2], 'RVS'],
  ['Pediatrics', 'NP', [0, 2, 2, 0, 2, 0], 'NGT'],
];

type StaffTemplate = readonly [jobClass: JobClass, title: string, home: string, hourlyCents: number | undefined, annualCents?: number];
const STAFF_TEMPLATES: readonly StaffTemplate[] = [
  ['business_ops', 'Practice Manager', 'DTN', undefined, 9_500_000],
  ['business_ops', 'Billing Lead', 'DTN', 3100],
  ['business_ops', 'Billing Specialist', 'DTN', 2400],
  ['business_ops', 'Billing Specialist', 'DTN', 2400],
  ['business_ops', 'Coder', 'DTN', 2800],
  ['business_ops', 'HR and Payroll Coordinator', 'DTN', 2700],
  ...(['DTN', 'RVS', 'NGT'] as const).map((l): StaffTemplate => ['clinical', 'Registered Nurse', l, 4200]),
  ...(['DTN', 'DTN', 'DTN', 'DTN', 'RVS', 'RVS', 'RVS', 'RVS', 'NGT', 'NGT', 'NGT'] as const).map(
    (l): StaffTemplate => ['clinical', 'Medical Assistant', l, 2100],
  ),
  ['clinical', 'Licensed Practical Nurse', 'RVS', 2800],
  ['clinical', 'Licensed Practical Nurse', 'NGT', 2800],
  ...(['DTN', 'DTN', 'DTN', 'RVS', 'RVS', 'RVS', 'NGT', 'NGT'] as const).map((l): StaffTemplate => ['front_office', 'Receptionist', l, 1900]),
  ['front_office', 'Scheduler', 'DTN', 2000],
  ['front_office', 'Scheduler', 'RVS', 2000],
  ['front_office', 'Front Office Lead', 'DTN', 2600],
  ['front_office', 'Front Office Lead', 'NGT', 2600],
  ['ancillary', 'Lab Technician', 'DTN', 2600],
  ['ancillary', 'Lab Technician', 'RVS', 2600],
  ['ancillary', 'Radiology Technician', 'DTN', 3200],
  ['ancillary', 'Phlebotomist', 'RVS', 2100],
  ['ancillary', 'Phlebotomist', 'NGT', 2100],
  ['ancillary', 'Medical Records Clerk', 'DTN', 2000],
];

/**
 * A 10-digit id shaped like an NPI (leading 1) whose Luhn check digit (computed with the
 * 80840 prefix, as for real NPIs) is deliberately wrong, so it can never be a real provider's.
 */
function syntheticNpi(rng: Rng): string {
  const body = `1${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  let sum = 0;
  const digits = `80840${body}`;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  const valid = (10 - (sum % 10)) % 10;
  return `${body}${(valid + 1) % 10}`;
}

export interface Roster {
  readonly locations: readonly Location[];
  readonly providers: readonly Provider[];
  readonly staff: readonly Staff[];
}

export function buildRoster(seed: number): Roster {
  const rng = new Rng(seed, 'roster');
  const names = personNames(rng, PROVIDER_TEMPLATES.length + STAFF_TEMPLATES.length);
  const npis = new Set<string>();
  const providers = PROVIDER_TEMPLATES.map(([specialty, credential, sessions, home, away], i): Provider => {
    let npi = syntheticNpi(rng);
    while (npis.has(npi)) npi = syntheticNpi(rng);
    npis.add(npi);
    const physician = credential === 'MD' || credential === 'DO';
    return {
      id: `PRV${String(i + 1).padStart(3, '0')}`,
      employeeId: `E${1001 + i}`,
      name: names[STAFF_TEMPLATES.length + i]!,
      credential,
      npi,
      specialty,
      pediatric: specialty === 'Pediatrics',
      sessions,
      clinicalFteHundredths: sessions.reduce((a, b) => a + b, 0) * 10,
      locationId: home,
      ...(away ? { away: { dow: away[0], locationId: away[1] } } : {}),
      annualSalaryCents: (physician ? rng.int(205, 240) : rng.int(102, 118)) * 100_000,
    };
  });
  const staff = STAFF_TEMPLATES.map(([jobClass, title, home, hourly, annual], i): Staff => {
    const fteHundredths = hourly !== undefined && rng.chance(0.3) ? rng.pick([50, 60, 75]) : 100;
    return {
      employeeId: `E${1001 + PROVIDER_TEMPLATES.length + i}`,
      name: names[i]!,
      jobClass,
      title,
      locationId: home,
      fteHundredths,
      ...(hourly !== undefined ? { hourlyCents: hourly + rng.int(0, 10) * 25 } : { annualSalaryCents: annual! }),
    };
  });
  return { locations: LOCATIONS, providers, staff };
}

/** 'Amelia Hart, MD' */
export function providerDisplayName(p: Provider): string {
  return `${p.name.first} ${p.name.last}, ${p.credential}`;
}
