/**
 * Collections performance: A/R and its aging at the period's last day, days in A/R, denials,
 * charge lag and days to payment. Ages are measured from the date of service (house rule).
 */
import { defineMetric, type Metric } from '../define.ts';
import type { ArRow } from '../inputs/index.ts';
import { money, quantity, ratio, unavailable } from '../values.ts';

const NO_LEDGER = 'the ledger does not cover this date';

const AR_DEFINITION =
  'Accounts receivable: what insurers and patients still owe on the last day of the period. For every claim, charges less ' +
  'payments plus refunds less adjustments posted on or before that day; claims paid in full, or in credit (owed back), are left out. ' +
  'Transfers between payers move a balance without changing it.';

const arBucket = (id: string, label: string, column: keyof ArRow & `ar_${string}_usd`, span: string): Metric =>
  defineMetric({
    id,
    label,
    group: 'collections',
    unit: 'usd',
    format: '$,.0f',
    goodDirection: id === 'ar_0_30' ? 'neutral' : 'down',
    target: {},
    standard: 'MGMA',
    formula: `A/R on the period's last day on claims whose date of service is ${span} before it`,
    definition: `${AR_DEFINITION} This bucket holds the claims whose date of service is ${span} before that day (MGMA aging buckets).`,
    inputs: ['ar'],
    compute: ({ ar }) => (ar.ar_known ? money(ar[column]) : unavailable(NO_LEDGER)),
  });

const arShare = (id: string, label: string, over: 90 | 120, target: { good?: number; warn?: number }): Metric =>
  defineMetric({
    id,
    label,
    group: 'collections',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target,
    standard: over === 90 ? 'HFMA MAP Keys' : 'MGMA',
    formula: `A/R aged over ${over} days / total A/R, on the period's last day`,
    definition:
      `The share of accounts receivable on the last day of the period whose date of service is more than ${over} days old. ` +
      'Old balances are the hardest to collect.' +
      (over === 90
        ? ' HFMA MAP key AR-1 measures it against billed A/R; common targets are under 15 %, and under 10 % for good performers.'
        : ''),
    inputs: ['ar'],
    compute: ({ ar }) =>
      !ar.ar_known
        ? unavailable(NO_LEDGER)
        : ratio(over === 90 ? ar.ar_91_120_usd + ar.ar_over_120_usd : ar.ar_over_120_usd, ar.ar_usd),
  });

