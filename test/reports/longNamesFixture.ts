/**
 * A hand-built story for a practice with long names: every headline that has a bridge in the
 * product (charges, payments, net collection rate, days in A/R, visits, no-show rate, payroll
 * cost) gets five drivers named after long provider, location and payer names, and many payers
 * get an anomaly. With it, long commentary for each area (the staffing one longer than the room
 * its page has left for charts). The figures are made up for layout and are checked only as text.
 */
import type { BridgeAmount, BridgeDriver, PackStory } from '../../dashboards/bridge/types.ts';

const PROVIDERS = ['Dr. Alexandra Montgomery-Worthington, MD, FACP', 'Christopher Jonathan Abernathy-Vasquez, DO', 'Maximiliana Oyelaran-Fitzgerald, PA-C, MPAS'];
const LOCATIONS = ['North Riverside Family and Internal Medicine Center at Lakeshore Commons', 'Greater Eastside Pediatric and Adolescent Clinic (Suite 400)'];
const PAYERS = [
  'Blue Cross Blue Shield of Northern California Federal Employee Program',
  'UnitedHealthcare Community Plan of the Greater Metropolitan Area',
  'Medicare Advantage Preferred Provider Organization Plus Part D',
  'Workers Compensation Insurance Fund of the State (Third-Party Administrator)',
  'Anthem HealthKeepers Commercial Point-of-Service Open Access',
  'Humana Gold Plus Health Maintenance Organization Special Needs Plan',
  'Aetna Better Health Medicaid Managed Care Organization',
  'Cigna HealthSpring Medicare Advantage with Prescription Drugs',
];

const usd = (value: number): BridgeAmount => ({ value, exact: value.toFixed(2), text: `${value < 0 ? '-' : '+'}$${(Math.abs(value) / 1000).toFixed(1)}k` });
const driver = (dimension: BridgeDriver['dimension'], label: string, value: number, share: number): BridgeDriver => ({ dimension, key: label.slice(0, 8), label, base: null, current: null, change: usd(value), share });

const METRICS: readonly (readonly [string, string])[] = [
  ['gross_charges', 'Gross charges'],
  ['net_payments', 'Payments (collections)'],
  ['net_collection_rate', 'Net collection rate'],
  ['days_in_ar', 'Days in A/R'],
  ['visits', 'Visits'],
  ['no_show_rate', 'No-show rate'],
  ['payroll_cost', 'Payroll cost'],
];

export const LONG_STORY: PackStory = {
  comparison: 'prior',
  bridges: METRICS.map(([metricId, label], i) => ({
    metricId, label, unit: 'usd', month: '2026-10', comparison: 'prior' as const, comparisonLabel: 'September 2026',
    base: usd(1_000_000), current: usd(1_100_000), change: usd(100_000), changePct: 0.1, byDimension: [],
    top: [
      driver('payer', PAYERS[i % PAYERS.length]!, 61_400 - i * 1000, 0.61),
      driver('location', LOCATIONS[i % LOCATIONS.length]!, 38_200, 0.38),
      driver('provider', PROVIDERS[i % PROVIDERS.length]!, -21_700, -0.22),
      driver('payer', PAYERS[(i + 3) % PAYERS.length]!, 9_900, 0.1),
      driver('provider', PROVIDERS[(i + 1) % PROVIDERS.length]!, 5_100, 0.05),
    ],
  })),
  anomalies: PAYERS.map((p, i) => ({ kind: 'payments-collapsed' as const, subject: `Payer ${p} (PAYER${i})`, message: `Payments fell from $${(12 + i).toFixed(1)}k to $0.00 in October 2026.`, likelyExportProblem: true })),
  draft: {},
};

const words = (n: number, text: string): string => Array.from({ length: n }, () => text).join(' ');

/** Long commentary for every part; the staffing one fills most of its page. */
export const LONG_COMMENTARY = {
  overview: words(3, 'Collections recovered in October as the backlog of August claims at Blue Cross Blue Shield of Northern California Federal Employee Program was paid.'),
  financial: words(2, 'Charges ran ahead of budget for the second month running, led by North Riverside Family and Internal Medicine Center at Lakeshore Commons.'),
  collections: words(2, 'Denials fell as the coding backlog cleared at Greater Eastside Pediatric and Adolescent Clinic (Suite 400) and the payer portal issue was fixed.'),
  staffing: words(5, 'Overtime stayed under 3% of hours worked while two medical assistants were recruited for the new evening clinic, and the front office moved to the new scheduling templates agreed with the providers.'),
};
