/**
 * The key charts of an area page, drawn again for half the page's width: the same builder and
 * the same rows (the section's presented table, as stored with the pack) as the dashboard's
 * chart, titled with the section's title (the chart is the section on this page), laid out at the size the page has left, so that two charts sit side by
 * side with their text at a readable size instead of a full-width chart scaled down until a
 * "7.1%" reads as "7l%". A chart that was withheld (suppression) has no SVG and is never drawn
 * again; a section this module does not know keeps its stored SVG (the caller scales it).
 */
import { barChart } from '../../dashboards/charts/barChart.ts';
import { trendLine } from '../../dashboards/charts/trendLine.ts';
import { getMetric } from '../../dashboards/metrics/index.ts';
import { chartTarget } from '../../dashboards/present/wording.ts';
import type { PackSection } from '../model.ts';

type Rows = Record<string, unknown>[];
interface Size {
  readonly width: number;
  readonly height: number;
}

/** How each key chart is drawn: as on the dashboard (dashboards/pages/*.ts; keep the two alike). */
const BUILDERS: Readonly<Record<string, (rows: Rows, title: string, size: Size) => string>> = {
  'charges-and-payments': (rows, title, size) => trendLine({ ...size, id: 'area-fin-trend', title, rows, y: 'gross_charges_usd', label: 'Gross charges', comparison: { column: 'net_payments_usd', label: 'Payments' } }),
  'collection-rates': (rows, title, size) => trendLine({ ...size, id: 'area-fin-ncr', title, rows, y: 'net_collection_rate_pct', label: 'Net collection rate', comparison: { column: 'net_collection_rate_3m_pct', label: 'Trailing 3 months' }, target: chartTarget(getMetric('net_collection_rate')) }),
  'days-in-ar': (rows, title, size) => trendLine({ ...size, id: 'area-dar-trend', title, rows, y: 'days_in_ar', label: 'Days in A/R', comparison: { column: 'days_to_payment', label: 'Days to payment (median)' }, target: chartTarget(getMetric('days_in_ar')) }),
  'ar-aging': (rows, title, size) => barChart({ ...size, id: 'area-ar-aging', title, rows, category: 'age_bucket', value: 'ar_usd', valueLabel: 'A/R', sort: 'given', orientation: 'vertical' }),
  'payroll-cost': (rows, title, size) => trendLine({ ...size, id: 'area-payroll-trend', title, rows, y: 'payroll_cost_usd', label: 'Payroll cost' }),
  access: (rows, title, size) => trendLine({ ...size, id: 'area-access-trend', title, rows, y: 'no_show_rate_pct', label: 'No-show rate', comparison: { column: 'late_cancel_rate_pct', label: 'Late-cancellation rate' }, target: chartTarget(getMetric('no_show_rate')) }),
};

/** Whether `compactChart` draws this section again at another size. */
export const canRedraw = (s: PackSection): boolean => s.svg !== undefined && BUILDERS[s.id] !== undefined;

/** The section's chart drawn at `size` (px), or its stored SVG when it cannot be drawn again. */
export function compactChart(s: PackSection, size: Size): string | undefined {
  if (!s.svg || !canRedraw(s)) return s.svg;
  const rows = s.table.rows.map((r) => Object.fromEntries(s.table.columns.map((c, i) => [c, r[i]])));
  return BUILDERS[s.id]!(rows, s.title, size);
}