export const COLLECTIONS_METRICS: readonly Metric[] = [
  defineMetric({
    id: 'ar_total',
    label: 'A/R',
    group: 'collections',
    unit: 'usd',
    format: '$,.0f',
    goodDirection: 'down',
    target: {},
    standard: 'MGMA',
    formula: "sum over open claims of (charges - payments + refunds - adjustments) posted on or before the period's last day",
    definition: AR_DEFINITION,
    inputs: ['ar'],
    compute: ({ ar }) => (ar.ar_known ? money(ar.ar_usd) : unavailable(NO_LEDGER)),
  }),
  defineMetric({
    id: 'credit_balances',
    label: 'Credit balances',
    group: 'collections',
    unit: 'usd',
    format: '$,.0f',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: "sum over claims in credit of (payments - refunds + adjustments - charges) posted on or before the period's last day",
    definition:
      'Money the practice owes back: on the last day of the period, the claims on which payments (less refunds) and adjustments ' +
      'exceed the charges, by how much. They are kept out of A/R (which would otherwise be understated) and shown here as a ' +
      'positive amount, so that A/R and credit balances together tie to the ledger (the A/R roll-forward). A credit balance ' +
      'is normally refunded to the payer or patient, or corrected when it comes from a posting error; HFMA guidance is to ' +
      'resolve them promptly (payers require refunds of overpayments within set deadlines, e.g. 60 days for Medicare).',
    inputs: ['ar'],
    compute: ({ ar }) => (ar.ar_known ? money(ar.credit_usd) : unavailable(NO_LEDGER)),
  }),
  arBucket('ar_0_30', 'A/R 0-30 days', 'ar_0_30_usd', '0 to 30 days'),
  arBucket('ar_31_60', 'A/R 31-60 days', 'ar_31_60_usd', '31 to 60 days'),
  arBucket('ar_61_90', 'A/R 61-90 days', 'ar_61_90_usd', '61 to 90 days'),
  arBucket('ar_91_120', 'A/R 91-120 days', 'ar_91_120_usd', '91 to 120 days'),
  arBucket('ar_over_120', 'A/R over 120 days', 'ar_over_120_usd', 'more than 120 days'),
  arShare('ar_over_90_pct', 'A/R over 90 days', 90, { good: 0.1, warn: 0.15 }),
  arShare('ar_over_120_pct', 'A/R over 120 days (%)', 120, {}),
  defineMetric({
    id: 'days_in_ar',
    label: 'Days in A/R',
    group: 'collections',
    unit: 'days',
    format: ',.1f',
    goodDirection: 'down',
    target: { good: 30, warn: 40 },
    standard: 'MGMA',
    formula: "A/R on the period's last day / (gross charges posted in the 90 days ending that day / the days of those 90 the ledger covers)",
    definition:
      'How many days of charges are waiting to be collected: accounts receivable on the last day of the period divided by the ' +
      'average daily gross charges of the 90 days ending that day. Under 40 days is the common target and under 30 is best practice ' +
      '(good: 30 or less; warn: 30 to 40). Early in the ledger, when fewer than 90 days of charges are loaded, the average is ' +
      'over the days the ledger covers, not over 90.',
    inputs: ['ar'],
    compute: ({ ar }) => (ar.ar_known ? ratio(ar.ar_usd, ar.charges_90d_usd, ar.charge_days_n) : unavailable(NO_LEDGER)),
  }),
  defineMetric({
    id: 'denial_rate',
    label: 'Denial rate (claims)',
    group: 'collections',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'claims with at least one denial adjustment / claims adjudicated in the period',
    definition:
      'The share of claims a payer denied at least in part, among the claims first adjudicated in the period. A claim is ' +
      'adjudicated on the post date of its first insurance payment or remittance adjustment. A denial is an adjustment whose ' +
      'reason code is outside the contractual and patient-share set (CO-45, CO-253, PR-1, PR-2, PR-3); an internal write-off ' +
      'without a reason code is not a denial. A denial posted later still counts against the month the claim was first adjudicated.',
    inputs: ['flows'],
    compute: ({ flows }) => ratio(flows.claims_denied_n, flows.claims_adjudicated_n),
  }),
  defineMetric({
    id: 'denial_rate_usd',
    label: 'Denial rate (charges)',
    group: 'collections',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'charges of claims with a denial adjustment / charges of claims adjudicated in the period',
    definition:
      'The denial rate weighted by money: the gross charges of the denied claims as a share of the gross charges of all claims ' +
      'first adjudicated in the period, with denials and adjudication defined as for the denial rate by claims.',
    inputs: ['flows'],
    compute: ({ flows }) => ratio(flows.denied_charges_usd, flows.adjudicated_charges_usd),
  }),
  defineMetric({
    id: 'charge_lag_days',
    label: 'Charge lag',
    group: 'collections',
    unit: 'days',
    format: ',.1f',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'mean over charges posted in the period of (post date - date of service)',
    definition:
      'How long it takes to get a visit into the billing system: the average number of days from the date of service to the ' +
      'posting of its charge, over the charges posted in the period (reversals excluded). Every day of lag delays payment.',
    inputs: ['flows'],
    compute: ({ flows }) => ratio(flows.charge_lag_days_sum, flows.charge_lines_n),
  }),
  defineMetric({
    id: 'days_to_payment',
    label: 'Days to payment',
    group: 'collections',
    unit: 'days',
    format: ',.1f',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'median over claims first paid by insurance in the period of (first insurance payment post date - date of service)',
    definition:
      'The typical wait for money: the median number of days from the date of service to the first insurance payment on the claim, ' +
      'over the claims whose first insurance payment was posted in the period. The median is used because a few very slow claims ' +
      'would distort an average.',
    inputs: ['paymentDays'],
    compute: ({ paymentDays }) => quantity(paymentDays.days_to_payment_median, 'no claim was first paid in the period'),
  }),
];
