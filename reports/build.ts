/**
 * buildPackModel: the month-end board pack of one month as a PackModel. Every number comes
 * from the metric catalog through the dashboards' own buildPage (period = the month, compared
 * with the prior month) and is presented for the board by the one presenter
 * (dashboards/present: text, suppression, withheld charts), so the pack, the dashboards and the
 * email never disagree. The whole pack is read in one snapshot. The completeness notes, the
 * metric definitions, the restatements of earlier approved packs and the story (why the
 * headline measures moved, anomalies, draft commentary: dashboards/bridge) are added. Deterministic
 * for a given warehouse and clock.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PracticeBoardError } from '../core/errors.ts';
import { filtersToQuery, parseFilters, type Filters } from '../dashboards/filters/index.ts';
import { METRICS, type Metric } from '../dashboards/metrics/index.ts';
import { buildPage, inSnapshot, type PageContext, type PageId } from '../dashboards/pages/index.ts';
import { DIRECTION_WORD, presentPage, SUPPRESSION_RULE, targetBandText } from '../dashboards/present/index.ts';
import type { SourceFreshness } from '../dashboards/freshness.ts';
import { buildStory } from '../dashboards/bridge/index.ts';
import { completenessNotes } from './completeness.ts';
import { PACK_MODEL_VERSION, PACK_SECTIONS, type Definition, type PackModel, type PackPage, type Restatement } from './model.ts';
import { earlierRestatements } from './store/restatements.ts';
import { monthLabel } from './text.ts';

export interface PackOptions {
  /** The pack's month, 'YYYY-MM'. */
  readonly month: string;
  /** Today (ISO date, practice-local) from the injected clock; the month may not be after it. */
  readonly today: string;
  readonly practiceName: string;
  /** The practice's IANA time zone, in which the pack shows its times (core/clock.ts); default UTC, labelled so. */
  readonly timezone?: string;
  /** When the pack is built (injected clock); default midnight of `today`, UTC. */
  readonly now?: Date;
  /**
   * Restatements of earlier approved packs the pack carries:
   * - 'detect' (default; building a pack to send or approve): first runs the explicit
   *   detection step (compare earlier approved packs with the data where a load happened
   *   since, and record what changed), then carries what is recorded;
   * - 'read': never writes; carries what detection recorded (reading a pack on the web);
   * - 'none': leave them out.
   */
  readonly restatements?: 'detect' | 'read' | 'none';
  /**
   * Whether to build the story (why the headline measures moved; default true). A model built
   * only to compare its presented numbers with an approved pack's (restatements) leaves it out.
   */
  readonly story?: boolean;
  /** Called between sections (tests: commit a load while the pack is being built). */
  readonly between?: () => Promise<void>;
}

function definition(m: Metric): Definition {
  return { id: m.id, label: m.label, group: m.group, unit: m.unit, definition: m.definition, formula: m.formula, standard: m.standard, target: targetBandText(m), direction: DIRECTION_WORD[m.goodDirection] };
}

/** The month as dashboard filters, validated by the dashboards' own parser. */
export function monthFilters(month: string, today: string): Filters {
  const parsed = parseFilters({ period: 'month', month, compare: 'prior' }, { today });
  if (!parsed.ok) throw new PracticeBoardError('REPORT_MONTH_INVALID', `board pack month: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

/** The four dashboards of the month, presented for the board, in one snapshot. */
async function packPages(conn: DuckDBConnection, filters: Filters, today: string, between?: () => Promise<void>) {
  // One memo of metric input rows for the pack's pages: they read in the pack's one snapshot.
  const ctx: PageContext = { conn, filters, today, query: filtersToQuery(filters), drill: () => '', inputs: new Map() };
  const pages: PackPage[] = [];
  let tiles = 0;
  let cells = 0;
  let fresh: readonly SourceFreshness[] = [];
  for (const id of PACK_SECTIONS satisfies readonly PageId[]) {
    const page = await buildPage(id, ctx, between ? { between } : {});
    fresh = page.freshness;
    const shown = presentPage(page, 'board', { monthly: true, links: false });
    pages.push({ id: shown.id, title: shown.title, subtitle: shown.subtitle, tiles: shown.tiles, sections: shown.sections });
    tiles += shown.suppression.tiles;
    cells += shown.suppression.cells;
  }
  return { pages, tiles, cells, fresh };
}

const buildListeners = new Set<(opts: PackOptions) => void>();

/** Be told of every pack build (tests count them: reading a kept pack builds none). Returns the unsubscribe. */
export function onPackBuild(listener: (opts: PackOptions) => void): () => void {
  buildListeners.add(listener);
  return () => buildListeners.delete(listener);
}

export async function buildPackModel(conn: DuckDBConnection, opts: PackOptions): Promise<PackModel> {
  for (const l of buildListeners) l(opts);
  const filters = monthFilters(opts.month, opts.today);
  const month = filters.from.slice(0, 7);
  const generatedAt = (opts.now ?? new Date(`${opts.today}T00:00:00Z`)).toISOString();
  const mode = opts.restatements ?? 'detect';
  const rebuild = (m: string) => buildPackModel(conn, { ...opts, month: m, restatements: 'none' });
  // Detection writes, so it runs before (and outside) the pack's read snapshot.
  if (mode === 'detect') await earlierRestatements(conn, month, rebuild, { mode: 'detect', at: generatedAt });
  return inSnapshot(conn, async () => {
    const { pages, tiles, cells, fresh } = await packPages(conn, filters, opts.today, opts.between);
    const restatements: Restatement[] = mode === 'none' ? [] : await earlierRestatements(conn, month, rebuild, { mode: 'read', at: generatedAt });
    // Why the headline measures moved against the prior month, for the board (small counts pooled).
    // Not for a headline whose data covers the month only in part: it shows no change to explain.
    const partial = new Set(pages.flatMap((p) => p.tiles.filter((t) => t.partial).map((t) => t.metricId)));
    const story = opts.story === false ? undefined : await buildStory(conn, month, 'board', fresh, partial);
    return {
      modelVersion: PACK_MODEL_VERSION,
      month,
      monthLabel: monthLabel(month),
      period: { from: filters.from, to: filters.to },
      practiceName: opts.practiceName,
      generatedAt,
      timezone: opts.timezone ?? 'UTC',
      pages,
      completeness: await completenessNotes(conn, filters, fresh),
      definitions: METRICS.map(definition),
      restatements,
      suppression: { rule: SUPPRESSION_RULE, cells, tiles },
      ...(story ? { story } : {}),
    };
  });
}
