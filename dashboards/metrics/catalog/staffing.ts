/**
 * Staffing efficiency: payroll cost, FTE (capped at 1.0 per employee per pay period, paid time
 * off excluded: a house rule, not MGMA's; over the days payroll covers),
 * staffing ratios and productivity per provider FTE. Payroll is reported by job class only.
 */
import { JOB_CLASSES } from '../../../etl/sources/contract.ts';
import { defineMetric, type Metric } from '../define.ts';
import type { PayrollRow, ProviderFteRow } from '../inputs/index.ts';
import type { MetricValue } from '../types.ts';
import { money, moneyPer, quantity, ratio, unavailable } from '../values.ts';

type JobClass = (typeof JOB_CLASSES)[number];

const FTE_RULE =
  'An FTE is 40 hours a week: hours worked (regular plus overtime) divided by 40 times the weeks in the pay period, capped at ' +
  '1.0 per employee per pay period, then averaged over the days of the selected period that payroll covers (a month whose last ' +
  'pay period ends on the 24th is averaged over 24 days; a period payroll does not cover yet is unknown, not low). House rule: ' +
  'paid time off is not counted as worked, whereas MGMA counts paid time off in FTE.';

/** A payroll cost figure, unknown (not $0) in a period before the first pay period ends. */
const cost = (p: PayrollRow, value: () => MetricValue): MetricValue =>
  p.cost_known ? value() : unavailable('payroll begins in this period; its first pay period ends later');

const payrollFte = (p: PayrollRow, days: number): number | null => (p.days_n === 0 ? null : days / p.days_n);
/** Provider FTE over the period: roster clinical FTE where given, else payroll job class provider. */
const providerFte = (p: ProviderFteRow): number | null =>
  p.provider_fte_days === null || p.days_n === 0 ? null : p.provider_fte_days / p.days_n;

const PROVIDER_FTE_RULE =
  'Provider FTE comes from the provider roster (clinical FTE of each provider active in the month) when the roster gives it, ' +
  'else from payroll job class provider.';

const classFte = (jobClass: JobClass): Metric =>
  defineMetric({
    id: `payroll_fte_${jobClass}`,
    label: `FTE: ${jobClass.replace('_', ' ')} (payroll)`,
    group: 'staffing',
    unit: 'fte',
    format: ',.2f',
    goodDirection: 'neutral',
    target: {},
    standard: 'house rule',
    formula: `sum over ${jobClass.replace('_', ' ')} pay periods of min(1, hours worked / (40 x weeks)) spread over the period's days payroll covers`,
    definition: `Full-time equivalents paid in job class ${jobClass.replace('_', ' ')}, from payroll. ${FTE_RULE}`,
    inputs: ['payroll'],
    compute: ({ payroll }) => quantity(payrollFte(payroll, payroll[`${jobClass}_fte_days`])),
  });

