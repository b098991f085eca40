/**
 * A chart that cannot be drawn shows a note in its place and is reported; it never throws to
 * the page (whose other sections, table and data download stay).
 */
import { describe, expect, it } from 'vitest';
import { barChart } from '../../dashboards/charts/barChart.ts';
import { CHART_FAILED, drawSafely } from '../../dashboards/charts/safe.ts';
import { chart, type PageContext } from '../../dashboards/pages/model.ts';
import { xmlProblems } from './wellFormed.ts';

const repeated = () =>
  barChart({ id: 'mix-location', title: 'Gross charges by location', rows: [{ location: 'Main', charges_usd: '1.00' }, { location: 'Main', charges_usd: '2.00' }], category: 'location', value: 'charges_usd' });

describe('drawSafely', () => {
  it('returns the chart when it draws', () => {
    const reported: string[] = [];
    const svg = drawSafely({ id: 'ok', title: 'OK' }, () => '<svg/>', (id) => reported.push(id));
    expect(svg).toBe('<svg/>');
    expect(reported).toEqual([]);
  });

  it('returns a well-formed note and reports the chart id and error when drawing throws', () => {
    const reported: [string, unknown][] = [];
    const svg = drawSafely({ id: 'mix-location', title: 'Gross charges by location' }, repeated, (id, err) => reported.push([id, err]));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain(CHART_FAILED);
    expect(reported).toHaveLength(1);
    expect(reported[0]![0]).toBe('mix-location');
    expect(String(reported[0]![1])).toContain('repeated values');
  });

  it("goes through the page context's reporter in pages", () => {
    const seen: string[] = [];
    const ctx = { onChartError: (id: string) => seen.push(id) } as unknown as PageContext;
    expect(chart(ctx, 'mix-location', repeated)).toContain(CHART_FAILED);
    expect(seen).toEqual(['mix-location']);
  });
});
