/**
 * A dashboard page model turned into email content: tiles become headline rows formatted as
 * the page formats them, sections with a chart become inline charts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getMetric } from '../../dashboards/metrics/index.ts';
import { valueColumn, type PageModel, type Tile } from '../../dashboards/pages/model.ts';
import { reportFromPage } from '../../server/mail/fromPage.ts';

const SVG = readFileSync(new URL('../golden/bar-chart-ar-aging.svg', import.meta.url), 'utf8');

function tile(id: string, value: Tile['value'], prior: Tile['value'] | null, status: Tile['status']): Tile {
  const metric = getMetric(id);
  return { metric, column: valueColumn(metric), value, comparisons: [{ label: 'Prior period', value: prior }, { label: 'Budget', value: null }], status, sparkline: '<svg/>', href: `/metrics#${id}` };
}

const page: PageModel = {
  id: 'collections',
  title: 'Collections',
  subtitle: 'A/R, aging and denials.',
  tiles: [
    tile('ar_total', { value: 123456.5, exact: '123456.50' }, { value: 120000, exact: '120000.00' }, null),
    tile('days_in_ar', { value: 34.25 }, { value: 36 }, 'warn'),
  ],
  sections: [
    { id: 'aging', title: 'A/R by age', svg: SVG, table: { columns: ['bucket', 'ar_usd'], rows: [] } },
    { id: 'denials', title: 'Top denial reasons', table: { columns: ['carc_code', 'denials_n'], rows: [] } },
  ],
  freshness: [],
};

describe('reportFromPage', () => {
  it('formats each tile as the page does, with its prior period and target', () => {
    const r = reportFromPage(page, { title: 'Collections as of 2026-11-16' });
    expect(r.headlines).toEqual({
      title: 'Collections as of 2026-11-16',
      subtitle: 'A/R, aging and denials.',
      priorLabel: 'Prior period',
      rows: [
        { label: 'A/R', value: '$123,456.50', prior: '$120,000.00', target: null, status: null },
        { label: 'Days in A/R', value: '34.3', prior: '36.0', target: '\u2264 30.0', status: 'warn' },
      ],
    });
    expect(r.charts).toEqual([{ id: 'aging', title: 'A/R by age', svg: SVG }]);
  });
});
