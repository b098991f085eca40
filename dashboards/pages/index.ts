/**
 * The four dashboards by id, and the one function that builds any of them: its headline tiles,
 * its sections and its freshness notes. A page is a pure function of the warehouse and the
 * validated filters; a data download asks for the sections alone.
 */
import { freshness, type SourceFreshness } from '../freshness.ts';
import { COLLECTIONS_METRICS, collectionsSections } from './collections.ts';
import { FINANCIAL_METRICS, financialSections } from './financial.ts';
import type { PageContext, PageId, PageModel, Section } from './model.ts';
import { OVERVIEW_METRICS, overviewSections, overviewTileHref } from './overview.ts';
import { STAFFING_METRICS, staffingSections } from './staffing.ts';
import { buildTiles } from './tiles.ts';

export type { PageContext, PageId, PageModel, Section, Tile } from './model.ts';

interface PageSpec {
  readonly title: string;
  readonly subtitle: string;
  readonly tiles: readonly string[];
  /** Where a tile links: by default the page itself with the same filters. */
  readonly tileHref?: (ctx: PageContext, id: string) => string;
  readonly sections: (ctx: PageContext) => Promise<Section[]>;
}

export const PAGES: Readonly<Record<PageId, PageSpec>> = {
  overview: { title: 'Overview', subtitle: 'The board summary: headline measures against prior period, last year, budget and target.', tiles: OVERVIEW_METRICS, tileHref: overviewTileHref, sections: overviewSections },
  financial: { title: 'Financial review', subtitle: 'Charges, payments, adjustments, collection rates, mix and plan versus actual.', tiles: FINANCIAL_METRICS, sections: financialSections },
  collections: { title: 'Collections performance', subtitle: 'Accounts receivable, aging, denials and the speed of the revenue cycle.', tiles: COLLECTIONS_METRICS, sections: collectionsSections },
  staffing: { title: 'Staffing efficiency', subtitle: 'Payroll, staffing ratios, productivity and patient access.', tiles: STAFFING_METRICS, sections: staffingSections },
};

export const isPageId = (s: string): s is PageId => Object.hasOwn(PAGES, s);

export interface BuildOptions {
  /** Skip the headline tiles (a data download needs only the sections). Default true. */
  readonly tiles?: boolean;
  /** Freshness already read for this request. */
  readonly freshness?: readonly SourceFreshness[];
}

export async function buildPage(id: PageId, ctx: PageContext, opts: BuildOptions = {}): Promise<PageModel> {
  const page = PAGES[id];
  const href = page.tileHref ?? ((c: PageContext) => `${id === 'overview' ? '/' : `/${id}`}?${c.query}`);
  const tiles = opts.tiles === false ? [] : await buildTiles(ctx, page.tiles, (metricId) => href(ctx, metricId));
  const sections = await page.sections(ctx);
  const fresh = opts.freshness ?? (await freshness(ctx.conn, ctx.today));
  return { id, title: page.title, subtitle: page.subtitle, tiles, sections, freshness: fresh };
}
