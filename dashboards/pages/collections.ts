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
import { AR_ROLL_FORWARD_COLUMNS, arByPayerClass, arRollForward, computeMetrics, denialRateByPayerClass, getMetric, topDenialReasons, type MetricFilter } from '../metrics/index.ts';
import { chartTarget } from '../present/wording.ts';
import { chartVariants, group, type PageContext, type Section, type SectionGroup } from './model.ts';
import { REMITTANCE_SECTION_IDS, REMITTANCE_SECTION_TITLES, remittanceSections } from '../remittance/sections.ts';
import { asObjects, seriesTable } from './series.ts';

export const COLLECTIONS_METRICS = ['ar_total', 'credit_balances', 'ar_over_90_pct', 'ar_over_120_pct', 'days_in_ar', 'denial_rate', 'denial_rate_usd', 'charge_lag_days', 'days_to_payment'] as const;

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

const asOfText = (ctx: PageContext) => `as of ${arFilter(ctx).to}`;

const aging = group(['ar-aging'], ['A/R aging'], async (ctx): Promise<Section> => {
  const f = arFilter(ctx);
  const total = await computeMetrics(ctx.conn, f, BUCKETS.map(([id]) => id));
  const buckets = { columns: ['age_bucket', 'ar_usd'], rows: BUCKETS.map(([id, label]) => [label, total[id]?.exact ?? null]) };
  return {
    id: 'ar-aging',
    title: `A/R aging, ${asOfText(ctx)}`,
    intro: 'Open claim balances by days since the date of service (MGMA buckets). A/R is taken at month ends.',
    ...chartVariants(ctx, 'ar-aging', (width) => barChart({ width, id: 'ar-aging', title: `A/R by age, ${asOfText(ctx)}`, rows: asObjects(buckets), category: 'age_bucket', value: 'ar_usd', valueLabel: 'A/R', sort: 'given', orientation: 'vertical' })),
    table: buckets,
  };
});

const agingByClass = group(['ar-aging-by-payer-class'], ['A/R aging by payer class'], async (ctx): Promise<Section> => {
  const byClass = (await arByPayerClass(ctx.conn, arFilter(ctx))).flatMap((r) => BUCKETS.map(([id, label]) => ({ payer_class: r.payer_class, age_bucket: label, ar_usd: r.buckets[id] })));
  return {
    id: 'ar-aging-by-payer-class',
    title: `A/R aging by payer class, ${asOfText(ctx)}`,
    ...chartVariants(ctx, 'ar-by-class', (width) =>
      stackedBar({ width,
        id: 'ar-by-class',
        title: `A/R by payer class and age, ${asOfText(ctx)}`,
        rows: byClass,
        x: 'payer_class',
        series: 'age_bucket',
        value: 'ar_usd',
        valueLabel: 'A/R',
        seriesOrder: BUCKETS.map(([, l]) => l),
        href: (r) => ctx.drill('payerClass', String(r.payer_class)),
      }),
    ),
    table: { columns: ['payer_class', 'age_bucket', 'ar_usd'], rows: byClass.map((r) => [r.payer_class, r.age_bucket, r.ar_usd]) },
    rowHref: (row) => ctx.drill('payerClass', String(row[0])),
  };
});

const denialRates = group(['denial-rate-by-payer-class'], ['Denial rate by payer class'], async (ctx): Promise<Section> => {
  const rates = (await denialRateByPayerClass(ctx.conn, toMetricFilter(ctx.filters))).map((r) => [r.payer_class, r.denial_rate.value, r.denial_rate_usd.value, r.claims_adjudicated_n]);
  const rateTable = { columns: ['payer_class', 'denial_rate_pct', 'denial_rate_usd_pct', 'claims_adjudicated_n'], rows: rates };
  return {
    id: 'denial-rate-by-payer-class',
    title: 'Denial rate by payer class',
    ...chartVariants(ctx, 'denials-by-class', (width) => barChart({ width, id: 'denials-by-class', title: 'Claims denied, share of claims adjudicated, by payer class', rows: asObjects(rateTable).filter((r) => r.denial_rate_pct !== null), category: 'payer_class', value: 'denial_rate_pct', href: (r) => ctx.drill('payerClass', String(r.payer_class)) })),
    table: rateTable,
    rowHref: (row) => ctx.drill('payerClass', String(row[0])),
  };
});

