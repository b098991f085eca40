/**
 * Overview: the board summary. The headline tiles of PRODUCT.md (charges, collections, net
 * collection rate, days in A/R, % A/R over 90 days, denial rate, visits, no-show rate, support
 * staff cost as % of collections), each against prior period, last year, budget and target.
 */
import { trendLine } from '../charts/trendLine.ts';
import { chartVariants, group, type PageContext, type Section, type SectionGroup } from './model.ts';
import { asObjects, seriesTable } from './series.ts';

export const OVERVIEW_METRICS = [
  'gross_charges',
  'net_payments',
  'net_collection_rate',
  'days_in_ar',
  'ar_over_90_pct',
  'denial_rate',
  'visits',
  'no_show_rate',
  'support_cost_pct_collections',
] as const;

/** Which page explains each headline. */
const HOME: Record<string, string> = {
  gross_charges: 'financial',
  net_payments: 'financial',
  net_collection_rate: 'financial',
  days_in_ar: 'collections',
  ar_over_90_pct: 'collections',
  denial_rate: 'collections',
  visits: 'staffing',
  no_show_rate: 'staffing',
  support_cost_pct_collections: 'staffing',
};

/** The page that explains a headline. */
export const overviewTileHref = (ctx: PageContext, id: string): string => `/${HOME[id]}?${ctx.query}`;

const trend = group(['charges-and-collections'], ['Charges and collections, 13 months'], async (ctx): Promise<Section> => {
  const table = await seriesTable(ctx, ['gross_charges', 'net_payments']);
  return {
    id: 'charges-and-collections',
    title: 'Charges and collections, 13 months',
    ...chartVariants(ctx, 'overview-trend', (width) => trendLine({ width, id: 'overview-trend', title: 'Gross charges and collections by month', rows: asObjects(table), y: 'gross_charges_usd', label: 'Gross charges', comparison: { column: 'net_payments_usd', label: 'Collections' } })),
    table,
  };
});

export const OVERVIEW_SECTIONS: readonly SectionGroup[] = [trend];