export const STAFFING_METRICS: readonly Metric[] = [
  defineMetric({
    id: 'payroll_cost',
    label: 'Payroll cost',
    group: 'staffing',
    unit: 'usd',
    format: '$,.0f',
    goodDirection: 'down',
    target: {},
    standard: 'MGMA',
    formula: 'gross pay + employer taxes + employer benefits, for pay periods ending in the period',
    definition:
      'The full cost of staff: gross pay plus employer payroll taxes and employer-paid benefits, counted in the month the pay period ends.',
    inputs: ['payroll'],
    compute: ({ payroll }) => cost(payroll, () => money(payroll.payroll_cost_usd)),
  }),
  ...JOB_CLASSES.map(classFte),
  defineMetric({
    id: 'payroll_fte_total',
    label: 'FTE: all staff (payroll)',
    group: 'staffing',
    unit: 'fte',
    format: ',.2f',
    goodDirection: 'neutral',
    target: {},
    standard: 'house rule',
    formula: "sum over all pay periods of min(1, hours worked / (40 x weeks)) spread over the period's days payroll covers",
    definition: `Full-time equivalents paid across all job classes, from payroll. ${FTE_RULE}`,
    inputs: ['payroll'],
    compute: ({ payroll }) => quantity(payrollFte(payroll, payroll.fte_days)),
  }),
  defineMetric({
    id: 'support_staff_fte',
    label: 'Support staff FTE',
    group: 'staffing',
    unit: 'fte',
    format: ',.2f',
    goodDirection: 'neutral',
    target: {},
    standard: 'house rule',
    formula: 'payroll FTE of every job class except provider',
    definition: `Full-time equivalents of support staff: every job class except provider (clinical, front office, business operations, ancillary). ${FTE_RULE}`,
    inputs: ['payroll'],
    compute: ({ payroll }) => quantity(payrollFte(payroll, payroll.support_fte_days)),
  }),
  defineMetric({
    id: 'provider_fte',
    label: 'Provider FTE',
    group: 'staffing',
    unit: 'fte',
    format: ',.2f',
    goodDirection: 'neutral',
    target: {},
    standard: 'MGMA',
    formula: 'roster clinical FTE of active providers (else payroll provider FTE), averaged over the days of the period',
    definition:
      `Full-time equivalents of providers seeing patients. ${PROVIDER_FTE_RULE} A roster provider counts in a month in which ` +
      'a charge was posted or a visit fulfilled for them. Payroll does not name providers, so with payroll FTE no single provider can be selected.',
    inputs: ['providerFte'],
    compute: ({ providerFte: p }) => quantity(providerFte(p), 'provider FTE is unknown for one provider when it comes from payroll'),
  }),
  defineMetric({
    id: 'support_fte_per_provider_fte',
    label: 'Support staff per provider FTE',
    group: 'staffing',
    unit: 'ratio',
    format: ',.2f',
    goodDirection: 'neutral',
    target: {},
    standard: 'MGMA',
    formula: 'support staff FTE / provider FTE',
    definition: `Support staff full-time equivalents per provider full-time equivalent (MGMA "support staff per FTE physician"). ${FTE_RULE} ${PROVIDER_FTE_RULE}`,
    inputs: ['payroll', 'providerFte'],
    compute: ({ payroll, providerFte: p }) => ratio(payrollFte(payroll, payroll.support_fte_days), providerFte(p)),
  }),
  defineMetric({
    id: 'support_cost_pct_collections',
    label: 'Support staff cost as % of collections',
    group: 'staffing',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target: {},
    standard: 'MGMA',
    formula: 'payroll cost of every job class except provider / payments, over the period',
    definition:
      'What the support staff cost, as a share of the money collected: payroll cost (pay, employer taxes and benefits) of every ' +
      'job class except provider, divided by payments (insurance plus patient, less refunds) in the same period.',
    inputs: ['payroll', 'flows'],
    compute: ({ payroll, flows }) => cost(payroll, () => ratio(payroll.support_cost_usd, flows.net_payments_usd)),
  }),
  defineMetric({
    id: 'overtime_pct',
    label: 'Overtime',
    group: 'staffing',
    unit: 'pct',
    format: '.1%',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'overtime hours / (regular + overtime hours), for pay periods ending in the period',
    definition: 'The share of hours worked that were paid as overtime, over all job classes. Sustained overtime signals understaffing.',
    inputs: ['payroll'],
    compute: ({ payroll }) => ratio(payroll.overtime_hours, payroll.regular_hours + payroll.overtime_hours),
  }),
  defineMetric({
    id: 'payroll_cost_per_visit',
    label: 'Payroll cost per visit',
    group: 'staffing',
    unit: 'usd',
    format: '$,.2f',
    goodDirection: 'down',
    target: {},
    standard: 'house rule',
    formula: 'payroll cost / fulfilled visits, over the period',
    definition: 'The staff cost of one visit: payroll cost of all job classes divided by the fulfilled visits of the period.',
    inputs: ['payroll', 'appointments'],
    compute: ({ payroll, appointments }) => cost(payroll, () => moneyPer(payroll.payroll_cost_usd, appointments.fulfilled_n)),
  }),
  defineMetric({
    id: 'work_rvus',
    label: 'Work RVUs',
    group: 'staffing',
    unit: 'rvu',
    format: ',.1f',
    goodDirection: 'up',
    target: {},
    standard: 'CMS',
    formula: 'sum over charges posted in the period of units x CMS work RVU of the procedure code',
    definition:
      'The physician work billed, in CMS work relative value units: units of each procedure charged times its work RVU, ' +
      'counted when the charge is posted (a reversed charge subtracts). Codes without a work RVU count zero.',
    inputs: ['flows'],
    compute: ({ flows }) => quantity(flows.work_rvus),
  }),
  defineMetric({
    id: 'work_rvus_per_provider_fte',
    label: 'Work RVUs per provider FTE',
    group: 'staffing',
    unit: 'rvu',
    format: ',.1f',
    goodDirection: 'up',
    target: {},
    standard: 'MGMA',
    formula: 'work RVUs / provider FTE, over the period (not annualized)',
    definition: `Provider productivity: work RVUs of the period per provider full-time equivalent. ${PROVIDER_FTE_RULE}`,
    inputs: ['flows', 'providerFte'],
    compute: ({ flows, providerFte: p }) => ratio(flows.work_rvus, providerFte(p)),
  }),
  defineMetric({
    id: 'visits_per_provider_fte_day',
    label: 'Visits per provider FTE per clinic day',
    group: 'staffing',
    unit: 'ratio',
    format: ',.1f',
    goodDirection: 'up',
    target: {},
    standard: 'house rule',
    formula: 'fulfilled visits / provider FTE / clinic days, over the period',
    definition:
      'How many patients a full-time provider sees on a clinic day: fulfilled visits divided by provider FTE and by the clinic days ' +
      'of the period. House rule: a clinic day is a weekday (Monday to Friday) with at least one fulfilled visit at the selected ' +
      'location (at any location when none is selected); clinic days do not depend on the provider selected. ' + PROVIDER_FTE_RULE,
    inputs: ['appointments', 'providerFte', 'clinicDays'],
    dimensions: ['location', 'provider'],
    compute: ({ appointments, providerFte: p, clinicDays }) => {
      const fte = providerFte(p);
      return ratio(appointments.fulfilled_n, fte === null ? null : fte * clinicDays.clinic_days_n);
    },
  }),
];
