/**
 * Financial review: charges, payments, adjustments and collection rates. Flows fall in the
 * period of their post date (house rule).
 */
import { defineMetric, type Metric } from '../define.ts';
import { money, ratio } from '../values.ts';

const flowMoney = (
  id: string,
  label: string,
  column: 'charges_usd' | 'ins_payments_usd' | 'patient_payments_usd' | 'refunds_usd' | 'net_payments_usd' | 'contractual_adj_usd' | 'denial_adj_usd',
  goodDirection: 'up' | 'down' | 'neutral',
  standard: 'MGMA' | 'house rule',
  formula: string,
  definition: string,
): Metric =>
  defineMetric({
    id, label, group: 'financial', unit: 'usd', format: '$,.0f', goodDirection, target: {}, standard, formula, definition,
    inputs: ['flows'],
    compute: ({ flows }) => money(flows[column]),
  });

/** payments / (gross charges - contractual adjustments), over the given trailing window. */
const netCollectionRate = (id: string, label: string, trailingMonths: number | undefined, window: string): Metric =>
  defineMetric({
    id,
    label,
    group: 'financial',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'up',
    target: { good: 0.95 },
    standard: 'MGMA',
    formula: `payments / (gross charges - contractual adjustments), ${window}`,
    definition:
      `Of the money the practice could expect to collect after the discounts it has agreed with payers, the share it did collect, ${window}. ` +
      'Payments (insurance plus patient, less refunds) are divided by gross charges less contractual adjustments (CO-45 and CO-253). ' +
      'MGMA calls it the adjusted fee-for-service collection percentage; good practices reach 95 % or more. One month is noisy, ' +
      'because payments trail charges by weeks, so the trailing 3- and 12-month rates are shown beside it.' +
      (trailingMonths ? ` A trailing rate whose ${trailingMonths} months start before the ledger's first month has no value (it would repeat fewer months than it names).` : ''),
    trailingMonths,
    inputs: ['flows'],
    compute: ({ flows }) => ratio(flows.net_payments_usd, flows.charges_usd - flows.contractual_adj_usd),
  });

export const FINANCIAL_METRICS: readonly Metric[] = [
  flowMoney('gross_charges', 'Gross charges', 'charges_usd', 'up', 'MGMA', 'sum of charge amounts posted in the period',
    'The full list price of the services billed, before any discount or write-off, counted in the month the charge was posted. ' +
      'Gross charges depend on the fee schedule, so they measure volume and mix rather than income.'),
  flowMoney('insurance_payments', 'Insurance payments', 'ins_payments_usd', 'up', 'house rule',
    'sum of payments from insurance posted in the period',
    'Money received from insurers (commercial plans, Medicare, Medicaid and others), counted in the month it was posted.'),
  flowMoney('patient_payments', 'Patient payments', 'patient_payments_usd', 'up', 'house rule',
    'sum of payments from patients posted in the period',
    'Money received from patients (copays, deductibles, self-pay balances), counted in the month it was posted.'),
  flowMoney('refunds', 'Refunds', 'refunds_usd', 'neutral', 'house rule', 'sum of refunds paid out in the period',
    'Money the practice paid back to insurers or patients (overpayments, duplicate payments), counted in the month it was posted.'),
  flowMoney('net_payments', 'Payments (collections)', 'net_payments_usd', 'up', 'MGMA',
    'insurance payments + patient payments - refunds, posted in the period',
    'What the practice actually collected: payments from insurers and patients, less the refunds it paid out, ' +
      'counted in the month they were posted.'),
  flowMoney('contractual_adjustments', 'Contractual adjustments', 'contractual_adj_usd', 'neutral', 'house rule',
    'sum of adjustments in group CO with reason code 45 or 253 posted in the period',
    'The discounts the practice has agreed to in its payer contracts: the difference between its charge and the amount the ' +
      'payer allows. House rule: these are the adjustments with group code CO and reason code 45 (charge exceeds the fee schedule) ' +
      'or 253 (sequestration); the set is configurable.'),
  flowMoney('denial_adjustments', 'Denial adjustments', 'denial_adj_usd', 'down', 'house rule',
    'sum of adjustments whose reason code is a denial, posted in the period',
    'Amounts written off or held because a payer denied them: adjustments with a reason code outside the contractual ' +
      '(CO-45, CO-253) and patient-share (PR-1 deductible, PR-2 coinsurance, PR-3 copay) set. Internal write-offs without a reason code are not denials.'),
  netCollectionRate('net_collection_rate', 'Net collection rate', undefined, 'over the selected period'),
  netCollectionRate('net_collection_rate_3m', 'Net collection rate, trailing 3 months', 3, 'over the 3 months ending with the period'),
  netCollectionRate('net_collection_rate_12m', 'Net collection rate, trailing 12 months', 12, 'over the 12 months ending with the period'),
  defineMetric({
    id: 'gross_collection_rate',
    label: 'Gross collection rate',
    group: 'financial',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'neutral',
    target: {},
    standard: 'MGMA',
    formula: 'payments / gross charges, over the period',
    definition:
      'Payments collected as a share of gross charges. It mostly reflects how high the fee schedule is set relative to what ' +
      'payers allow, so it is a weak measure of performance; it is shown for context beside the net collection rate.',
    inputs: ['flows'],
    compute: ({ flows }) => ratio(flows.net_payments_usd, flows.charges_usd),
  }),
];
