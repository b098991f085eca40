/**
 * The four dashboards by id, and the one function that builds any of them: its headline tiles,
 * its sections and its freshness notes. A page is a pure function of the warehouse and the
 * validated filters, read in one snapshot (snapshot.ts). A data download asks for one section:
 * only the queries of its group run, and no chart is drawn.
 */
import { PracticeBoardError } from '../../core/errors.ts';
import { freshness, type SourceFreshness } from '../freshness.ts';
import { COLLECTIONS_METRICS, COLLECTIONS_SECTIONS } from './collections.ts';
import { FINANCIAL_METRICS, FINANCIAL_SECTIONS } from './financial.ts';
import { failedSections, reportSectionToStderr, type PageContext, type PageId, type PageModel, type Section, type SectionGroup } from './model.ts';
import { OVERVIEW_METRICS, OVERVIEW_SECTIONS, overviewTileHref } from './overview.ts';
import { inSnapshot, recoverSnapshot } from './snapshot.ts';
import { STAFFING_METRICS, STAFFING_SECTIONS } from './staffing.ts';
import { buildTiles } from './tiles.ts';

export type { PageContext, PageId, PageModel, Section, SectionErrorReporter, SectionGroup, Tile } from './model.ts';
export { SECTION_FAILED } from './model.ts';
export { inSnapshot } from './snapshot.ts';

interface PageSpec {
  readonly title: string;
  readonly subtitle: string;
  readonly tiles: readonly string[];
  /** Where a tile links: by default the page itself with the same filters. */
  readonly tileHref?: (ctx: PageContext, id: string) => string;
  readonly sections: readonly SectionGroup[];
}

export const PAGES: Readonly<Record<PageId, PageSpec>> = {
  overview: { title: 'Overview', subtitle: 'The board summary: headline measures against prior period, last year, budget and target.', tiles: OVERVIEW_METRICS, tileHref: overviewTileHref, sections: OVERVIEW_SECTIONS },
  financial: { title: 'Financial review', subtitle: 'Charges, payments, adjustments, collection rates, mix and plan versus actual.', tiles: FINANCIAL_METRICS, sections: FINANCIAL_SECTIONS },
  collections: { title: 'Collections performance', subtitle: 'Accounts receivable, aging, denials and the speed of the revenue cycle.', tiles: COLLECTIONS_METRICS, sections: COLLECTIONS_SECTIONS },
  staffing: { title: 'Staffing efficiency', subtitle: 'Payroll, staffing ratios, productivity and patient access.', tiles: STAFFING_METRICS, sections: STAFFING_SECTIONS },
};

export const isPageId = (s: string): s is PageId => Object.hasOwn(PAGES, s);

/**
 * A section download asked for a section whose query failed: a clear error with a code (503:
 * the data exists but could not be computed now; the log has the cause), never a stack.
 */
export class SectionNotComputedError extends PracticeBoardError {
  constructor(page: PageId, section: string) {
    super('SECTION_NOT_COMPUTED', `The "${section}" section of the ${page} dashboard could not be computed; the error has been logged. The rest of the page is unaffected.`, { status: 503 });
  }
}

/** The section ids a page can have, without building it. */
export const sectionIds = (id: PageId): string[] => PAGES[id].sections.flatMap((g) => g.ids);

export interface BuildOptions {
  /** Skip the headline tiles (a data download needs only the sections). Default true. */
  readonly tiles?: boolean;
  /** Build only this section (a data download): its group's queries run, no chart is drawn. */
  readonly section?: string;
  /** Freshness already read for this request. */
  readonly freshness?: readonly SourceFreshness[];
  /** Called after the tiles and after each section group: lets a test commit a load mid-page. */
  readonly between?: () => Promise<void>;
}

export async function buildPage(id: PageId, ctx: PageContext, opts: BuildOptions = {}): Promise<PageModel> {
  const page = PAGES[id];
  const href = page.tileHref ?? ((c: PageContext) => `${id === 'overview' ? '/' : `/${id}`}?${c.query}`);
  const only = opts.section;
  // One memo of metric input rows per page, read in the page's one snapshot (or the caller's,
  // shared by the pages it builds in one snapshot of its own: the board pack's).
  const pctx: PageContext = { ...ctx, inputs: ctx.inputs ?? new Map() };
  const sctx: PageContext = only === undefined ? pctx : { ...pctx, draw: false };
  return inSnapshot(ctx.conn, async () => {
    const tiles = opts.tiles === false || only !== undefined ? [] : await buildTiles(pctx, page.tiles, (metricId) => href(ctx, metricId));
    await opts.between?.();
    const sections: Section[] = [];
    for (const g of page.sections) {
      if (only !== undefined && !g.ids.includes(only)) continue;
      const built = await buildGroup(g, sctx);
      if (only !== undefined && built.some((s) => s.id === only && s.failed !== undefined)) throw new SectionNotComputedError(id, only);
      sections.push(...(only === undefined ? built : built.filter((s) => s.id === only)));
      await opts.between?.();
    }
    const fresh = opts.freshness ?? (await freshness(ctx.conn, ctx.today));
    return { id, title: page.title, subtitle: page.subtitle, tiles, sections, freshness: fresh, period: { from: ctx.filters.from, to: ctx.filters.to } };
  });
}

/**
 * One group's sections, or, when its query throws, notice sections in their place: the error is
 * reported (class, code and message only) and the snapshot made usable again for the rest.
 */
async function buildGroup(g: SectionGroup, ctx: PageContext): Promise<Section[]> {
  try {
    return await g.build(ctx);
  } catch (error) {
    (ctx.onSectionError ?? reportSectionToStderr)(g.ids, error);
    await recoverSnapshot(ctx.conn);
    // The rest of the page may read in a fresh snapshot: nothing read before is reused.
    ctx.inputs?.clear();
    return failedSections(g);
  }
}
