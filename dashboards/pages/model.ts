/**
 * The model of a dashboard page: headline tiles and sections, each section a chart (SVG from
 * dashboards/charts) over a table of its data. The same table is what the page shows under the
 * chart and what the data API serves as CSV, Arrow or JSON, so a download is exactly what was
 * drawn. Pages are built from the metric catalog only.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { describeError } from '../../core/errors.ts';
import { drawSafely, type ChartErrorReporter } from '../charts/safe.ts';
import { NARROW_CHART_WIDTH, narrowVariant } from '../charts/variants.ts';
import type { ResultTable } from '../export/index.ts';
import type { Filters } from '../filters/index.ts';
import type { SourceFreshness } from '../freshness.ts';
import type { InputMemo, Metric, MetricValue, SeriesPoint } from '../metrics/index.ts';
import { metricColumn } from '../present/units.ts';

export type PageId = 'overview' | 'financial' | 'collections' | 'staffing';

export interface PageContext {
  readonly conn: DuckDBConnection;
  readonly filters: Filters;
  /** Today, from the injected clock (ISO date). */
  readonly today: string;
  /** Canonical query string of the filters, for links. */
  readonly query: string;
  /** A link to this page with one filter changed (drill-down). */
  readonly drill: (key: 'location' | 'provider' | 'payerClass', value: string) => string;
  /** Board-facing view: counts of patients or appointments from 1 to 10 (and rates over them) are suppressed. */
  readonly suppressSmall?: boolean;
  /** The viewer may see one person's pay (admin): payroll groups are not merged below the minimum size. */
  readonly payByPerson?: boolean;
  /** Where a chart that could not be drawn is reported (the server logs it); default: stderr, described by describeError. */
  readonly onChartError?: ChartErrorReporter;
  /** Draw the charts (default true). A data download draws nothing. */
  readonly draw?: boolean;
  /** Where a section group whose query failed is reported (the server logs it); default: stderr, described by describeError. */
  readonly onSectionError?: SectionErrorReporter;
  /**
   * The width the section charts are laid out at, in px (default CHART_WIDTH, the board pack's
   * A4/Letter column). The web page asks for its column's width and lets the SVG scale down.
   */
  readonly chartWidth?: number;
  /** Draw each section chart's phone variant too (default true); bench/phoneCharts.ts turns it off to measure its cost. */
  readonly phoneCharts?: boolean;
  /**
   * Metric input rows read so far in this page's snapshot, reused by its tiles, trend charts and
   * plan versus actual (dashboards/metrics/compute.ts); buildPage gives each page its own
   * unless the caller passes one for pages read in one snapshot (the board pack's four).
   */
  readonly inputs?: InputMemo;
}

/** The width charts are laid out at when the page does not say: the pack's printed column. */
export const CHART_WIDTH = 640;


/** Where a section group's failure goes: the ids of its sections and the error (never shown to the user). */
export type SectionErrorReporter = (sectionIds: readonly string[], error: unknown) => void;

export interface Comparison {
  readonly label: string;
  readonly value: MetricValue | null;
  /** The comparison chosen in the filter bar ("Compare with"); the others are shown beside it. */
  readonly selected?: boolean;
}

export interface Tile {
  readonly metric: Metric;
  readonly column: string;
  readonly value: MetricValue;
  readonly comparisons: readonly Comparison[];
  readonly status: 'good' | 'warn' | 'bad' | null;
  readonly sparkline: string;
  readonly href: string;
  /** The 13 monthly values the sparkline draws, so a board view can redraw it without small months. */
  readonly series?: readonly SeriesPoint[];
}

export interface Section {
  /** Slug, unique on the page; names the data download. */
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly svg?: string;
  /** The same chart laid out for a phone (NARROW_CHART_WIDTH); the page shows one of the two by CSS. */
  readonly narrowSvg?: string;
  readonly table: ResultTable;
  /** Per-row drill-down link, for the table's first column. */
  readonly rowHref?: (row: readonly unknown[]) => string | undefined;
  /**
   * Set when the section's query failed: the notice shown in its place (SECTION_FAILED); its
   * table is empty and it has no chart. The rest of the page is built as usual.
   */
  readonly failed?: string;
}

