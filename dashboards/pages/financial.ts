/**
 * Financial review: charges, payments by source, adjustments, collection rates, the mix by
 * payer class, payer, provider, location and procedure, and plan versus actual.
 */
import { barChart } from '../charts/barChart.ts';
import { planVsActual as planChart } from '../charts/planVsActual.ts';
import { stackedBar } from '../charts/stackedBar.ts';
import { trendLine } from '../charts/trendLine.ts';
import { toMetricFilter } from '../filters/index.ts';
import { getMetric, mixBreakdown, noBudgetReason, planVsActual, type MixDimension } from '../metrics/index.ts';
import { chartTarget } from '../present/wording.ts';
import { chartVariants, group, type PageContext, type Section, type SectionGroup } from './model.ts';
import { payWithheldMonths, withholdPayLines } from './payPrivacy.ts';
import { asObjects, seriesTable } from './series.ts';

export const FINANCIAL_METRICS = [
  'gross_charges',
  'net_payments',
  'insurance_payments',
  'patient_payments',
  'refunds',
  'contractual_adjustments',
  'net_collection_rate',
  'net_collection_rate_3m',
  'net_collection_rate_12m',
  'gross_collection_rate',
] as const;

const MIX_TITLES: Record<MixDimension, string> = { payer_class: 'payer class', payer: 'payer', provider: 'provider', location: 'location', procedure: 'procedure code' };
const DRILL: Partial<Record<MixDimension, 'payerClass' | 'provider' | 'location'>> = { payer_class: 'payerClass', provider: 'provider', location: 'location' };

const mixSection = (dim: MixDimension): SectionGroup => group([`mix-${dim.replace('_', '-')}`], [`Charges and payments by ${MIX_TITLES[dim]}`], async (ctx: PageContext): Promise<Section> => {
  const rows = await mixBreakdown(ctx.conn, dim, toMetricFilter(ctx.filters));
  const columns = [dim, `${dim}_key`, 'charges_usd', 'charges_pct', 'net_payments_usd', 'net_payments_pct', 'work_rvu'];
  const table = { columns, rows: rows.map((r) => [r.label, r.key, r.charges_usd, r.charges_pct, r.net_payments_usd, r.net_payments_pct, r.work_rvus]) };
  const drillKey = DRILL[dim];
  const href = drillKey ? (key: unknown) => (key === null || key === undefined ? undefined : ctx.drill(drillKey, String(key))) : undefined;
  const top = rows.slice(0, 15).map((r) => ({ [dim]: r.label, key: r.key, charges_usd: r.charges_usd }));
  return {
    id: `mix-${dim.replace('_', '-')}`,
    title: `Charges and payments by ${MIX_TITLES[dim]}`,
    ...(rows.length > 15 ? { intro: `The 15 largest of ${rows.length} by charges are charted; the table lists all.` } : {}),
    ...chartVariants(ctx, `mix-${dim.replace('_', '-')}`, (width) =>
      barChart({ width,
        id: `mix-${dim.replace('_', '-')}`,
        title: `Gross charges by ${MIX_TITLES[dim]}`,
        rows: top,
        category: dim,
        value: 'charges_usd',
        ...(href ? { href: (r: Record<string, unknown>) => href(r.key) ?? '' } : {}),
      }),
    ),
    table,
    ...(href ? { rowHref: (row: readonly unknown[]) => href(row[1]) } : {}),
  };
});

const budget = group(['budget-money', 'budget-counts'], ['Plan versus actual: money', 'Plan versus actual: volumes'], async (ctx: PageContext): Promise<Section[]> => {
  const f = ctx.filters;
  const mf = toMetricFilter(f);
  const noBudget = noBudgetReason(mf);
  const rows = withholdPayLines(await planVsActual(ctx.conn, mf, ctx.inputs), await payWithheldMonths(ctx, f.from), f.from, f.to);
  const money = rows.filter((r) => r.unit === 'usd');
  const counts = rows.filter((r) => r.unit === 'count');
  const moneyTable = {
    columns: ['budget_line', 'plan_usd', 'actual_usd', 'variance_usd', 'variance_pct'],
    rows: money.map((r) => [r.budget_line, r.exact.plan, r.exact.actual, r.exact.variance, r.variance_pct]),
  };
  const sections: Section[] = [
    {
      id: 'budget-money',
      title: 'Plan versus actual: money',
      ...(money.length === 0 ? { intro: noBudget ?? 'No budget is loaded for this period.' } : {}),
      ...(money.length > 0
        ? {
            ...chartVariants(ctx, 'plan-vs-actual', (width) =>
              planChart({ width,
                id: 'plan-vs-actual',
                title: 'Budget versus actual',
                rows: asObjects(moneyTable),
                category: 'budget_line',
                plan: 'plan_usd',
                actual: 'actual_usd',
                goodDirection: (r) => money.find((m) => m.budget_line === r.budget_line)?.good_direction ?? 'neutral',
              }),
            ),
          }
        : {}),
      table: moneyTable,
    },
  ];
  if (counts.length > 0) {
    sections.push({
      id: 'budget-counts',
      title: 'Plan versus actual: volumes',
      table: { columns: ['budget_line', 'plan_n', 'actual_n', 'variance_n', 'variance_pct'], rows: counts.map((r) => [r.budget_line, r.plan, r.actual, r.variance, r.variance_pct]) },
    });
  }
  return sections;
});

