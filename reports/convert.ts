/**
 * A dashboard page (dashboards/pages PageModel) as a pack page: plain JSON, every number with
 * the text it is shown as, and the cell-size rule applied to every tile and table. A chart
 * over a table that lost a cell is withheld (its marks and tooltips would still show the
 * value); a tile's sparkline is redrawn with the small months left out.
 */
import { formatValue, unitOf } from '../dashboards/charts/format.ts';
import { sparkline } from '../dashboards/charts/sparkline.ts';
import type { MetricValue, SeriesPoint } from '../dashboards/metrics/index.ts';
import type { PageModel, Section, Tile } from '../dashboards/pages/index.ts';
import type { PackComparison, PackNumber, PackPage, PackSection, PackTile } from './model.ts';
import { isSmallMetric } from '../dashboards/privacy/rules.ts';
import { SUPPRESSED_TEXT, suppressTable } from '../dashboards/privacy/suppress.ts';

const COMPARISONS: readonly { key: PackComparison['key']; label: string }[] = [
  { key: 'prior', label: 'Prior month' },
  { key: 'yoy', label: 'Same month last year' },
  { key: 'budget', label: 'Budget' },
];

export const CHART_WITHHELD = 'Chart not shown: it would show values suppressed under the cell-size rule. The table gives the rest.';

/** A metric value as presented in a tile (the dashboard's own formatting). */
export function packNumber(column: string, v: MetricValue | null, suppress: boolean): PackNumber {
  if (suppress) return { value: null, text: SUPPRESSED_TEXT, suppressed: true };
  const shown = v === null ? null : unitOf(column) === 'usd' ? (v.exact ?? v.value) : v.value;
  return { value: v?.value ?? null, ...(v?.exact ? { exact: v.exact } : {}), text: formatValue(column, shown), ...(v?.note ? { note: v.note } : {}) };
}

function targetText(t: Tile): string {
  const { good } = t.metric.target;
  return good === undefined ? 'No target' : `${t.metric.goodDirection === 'down' ? '≤' : '≥'} ${formatValue(t.column, good)}`;
}

/**
 * `series` is the tile's 13-month series when its metric counts patients; a month with a
 * small count is left out of the sparkline redrawn from it.
 */
export function packTile(t: Tile, series?: readonly SeriesPoint[]): { tile: PackTile; suppressed: number } {
  const id = t.metric.id;
  const small = isSmallMetric(id, t.value);
  let suppressed = small ? 1 : 0;
  const comparisons = COMPARISONS.map(({ key, label }, i) => {
    const v = t.comparisons[i]?.value ?? null;
    // The budget is a plan, not a count of patients.
    const hide = key !== 'budget' && isSmallMetric(id, v);
    if (hide) suppressed += 1;
    return { key, label, value: packNumber(t.column, v, hide) };
  });
  let spark: string | null = t.sparkline;
  if (series?.some((p) => isSmallMetric(id, p))) {
    const rows = series.map((p) => ({ month: p.month, [t.column]: isSmallMetric(id, p) ? null : p.value }));
    spark = rows.some((r) => r[t.column] !== null) ? sparkline({ id: `pack-spark-${id.replaceAll('_', '-')}`, title: `${t.metric.label}, last 13 months`, rows, y: t.column }) : null;
  }
  const target = t.metric.target;
  return {
    suppressed,
    tile: {
      metricId: id,
      label: t.metric.label,
      unit: t.metric.unit,
      column: t.column,
      value: packNumber(t.column, t.value, small),
      comparisons,
      target: { text: targetText(t), ...(target.good !== undefined ? { good: target.good } : {}), ...(target.warn !== undefined ? { warn: target.warn } : {}), direction: t.metric.goodDirection },
      status: small ? null : t.status,
      sparkline: spark,
    },
  };
}

/** Row identities from the text cells (labels, keys, months), made unique. */
function rowKeys(columns: readonly string[], rows: readonly (readonly unknown[])[]): string[] {
  const text = columns.map((c, i) => [c, i] as const).filter(([c]) => unitOf(c) === 'text');
  const seen = new Map<string, number>();
  return rows.map((r, n) => {
    const base = text.length ? text.map(([, i]) => String(r[i] ?? '')).join(' | ') : `row ${n + 1}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base} #${k}`;
  });
}

/** The pack has no drill-down: chart links (empty here) are unwrapped, their marks kept. */
export const unlink = (svg: string): string => svg.replace(/<a\b[^>]*>/g, '').replace(/<\/a>/g, '');

export function packSection(s: Section): PackSection {
  const result = suppressTable(s.table);
  const shown = s.table.columns.map((c, i) => [c, i] as const).filter(([c]) => !c.endsWith('_key'));
  const withheld = result.suppressed.length > 0 && s.svg !== undefined;
  return {
    id: s.id,
    title: s.title,
    ...(s.intro ? { intro: s.intro } : {}),
    ...(s.svg && !withheld ? { svg: unlink(s.svg) } : {}),
    ...(withheld ? { chartNote: CHART_WITHHELD } : {}),
    table: {
      columns: shown.map(([c]) => c),
      rows: result.rows.map((r) => shown.map(([, i]) => r[i] ?? null)),
      rowKeys: rowKeys(s.table.columns, s.table.rows),
    },
    suppressedCells: result.suppressed.length,
  };
}

export function packPage(page: PageModel, series: ReadonlyMap<string, readonly SeriesPoint[]>): { page: PackPage; tiles: number; cells: number } {
  const tiles = page.tiles.map((t) => packTile(t, series.get(t.metric.id)));
  const sections = page.sections.map(packSection);
  return {
    page: { id: page.id, title: page.title, subtitle: page.subtitle, tiles: tiles.map((t) => t.tile), sections },
    tiles: tiles.reduce((n, t) => n + t.suppressed, 0),
    cells: sections.reduce((n, s) => n + s.suppressedCells, 0),
  };
}
