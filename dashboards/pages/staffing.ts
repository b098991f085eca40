/**
 * Staffing efficiency and access: payroll cost, FTE by job class, support staff per provider
 * FTE, support staff cost as % of collections, overtime, visits per provider FTE per clinic day,
 * cost per visit, work RVUs per provider FTE; no-shows, late cancellations and lead time.
 * Payroll is shown only as aggregates by job class.
 */
import { barChart } from '../charts/barChart.ts';
import { trendLine } from '../charts/trendLine.ts';
import { getMetric, payrollByJobClass } from '../metrics/index.ts';
import { chartTarget } from '../present/wording.ts';
import { spanWithheld } from '../privacy/pay-groups.ts';
import { chartVariants, group, type Section, type SectionGroup } from './model.ts';
import { payWithheldMonths } from './payPrivacy.ts';
import { asObjects, seriesTable } from './series.ts';

export const STAFFING_METRICS = [
  'payroll_cost',
  'support_fte_per_provider_fte',
  'support_cost_pct_collections',
  'overtime_pct',
  'visits_per_provider_fte_day',
  'payroll_cost_per_visit',
  'work_rvus_per_provider_fte',
  'visits',
  'no_show_rate',
  'late_cancel_rate',
  'lead_time_days',
  'visit_minutes',
] as const;

const fteByClass = group(['fte-by-job-class'], ['FTE and payroll by job class'], async (ctx): Promise<Section> => {
  const f = ctx.filters;
  const classes = await payrollByJobClass(ctx.conn, { from: f.from, to: f.to, ...(f.location ? { locationId: f.location } : {}) }, ctx.payByPerson ? { minEmployees: 1 } : {});
  // A location paying fewer than 3 people in a month of the period: hours and FTE, not its pay.
  const payShown = !spanWithheld(await payWithheldMonths(ctx, f.from), f.from, f.to);
  // Hours are decimal (a quarter hour is 0.25): `_hours`, not a count.
  const classTable = {
    columns: ['job_class', 'fte', 'payroll_cost_usd', 'regular_hours', 'overtime_hours', 'overtime_pct'],
    rows: classes.map((r) => [r.job_class, r.fte, payShown ? r.payroll_cost_usd : null, r.regular_hours, r.overtime_hours, r.overtime_pct]),
  };
  return {
    id: 'fte-by-job-class',
    title: 'FTE and payroll by job class',
    intro: 'FTE is hours worked over 40 hours a week, capped at 1.0 per employee per pay period, over the days payroll covers. House rule: paid time off is not counted as worked (MGMA counts it).',
    ...chartVariants(ctx, 'fte-by-class', (width) => barChart({ width, id: 'fte-by-class', title: 'FTE by job class', rows: asObjects(classTable), category: 'job_class', value: 'fte' })),
    table: classTable,
  };
});

const payrollCost = group(['payroll-cost'], ['Payroll cost by month'], async (ctx): Promise<Section> => {
  const cost = await seriesTable(ctx, ['payroll_cost', 'payroll_cost_per_visit']);
  return {
    id: 'payroll-cost',
    title: 'Payroll cost by month',
    ...chartVariants(ctx, 'payroll-trend', (width) => trendLine({ width, id: 'payroll-trend', title: 'Payroll cost by month (by pay period end)', rows: asObjects(cost), y: 'payroll_cost_usd', label: 'Payroll cost' })),
    table: cost,
  };
});

const access = group(['access'], ['No-shows and late cancellations by month'], async (ctx): Promise<Section> => {
  const table = await seriesTable(ctx, ['no_show_rate', 'late_cancel_rate', 'lead_time_days', 'visits']);
  return {
    id: 'access',
    title: 'No-shows and late cancellations by month',
    intro: 'Rates over fulfilled visits, no-shows and late cancellations (less than 24 hours before the start) of appointments scheduled in the month.',
    ...chartVariants(ctx, 'access-trend', (width) => trendLine({ width, id: 'access-trend', title: 'No-show and late-cancellation rates by month', rows: asObjects(table), y: 'no_show_rate_pct', label: 'No-show rate', comparison: { column: 'late_cancel_rate_pct', label: 'Late-cancellation rate' }, target: chartTarget(getMetric('no_show_rate')) })),
    table,
  };
});

export const STAFFING_SECTIONS: readonly SectionGroup[] = [fteByClass, payrollCost, access];
