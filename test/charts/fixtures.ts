/**
 * Small fixed rows for the chart tests, in the shape the metric queries return: unit-suffixed
 * column names, months as ISO first-of-month text, money as exact decimal text.
 * Values are made up and round, so that a tooltip's expected text can be written by hand.
 */

/** 13 months, Jan 2024 to Jan 2025. */
export const MONTHS = [
  '2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01',
  '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01', '2025-01-01',
] as const;

/** Collections by month: $100,000.00 rising by $1,500.25 a month, with a dip in Jul 2024 (month 6). */
const centsText = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
export const COLLECTIONS = MONTHS.map((month, i) => ({ month, collections_usd: i === 6 ? '95000.00' : centsText(10_000_000 + i * 150_025) }));

/** Net collection rate by month with the prior year's rate; Apr 2024 has no value. */
const NCR_VALUES = [0.93, 0.95, 0.97, null, 0.94, 0.96, 0.95, 0.97, 0.96, 0.94, 0.95, 0.96, 0.97];
const NCR_PRIOR = [0.91, 0.92, 0.94, 0.93, 0.92, 0.94, 0.93, 0.95, 0.94, 0.92, 0.93, 0.94, 0.93];
export const NCR = MONTHS.map((month, i) => ({ month, net_collection_rate_pct: NCR_VALUES[i], prior_year_pct: NCR_PRIOR[i] }));

/** Gross charges by payer class, one month. */
export const CHARGES_BY_PAYER = [
  { payer_class: 'medicare', charges_usd: '298000.10' },
  { payer_class: 'commercial', charges_usd: '412345.67' },
  { payer_class: 'self_pay', charges_usd: '15230.55' },
  { payer_class: 'medicaid', charges_usd: '120500.00' },
  { payer_class: 'workers_comp', charges_usd: '-2500.00' },
];

/** Payments by source for the first 6 months of 2024; insurance + patient totals by hand below. */
export const PAYMENTS_BY_SOURCE = MONTHS.slice(0, 6).flatMap((month, i) => [
  { month, payment_source: 'insurance', payments_usd: `${90_000 + i * 1_000}.50` },
  { month, payment_source: 'patient', payments_usd: `${12_000 + i * 250}.25` },
]);
/** Jan 2024 total: 90,000.50 + 12,000.25 = 102,000.75. */
export const PAYMENTS_JAN_TOTAL = '$102,000.75';

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '>120'] as const;
/** A/R by payer class and aging bucket (whole dollars, halving with each bucket). */
export const AR_AGING = ['commercial', 'medicare', 'medicaid'].flatMap((payer_class, p) =>
  AGING_BUCKETS.map((aging_bucket, b) => ({ payer_class, aging_bucket, ar_usd: `${(48_000 / 2 ** b / (p + 1)).toFixed(2)}` })),
);

/** Budget lines for one month; supplies has no actual. */
export const BUDGET = [
  { budget_line: 'gross_charges_usd', plan_usd: '450000.00', actual_usd: '471234.56' },
  { budget_line: 'collections_usd', plan_usd: '300000.00', actual_usd: '287650.10' },
  { budget_line: 'payroll_cost_usd', plan_usd: '180000.00', actual_usd: '186400.00' },
  { budget_line: 'supplies_usd', plan_usd: '20000.00', actual_usd: null },
];
export const BUDGET_NAMES: Readonly<Record<string, string>> = {
  gross_charges_usd: 'Gross charges', collections_usd: 'Collections', payroll_cost_usd: 'Payroll cost', supplies_usd: 'Supplies',
};