const denialReasons = group(['top-denial-reasons'], ['Top denial reasons'], async (ctx): Promise<Section> => {
  const reasons = await topDenialReasons(ctx.conn, toMetricFilter(ctx.filters), { limit: 10 });
  return {
    id: 'top-denial-reasons',
    title: 'Top denial reasons',
    intro: 'New denials posted in the period, by reason: claims, adjustments and dollars denied. Reversals of earlier denials are shown apart below, never netted in.',
    ...chartVariants(ctx, 'denial-reasons', (width) => barChart({ width, id: 'denial-reasons', title: 'Newly denied dollars by reason (CARC)', rows: reasons.map((r) => ({ reason: `${r.carc_code} ${r.description}`, denial_usd: r.denial_usd })), category: 'reason', value: 'denial_usd' })),
    table: { columns: ['carc_code', 'description', 'claims_n', 'adjustments_n', 'denial_usd'], rows: reasons.map((r) => [r.carc_code, r.description, r.claims_n, r.adjustments_n, r.denial_usd]) },
  };
});

const denialsByPayer = group(['denial-reasons-by-payer'], ['Denial reasons by payer'], async (ctx): Promise<Section> => {
  const byPayer = await topDenialReasons(ctx.conn, toMetricFilter(ctx.filters), { byPayer: true, limit: 25 });
  return {
    id: 'denial-reasons-by-payer',
    title: 'Denial reasons by payer',
    table: { columns: ['payer', 'carc_code', 'description', 'claims_n', 'denial_usd'], rows: byPayer.map((r) => [r.payer_name ?? r.payer_id, r.carc_code, r.description, r.claims_n, r.denial_usd]) },
  };
});

const daysInAr = group(['days-in-ar'], ['Days in A/R and lags by month'], async (ctx): Promise<Section> => {
  const trend = await seriesTable(ctx, ['days_in_ar', 'ar_over_90_pct', 'charge_lag_days', 'days_to_payment']);
  return {
    id: 'days-in-ar',
    title: 'Days in A/R and lags by month',
    ...chartVariants(ctx, 'dar-trend', (width) => trendLine({ width, id: 'dar-trend', title: 'Days in A/R at each month end', rows: asObjects(trend), y: 'days_in_ar', label: 'Days in A/R', comparison: { column: 'days_to_payment', label: 'Days to payment (median)' }, target: chartTarget(getMetric('days_in_ar')) })),
    table: trend,
  };
});

const denialReversals = group(['denial-reversals'], ['Reversals of earlier denials'], async (ctx): Promise<Section> => {
  const reversals = await topDenialReasons(ctx.conn, toMetricFilter(ctx.filters), { kind: 'reversals', limit: 25 });
  return {
    id: 'denial-reversals',
    title: 'Reversals of earlier denials',
    intro: 'Denials overturned in the period (a denial adjustment reversed), by reason: their own figure, not netted into the reasons above.',
    table: { columns: ['carc_code', 'description', 'claims_n', 'reversal_adjustments_n', 'reversal_usd'], rows: reversals.map((r) => [r.carc_code, r.description, r.claims_n, r.adjustments_n, r.denial_usd]) },
  };
});

/** The monthly A/R roll-forward that ties A/R and credit balances to the ledger (13 months). */
const rollForward = group(['ar-roll-forward'], ['A/R roll-forward and credit balances by month'], async (ctx): Promise<Section> => {
  const rows = await arRollForward(ctx.conn, arFilter(ctx));
  return {
    id: 'ar-roll-forward',
    title: 'A/R roll-forward and credit balances by month',
    intro:
      'A/R at the start of each month, plus charges, less payments and adjustments, plus refunds, equals A/R at the end less the ' +
      'change in credit balances (claims paid beyond their charges, owed back and kept out of A/R), to the cent. Flows are in the ' +
      'group of the claim; transfers between payers move no balance.',
    table: { columns: [...AR_ROLL_FORWARD_COLUMNS], rows: rows.map((r) => AR_ROLL_FORWARD_COLUMNS.map((c) => r[c])) },
  };
});

/** What the payers' own 835 remittances say (dashboards/remittance): one group, since its sections share their queries. */
const remittances = group(REMITTANCE_SECTION_IDS, REMITTANCE_SECTION_TITLES, remittanceSections);

export const COLLECTIONS_SECTIONS: readonly SectionGroup[] = [aging, agingByClass, daysInAr, rollForward, denialRates, denialReasons, denialsByPayer, denialReversals, remittances];
