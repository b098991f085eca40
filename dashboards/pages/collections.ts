/**
 * Collections performance: A/R aging as of a month end (in total and by payer class), the
 * shares over 90 and 120 days, days in A/R over time, denial rates by payer class, the top
 * denial reasons (CARC with its description) overall and by payer, charge lag and days to payment;
 * then, where 835 remittances are loaded, their sections (dashboards/remittance/sections.ts).
 */
import { barChart } from '../charts/barChart.ts';
import { stackedBar } from '../charts/stackedBar.ts';
import { trendLine } from '../charts/trendLine.ts';
import { monthEnd, monthStart } from '../filters/calendar.ts';
import { toMetricFilter } from '../filters/index.ts';
import { arByPayerClass, computeMetrics, denialRateByPayerClass, topDenialReasons, type MetricFilter } from '../metrics/index.ts';
import { remittanceSections } from '../remittance/sections.ts';
import { usd, type PageContext, type Section } from './model.ts';
import { asObjects, seriesTable } from './series.ts';

export const COLLECTIONS_METRICS = ['ar_total', 'ar_over_90_pct', 'ar_over_120_pct', 'days_in_ar', 'denial_rate', 'denial_rate_usd', 'charge_lag_days', 'days_to_payment'] as const;

const BUCKETS = [
  ['ar_0_30', '0-30'],
  ['ar_31_60', '31-60'],
  ['ar_61_90', '61-90'],
  ['ar_91_120', '91-120'],
  ['ar_over_120', 'over 120'],
] as const;

/** A/R is a month-end snapshot: `asOf` picks the end of its month (never past the period). */
export function arFilter(ctx: PageContext): MetricFilter {
  const mf = toMetricFilter(ctx.filters);
  const asOf = ctx.filters.asOf;
  if (!asOf || asOf >= mf.to) return mf;
  return { ...mf, from: monthStart(asOf), to: monthEnd(asOf) };
}

async function agingSections(ctx: PageContext): Promise<Section[]> {
  const f = arFilter(ctx);
  const ids = BUCKETS.map(([id]) => id);
  const total = await computeMetrics(ctx.conn, f, ids);
  const buckets = { columns: ['age_bucket', 'ar_usd'], rows: BUCKETS.map(([id, label]) => [label, total[id]?.exact ?? usd(total[id]?.value)]) };
  const byClass = (await arByPayerClass(ctx.conn, f)).flatMap((r) => BUCKETS.map(([id, label]) => ({ payer_class: r.payer_class, age_bucket: label, ar_usd: r.buckets[id] })));
  const asOf = `as of ${f.to}`;
  return [
    {
      id: 'ar-aging',
      title: `A/R aging, ${asOf}`,
      intro: 'Open claim balances by days since the date of service (MGMA buckets). A/R is taken at month ends.',
      svg: barChart({ id: 'ar-aging', title: `A/R by age, ${asOf}`, rows: asObjects(buckets), category: 'age_bucket', value: 'ar_usd', valueLabel: 'A/R', sort: 'given', orientation: 'vertical' }),
      table: buckets,
    },
    {
      id: 'ar-aging-by-payer-class',
      title: `A/R aging by payer class, ${asOf}`,
      svg: stackedBar({
        id: 'ar-by-class',
        title: `A/R by payer class and age, ${asOf}`,
        rows: byClass,
        x: 'payer_class',
        series: 'age_bucket',
        value: 'ar_usd',
        valueLabel: 'A/R',
        seriesOrder: BUCKETS.map(([, l]) => l),
        href: (r) => ctx.drill('payerClass', String(r.payer_class)),
      }),
      table: { columns: ['payer_class', 'age_bucket', 'ar_usd'], rows: byClass.map((r) => [r.payer_class, r.age_bucket, r.ar_usd]) },
      rowHref: (row) => ctx.drill('payerClass', String(row[0])),
    },
  ];
}

async function denialSections(ctx: PageContext): Promise<Section[]> {
  const mf = toMetricFilter(ctx.filters);
  const rates = (await denialRateByPayerClass(ctx.conn, mf)).map((r) => [r.payer_class, r.denial_rate.value, r.denial_rate_usd.value, r.claims_adjudicated_n]);
  const reasons = await topDenialReasons(ctx.conn, mf, { limit: 10 });
  const byPayer = await topDenialReasons(ctx.conn, mf, { byPayer: true, limit: 25 });
  const reasonTable = { columns: ['carc_code', 'description', 'claims_n', 'adjustments_n', 'denial_usd'], rows: reasons.map((r) => [r.carc_code, r.description, r.claims_n, r.adjustments_n, usd(r.denial_usd)]) };
  const rateTable = { columns: ['payer_class', 'denial_rate_pct', 'denial_rate_usd_pct', 'claims_adjudicated_n'], rows: rates };
  return [
    {
      id: 'denial-rate-by-payer-class',
      title: 'Denial rate by payer class',
      svg: barChart({ id: 'denials-by-class', title: 'Claims denied, share of claims adjudicated, by payer class', rows: asObjects(rateTable).filter((r) => r.denial_rate_pct !== null), category: 'payer_class', value: 'denial_rate_pct', href: (r) => ctx.drill('payerClass', String(r.payer_class)) }),
      table: rateTable,
      rowHref: (row) => ctx.drill('payerClass', String(row[0])),
    },
    {
      id: 'top-denial-reasons',
      title: 'Top denial reasons',
      svg: barChart({ id: 'denial-reasons', title: 'Denied dollars by reason (CARC)', rows: reasons.map((r) => ({ reason: `${r.carc_code} ${r.description}`, denial_usd: usd(r.denial_usd) })), category: 'reason', value: 'denial_usd' }),
      table: reasonTable,
    },
    {
      id: 'denial-reasons-by-payer',
      title: 'Denial reasons by payer',
      table: { columns: ['payer', 'carc_code', 'description', 'claims_n', 'denial_usd'], rows: byPayer.map((r) => [r.payer_name ?? r.payer_id, r.carc_code, r.description, r.claims_n, usd(r.denial_usd)]) },
    },
  ];
}

export async function collectionsSections(ctx: PageContext): Promise<Section[]> {
  const trend = await seriesTable(ctx, ['days_in_ar', 'ar_over_90_pct', 'charge_lag_days', 'days_to_payment']);
  return [
    ...(await agingSections(ctx)),
    {
      id: 'days-in-ar',
      title: 'Days in A/R and lags by month',
      svg: trendLine({ id: 'dar-trend', title: 'Days in A/R at each month end', rows: asObjects(trend), y: 'days_in_ar_days', label: 'Days in A/R', comparison: { column: 'days_to_payment_days', label: 'Days to payment (median)' }, target: { from: 0, to: 40, label: 'Target under 40 days' } }),
      table: trend,
    },
    ...(await denialSections(ctx)),
    ...(await remittanceSections(ctx)),
  ];
}