/** What a reader sees in place of a section whose numbers could not be computed. */
export const SECTION_FAILED =
  'This section could not be computed, so none of its numbers are shown. The rest of the page is complete and correct. ' +
  'The error has been logged for the administrator.';

/**
 * Sections built together from the same queries. `ids` lists what `build` may return, so a
 * data download of one section runs its group only.
 */
export interface SectionGroup {
  readonly ids: readonly string[];
  /** Each section's title when its query fails and only the notice can be shown (parallel to ids). */
  readonly titles: readonly string[];
  readonly build: (ctx: PageContext) => Promise<Section[]>;
}

/** A group of sections built together; `titles` name them when their query fails. */
export const group = (ids: readonly string[], titles: readonly string[], build: (ctx: PageContext) => Promise<Section | Section[]>): SectionGroup => ({
  ids,
  titles,
  build: async (ctx) => [await build(ctx)].flat(),
});

/** The notice sections standing in for a group whose query failed: title, notice, an empty table. */
export const failedSections = (g: SectionGroup): Section[] =>
  g.ids.map((id, i) => ({ id, title: g.titles[i] ?? id, failed: SECTION_FAILED, table: { columns: [], rows: [] } }));

export interface PageModel {
  readonly id: PageId;
  readonly title: string;
  readonly subtitle: string;
  readonly tiles: readonly Tile[];
  readonly sections: readonly Section[];
  readonly freshness: readonly SourceFreshness[];
  /** The period the page covers (its filters' from and to). */
  readonly period?: { readonly from: string; readonly to: string };
}

/** A metric's value column, named with its unit once (the unit table): `gross_charges_usd`, `days_in_ar`. */
export const valueColumn = (m: Metric): string => metricColumn(m);

/**
 * A metric value as a table cell: money as its exact decimal text (a money value without one is
 * a defect of the catalog, shown as no value rather than a float), others as numbers.
 */
export function cell(m: Metric, v: MetricValue | null | undefined): string | number | null {
  if (!v || v.value === null) return null;
  if (m.unit === 'usd') return v.exact ?? null;
  return v.value;
}

/** The default section-failure report: one JSON line with the error's class, code and message, never a row. */
export const reportSectionToStderr: SectionErrorReporter = (sectionIds, error) =>
  console.error(JSON.stringify({ msg: 'section could not be computed', sections: sectionIds, err: describeError(error) }));

const reportToStderr: ChartErrorReporter = (chartId, error) =>
  console.error(JSON.stringify({ msg: 'chart could not be drawn', chart: chartId, err: describeError(error) }));

/**
 * A section's chart, drawn at the page's chart width, or, when it cannot be drawn, a note saying so (its table still shows and
 * downloads, the rest of the page is unaffected); the error goes to ctx.onChartError.
 */
export const chart = (ctx: PageContext, id: string, draw: (width: number) => string): string | undefined =>
  ctx.draw === false ? undefined : drawSafely({ id, title: 'Chart not drawn' }, () => draw(ctx.chartWidth ?? CHART_WIDTH), ctx.onChartError ?? reportToStderr);

/**
 * A section's chart in two layouts: `svg` at the page's chart width (web, PDF) and `narrowSvg`
 * at NARROW_CHART_WIDTH for a phone, its element ids renamed so both can sit on one page. The
 * views show one of the two by a CSS media query (no script); the PDF uses `svg` only.
 * Example: `{ id: 'fin-trend', ...chartVariants(ctx, 'fin-trend', (width) => trendLine({ width, ... })) }`.
 */
export function chartVariants(ctx: PageContext, id: string, draw: (width: number) => string): Pick<Section, 'svg' | 'narrowSvg'> {
  const svg = chart(ctx, id, draw);
  if (svg === undefined) return {};
  if (ctx.phoneCharts === false) return { svg };
  const narrow = drawSafely({ id, title: 'Chart not drawn' }, () => narrowVariant(draw(NARROW_CHART_WIDTH), id), ctx.onChartError ?? reportToStderr);
  return { svg, narrowSvg: narrow };
}
