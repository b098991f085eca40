/**
 * The four dashboards by id, and the one function that builds any of them with its freshness
 * notes. A page is a pure function of the warehouse and the validated filters.
 */
import { freshness } from '../freshness.ts';
import { collectionsPage } from './collections.ts';
import { financialPage } from './financial.ts';
import type { PageContext, PageId, PageModel, Section, Tile } from './model.ts';
import { overviewPage } from './overview.ts';
import { staffingPage } from './staffing.ts';

export type { PageContext, PageId, PageModel, Section, Tile } from './model.ts';

export const PAGES: Readonly<Record<PageId, { title: string; subtitle: string; build: (ctx: PageContext) => Promise<{ tiles: Tile[]; sections: Section[] }> }>> = {
  overview: { title: 'Overview', subtitle: 'The board summary: headline measures against prior period, last year, budget and target.', build: overviewPage },
  financial: { title: 'Financial review', subtitle: 'Charges, payments, adjustments, collection rates, mix and plan versus actual.', build: financialPage },
  collections: { title: 'Collections performance', subtitle: 'Accounts receivable, aging, denials and the speed of the revenue cycle.', build: collectionsPage },
  staffing: { title: 'Staffing efficiency', subtitle: 'Payroll, staffing ratios, productivity and patient access.', build: staffingPage },
};

export const isPageId = (s: string): s is PageId => Object.hasOwn(PAGES, s);

export async function buildPage(id: PageId, ctx: PageContext): Promise<PageModel> {
  const page = PAGES[id];
  const [{ tiles, sections }, fresh] = await Promise.all([page.build(ctx), freshness(ctx.conn, ctx.today)]);
  return { id, title: page.title, subtitle: page.subtitle, tiles, sections, freshness: fresh };
}
