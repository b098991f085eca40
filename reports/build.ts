/**
 * buildPackModel: the month-end board pack of one month as a PackModel. Every number comes
 * from the metric catalog through the dashboards' own buildPage (period = the month, compared
 * with the prior month), so the pack and the dashboards never disagree; the cell-size rule is
 * applied to every tile and table; the completeness notes, the metric definitions and the
 * restatements of earlier approved packs are added. Deterministic for a given warehouse and
 * clock.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../core/errors.ts';
import { formatValue } from '../dashboards/charts/format.ts';
import { filtersToQuery, parseFilters, toMetricFilter, type Filters } from '../dashboards/filters/index.ts';
import { METRICS, metricSeries, type Metric, type SeriesPoint } from '../dashboards/metrics/index.ts';
import { buildPage, type PageContext, type PageId } from '../dashboards/pages/index.ts';
import { valueColumn } from '../dashboards/pages/model.ts';
import { completenessNotes } from './completeness.ts';
import { packPage } from './convert.ts';
import { PACK_MODEL_VERSION, PACK_SECTIONS, type Definition, type PackModel, type PackPage, type Restatement } from './model.ts';
import { COUNTED_METRIC_PARTS, SUPPRESSION_RULE } from '../dashboards/privacy/rules.ts';
import { earlierRestatements } from './store/restatements.ts';
import { monthLabel } from './text.ts';

export interface PackOptions {
  /** The pack's month, 'YYYY-MM'. */
  readonly month: string;
  /** Today (ISO date) from the injected clock; the month may not be after it. */
  readonly today: string;
  readonly practiceName: string;
  /** When the pack is built (injected clock); default midnight of `today`, UTC. */
  readonly now?: Date;
  /**
   * 'detect' (default): compare earlier approved packs with the data again where a load
   * happened since, record and carry their restatements; 'none': leave them out.
   */
  readonly restatements?: 'detect' | 'none';
}

const DIRECTION = { up: 'higher is better', down: 'lower is better', neutral: 'neither direction is better' } as const;

function definition(m: Metric): Definition {
  const col = valueColumn(m);
  const cmp = m.goodDirection === 'down' ? '≤' : '≥';
  const target = [m.target.good !== undefined ? `good ${cmp} ${formatValue(col, m.target.good)}` : '', m.target.warn !== undefined ? `watch ${cmp} ${formatValue(col, m.target.warn)}` : ''].filter(Boolean).join('; ');
  return { id: m.id, label: m.label, group: m.group, unit: m.unit, definition: m.definition, formula: m.formula, standard: m.standard, target: target || 'none', direction: DIRECTION[m.goodDirection] };
}

/** The month as dashboard filters, validated by the dashboards' own parser. */
export function monthFilters(month: string, today: string): Filters {
  const parsed = parseFilters({ period: 'month', month, compare: 'prior' }, { today });
  if (!parsed.ok) throw new PracticeBoardError('REPORT_MONTH_INVALID', `board pack month: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

export async function buildPackModel(conn: DuckDBConnection, opts: PackOptions): Promise<PackModel> {
  const filters = monthFilters(opts.month, opts.today);
  const month = filters.from.slice(0, 7);
  const generatedAt = (opts.now ?? new Date(`${opts.today}T00:00:00Z`)).toISOString();
  const ctx: PageContext = { conn, filters, today: opts.today, query: filtersToQuery(filters), drill: () => '' };
  const pages: PackPage[] = [];
  let tiles = 0;
  let cells = 0;
  let fresh: Awaited<ReturnType<typeof buildPage>>['freshness'] = [];
  for (const id of PACK_SECTIONS satisfies readonly PageId[]) {
    const page = await buildPage(id, ctx);
    fresh = page.freshness;
    // Metrics counting patients: their series, so the sparkline can leave out small months.
    const series = new Map<string, SeriesPoint[]>();
    for (const t of page.tiles) {
      if (COUNTED_METRIC_PARTS[t.metric.id]) series.set(t.metric.id, await metricSeries(conn, t.metric.id, toMetricFilter(filters), 13));
    }
    const converted = packPage(page, series);
    pages.push(converted.page);
    tiles += converted.tiles;
    cells += converted.cells;
  }
  const restatements: Restatement[] =
    opts.restatements === 'none'
      ? []
      : await earlierRestatements(conn, month, (m) => buildPackModel(conn, { ...opts, month: m, restatements: 'none' }));
  return {
    modelVersion: PACK_MODEL_VERSION,
    month,
    monthLabel: monthLabel(month),
    period: { from: filters.from, to: filters.to },
    practiceName: opts.practiceName,
    generatedAt,
    pages,
    completeness: await completenessNotes(conn, filters, fresh),
    definitions: METRICS.map(definition),
    restatements,
    suppression: { rule: SUPPRESSION_RULE, cells, tiles },
  };
}
