/**
 * presentPage on hand-made pages: every number as text by its unit, a rate that cannot be
 * (-383%, 1,118%) flagged and shown as a dash, a status only where the measure is meaningful,
 * no data shown as a dash with a note (never zero), FTE and hours formatted, and the cell-size
 * rule applied to tiles and tables for the board and the email, not for a manager.
 */
import { describe, expect, it } from 'vitest';
import { getMetric, targetStatus, type MetricValue } from '../../dashboards/metrics/index.ts';
import type { PageModel, Tile } from '../../dashboards/pages/model.ts';
import { presentPage } from '../../dashboards/present/index.ts';
import type { SourceFreshness } from '../../dashboards/freshness.ts';

const BILLING: SourceFreshness = { source: 'billing', firstDate: '2026-08-01', lastDate: '2026-10-31', lastLoadedAt: '2026-11-01 06:00', stale: false, ageDays: 15 };

function tile(id: string, value: MetricValue, prior: MetricValue | null = null): Tile {
  const metric = getMetric(id);
  const column = id === 'days_in_ar' ? 'days_in_ar' : id === 'visits' ? 'visits_n' : `${id}_${metric.unit}`;
  return { metric, column, value, comparisons: [{ label: 'Prior period', value: prior }, { label: 'Same period last year', value: null }, { label: 'Budget', value: null }], status: targetStatus(metric, value.value), sparkline: '<svg></svg>', href: '/x' };
}

const page = (tiles: Tile[], sections: PageModel['sections'] = [], period = { from: '2026-10-01', to: '2026-10-31' }): PageModel => ({
  id: 'overview',
  title: 'Overview',
  subtitle: '',
  tiles,
  sections,
  freshness: [BILLING],
  period,
});

describe('presentPage', () => {
  it('flags a rate that cannot be, and gives it no status', () => {
    const p = presentPage(page([tile('net_collection_rate', { value: -3.83, numerator: 383, denominator: -100 }), tile('net_collection_rate_3m', { value: 11.18, numerator: 1118, denominator: 100 }), tile('net_collection_rate_12m', { value: 0.962, numerator: 962, denominator: 1000 })]), 'manager');
    expect(p.tiles.map((t) => t.value.text)).toEqual(['\u2014', '\u2014', '96.2%']);
    expect(p.tiles[0]!.value).toMatchObject({ flagged: true, note: 'not meaningful: its base is below zero' });
    expect(p.tiles[1]!.value.flagged).toBe(true);
    expect(p.tiles.map((t) => t.status)).toEqual([null, null, 'good']);
    expect(p.tiles[2]!.statusText).toBe('On target');
  });

  it('gives days in A/R of 0.0 from a zero balance no "On target"', () => {
    const t = tile('days_in_ar', { value: 0, numerator: 0, denominator: 1500 });
    expect(t.status).toBe('good');
    const p = presentPage(page([t]), 'manager');
    expect(p.tiles[0]!.value.text).toBe('0.0');
    expect(p.tiles[0]!.status).toBeNull();
    expect(p.tiles[0]!.statusText).toBe('');
    expect(presentPage(page([tile('days_in_ar', { value: 34.25, numerator: 51375, denominator: 1500 })]), 'manager').tiles[0]!.status).toBe('warn');
  });

  it('shows no data as a dash with a note, never as zero', () => {
    const p = presentPage(page([tile('gross_charges', { value: 0, exact: '0.00' })], [], { from: '2026-11-01', to: '2026-11-30' }), 'manager');
    expect(p.tiles[0]!.value).toMatchObject({ text: '\u2014', note: 'no billing data for this period' });
    expect(p.tiles[0]!.status).toBeNull();
    const trend = presentPage(
      page([], [{ id: 'trend', title: 'Trend', table: { columns: ['month', 'gross_charges_usd'], rows: [['2026-07-01', '0.00'], ['2026-08-01', '1234.50']] } }]),
      'manager',
    ).sections[0]!;
    expect(trend.table.text).toEqual([['Jul 2026', '\u2014'], ['Aug 2026', '$1,234.50']]);
    expect(trend.note).toContain('no data loaded for that month');
  });

  it('formats FTE and hours, heading each column in words', () => {
    const s = presentPage(page([], [{ id: 'fte', title: 'FTE', table: { columns: ['job_class', 'fte', 'regular_hours', 'overtime_pct'], rows: [['clinical', 10.594153225806451, 1834.25, 0.0412]] } }]), 'manager').sections[0]!;
    expect(s.table.text).toEqual([['Clinical', '10.59', '1,834.3', '4.1%']]);
    expect(s.table.headings).toEqual(['Job class', 'FTE', 'Regular hours', 'Overtime']);
    expect(s.table.align).toEqual(['left', 'right', 'right', 'right']);
  });

  it('applies the cell-size rule for the board and the email, not for a manager', () => {
    const tiles = [tile('visits', { value: 5 }, { value: 40 }), tile('no_show_rate', { value: 0.375, numerator: 3, denominator: 8 })];
    const sections: PageModel['sections'] = [
      { id: 'claims', title: 'Claims', svg: '<svg><a href="/x"><rect/></a></svg>', narrowSvg: '<svg><a href="/x"><circle/></a></svg>', table: { columns: ['payer', 'payer_key', 'claims_n'], rows: [['A', 'a', 4], ['B', 'b', 40], ['C', 'c', 55]] } },
    ];
    for (const audience of ['board', 'email'] as const) {
      const p = presentPage(page(tiles, sections), audience);
      expect(p.tiles.map((t) => t.value.text)).toEqual(['suppressed', 'suppressed']);
      expect(p.tiles[0]!.comparisons[0]!.value.text).toBe('40');
      const s = p.sections[0]!;
      expect(s.table.columns).toEqual(['payer', 'claims_n']);
      expect(s.table.text).toEqual([['A', 'suppressed'], ['B', 'suppressed'], ['C', '55']]);
      expect(s.svg).toBeUndefined();
      // The phone variant draws the same values: withheld with it.
      expect(s.narrowSvg).toBeUndefined();
      expect(s.chartNote).toContain('cell-size rule');
      expect(p.suppression).toEqual({ tiles: 2, cells: 2 });
    }
    const m = presentPage(page(tiles, sections), 'manager');
    expect(m.tiles.map((t) => t.value.text)).toEqual(['5', '37.5%']);
    expect(m.sections[0]!.table.text).toEqual([['A', '4'], ['B', '40'], ['C', '55']]);
    expect(m.sections[0]!.svg).toContain('<a href="/x">');
    expect(m.sections[0]!.narrowSvg).toBe('<svg><a href="/x"><circle/></a></svg>');
    // Without links (a document), both variants lose theirs.
    const shown = presentPage(page(tiles, sections), 'manager', { links: false }).sections[0]!;
    expect([shown.svg, shown.narrowSvg]).toEqual(['<svg><rect/></svg>', '<svg><circle/></svg>']);
    // A document has no links; the email's tiles carry none.
    expect(presentPage(page(tiles, sections), 'board', { links: false }).sections[0]!.table.links).toBeUndefined();
    expect(presentPage(page(tiles, sections), 'email').tiles[0]!.href).toBeUndefined();
  });
});
