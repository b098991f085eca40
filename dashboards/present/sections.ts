/**
 * A page section as presented: its table with every cell as text and headed by label, the
 * link-only `_key` columns left out, and for a board-facing audience the cell-size rule applied
 * (dashboards/privacy/suppress.ts, with complementary suppression) and a chart over a table that
 * lost a cell withheld (its marks and tooltips would still show the value). Cells of a monthly
 * table in a month the metric's source has no data for are a dash, with a note saying so. A
 * section whose query failed is presented as its notice alone (`failed`), with an empty table.
 */
import { alignOf } from '../charts/format.ts';
import type { ResultTable } from '../export/columns.ts';
import type { SourceFreshness } from '../freshness.ts';
import type { Section } from '../pages/model.ts';
import { isSuppressed, suppressTable, type Cell } from '../privacy/suppress.ts';
import { metricSource, monthUncovered } from './coverage.ts';
import type { Audience, PresentedSection } from './model.ts';
import { cellText, columnHeadings, isNumericColumn, isShownColumn } from './numbers.ts';
import { metricOfColumn, unitOf } from './units.ts';

export const CHART_WITHHELD = 'Chart not shown: it would show values suppressed under the cell-size rule. The table gives the rest.';
export const NO_DATA_NOTE = '\u2014: no data loaded for that month, or no meaningful value.';

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

/** The pack and the board have no drill-down: chart links are unwrapped, their marks kept. */
export const unlink = (svg: string): string => svg.replace(/<a\b[^>]*>/g, '').replace(/<\/a>/g, '');

/** Monthly metric cells in a month their source has no data for become null. */
function blankUncovered(s: Section, freshness: readonly SourceFreshness[]): { columns: readonly string[]; rows: unknown[][]; sums?: ResultTable['sums'] } {
  const month = s.table.columns.indexOf('month');
  const rows = s.table.rows.map((r) => [...r] as unknown[]);
  const sums = s.table.sums ? { sums: s.table.sums } : {};
  if (month < 0 || freshness.length === 0) return { columns: s.table.columns, rows, ...sums };
  s.table.columns.forEach((c, i) => {
    const m = metricOfColumn(c);
    const f = m && freshness.find((x) => x.source === metricSource(m));
    if (!f?.lastDate) return;
    for (const r of rows) if (typeof r[month] === 'string' && monthUncovered(f, r[month] as string)) r[i] = null;
  });
  return { columns: s.table.columns, rows, ...sums };
}

/** Whether any numeric cell holds a value other than zero (a suppressed cell holds one). */
function hasData(columns: readonly string[], rows: readonly (readonly Cell[])[]): boolean {
  const numeric = columns.map(isNumericColumn);
  return rows.some((r) => r.some((v, i) => numeric[i] && v !== null && v !== undefined && (isSuppressed(v) || Number(v) !== 0)));
}

export function presentSection(s: Section, opts: { audience: Audience; freshness: readonly SourceFreshness[]; links: boolean }): PresentedSection {
  if (s.failed !== undefined) return { id: s.id, title: s.title, failed: s.failed, table: { columns: [], rows: [], rowKeys: [] }, suppressedCells: 0 };
  const board = opts.audience !== 'manager';
  const table = blankUncovered(s, opts.freshness);
  const result = board ? suppressTable(table) : { columns: table.columns, rows: table.rows as Cell[][], suppressed: [] };
  const shown = table.columns.map((c, i) => [c, i] as const).filter(([c]) => isShownColumn(c));
  const withheld = result.suppressed.length > 0 && s.svg !== undefined;
  const rows = result.rows.map((r) => shown.map(([, i]) => r[i] ?? null));
  const columns = shown.map(([c]) => c);
  const text = rows.map((r) => r.map((v, i) => cellText(columns[i]!, v)));
  const dash = text.some((r) => r.includes('\u2014'));
  const svg = s.svg && !withheld ? (opts.links ? s.svg : unlink(s.svg)) : undefined;
  const narrowSvg = svg && s.narrowSvg ? (opts.links ? s.narrowSvg : unlink(s.narrowSvg)) : undefined;
  const empty = !hasData(columns, rows);
  return {
    id: s.id,
    title: s.title,
    ...(s.intro ? { intro: s.intro } : {}),
    ...(svg ? { svg } : {}),
    ...(narrowSvg ? { narrowSvg } : {}),
    ...(withheld ? { chartNote: CHART_WITHHELD } : {}),
    ...(empty ? { empty: true } : {}),
    table: {
      columns,
      headings: columnHeadings(columns),
      align: columns.map(alignOf),
      rows,
      text,
      rowKeys: rowKeys(s.table.columns, s.table.rows),
      ...(opts.links && s.rowHref ? { links: s.table.rows.map((r) => s.rowHref!(r) ?? null) } : {}),
    },
    suppressedCells: result.suppressed.length,
    ...(dash ? { note: NO_DATA_NOTE } : {}),
  };
}