const FLOWS = ['gross_charges', 'net_payments', 'insurance_payments', 'patient_payments', 'contractual_adjustments', 'denial_adjustments'];

const flowSections = group(['charges-and-payments', 'payments-by-source', 'adjustments'], ['Charges and payments by month', 'Payments by source', 'Adjustments by month'], async (ctx): Promise<Section[]> => {
  const flows = await seriesTable(ctx, FLOWS);
  // A month with no value stays empty (a dash), never a zero.
  const bySource = flows.rows.flatMap((r) => [
    { month: r[0], payment_source: 'insurance', payments_usd: r[3] ?? null },
    { month: r[0], payment_source: 'patient', payments_usd: r[4] ?? null },
  ]);
  const adjustments = flows.rows.flatMap((r) => [
    { month: r[0], adjustment: 'contractual', adjustments_usd: r[5] ?? null },
    { month: r[0], adjustment: 'denial', adjustments_usd: r[6] ?? null },
  ]);
  return [
    {
      id: 'charges-and-payments',
      title: 'Charges and payments by month',
      ...chartVariants(ctx, 'fin-trend', (width) => trendLine({ width, id: 'fin-trend', title: 'Gross charges and payments by month', rows: asObjects(flows), y: 'gross_charges_usd', label: 'Gross charges', comparison: { column: 'net_payments_usd', label: 'Payments' } })),
      table: flows,
    },
    {
      id: 'payments-by-source',
      title: 'Payments by source',
      ...chartVariants(ctx, 'fin-by-source', (width) => stackedBar({ width, id: 'fin-by-source', title: 'Payments by source and month', rows: bySource, x: 'month', series: 'payment_source', value: 'payments_usd', seriesOrder: ['insurance', 'patient'] })),
      table: { columns: ['month', 'payment_source', 'payments_usd'], rows: bySource.map((r) => [r.month, r.payment_source, r.payments_usd]) },
    },
    {
      id: 'adjustments',
      title: 'Adjustments by month',
      ...chartVariants(ctx, 'fin-adjustments', (width) => stackedBar({ width, id: 'fin-adjustments', title: 'Contractual and denial adjustments by month', rows: adjustments, x: 'month', series: 'adjustment', value: 'adjustments_usd', seriesOrder: ['contractual', 'denial'] })),
      table: { columns: ['month', 'adjustment', 'adjustments_usd'], rows: adjustments.map((r) => [r.month, r.adjustment, r.adjustments_usd]) },
    },
  ];
});

const rateSection = group(['collection-rates'], ['Collection rates by month'], async (ctx): Promise<Section> => {
  const rates = await seriesTable(ctx, ['net_collection_rate', 'net_collection_rate_3m', 'gross_collection_rate']);
  return {
    id: 'collection-rates',
    title: 'Collection rates by month',
    intro: 'One month is noisy (payments trail charges by weeks): the trailing 3-month rate is drawn beside it.',
    ...chartVariants(ctx, 'fin-ncr', (width) => trendLine({ width, id: 'fin-ncr', title: 'Net collection rate by month', rows: asObjects(rates), y: 'net_collection_rate_pct', label: 'Net collection rate', comparison: { column: 'net_collection_rate_3m_pct', label: 'Trailing 3 months' }, target: chartTarget(getMetric('net_collection_rate')) })),
    table: rates,
  };
});

export const FINANCIAL_SECTIONS: readonly SectionGroup[] = [
  flowSections,
  rateSection,
  ...(['payer_class', 'payer', 'provider', 'location', 'procedure'] as const).map(mixSection),
  budget,
];
