/**
 * The cache of /reports (the pack list a manager sees, the latest approved pack a board member
 * lands on): a PageCache whose version is the data's and the approvals' (packListVersion.sql),
 * so an approval shows on the next view without a load, and a load shows as on every page.
 */
import { readFileSync } from 'node:fs';
import { DATA_VERSION_SQL, PageCache } from './pageCache.ts';

/** One row, one column: changes with every load, write to a page's table, approval or restatement. */
export const PACK_LIST_VERSION_SQL = readFileSync(new URL('./packListVersion.sql', import.meta.url), 'utf8').replace('__DATA_VERSION__', DATA_VERSION_SQL.trim());

/** What a /reports view is: its title, its body, and its styles when it has its own. */
export interface PackListView<Markup extends { readonly text: string }> {
  readonly title: string;
  readonly body: Markup;
  readonly styles?: string;
  /** The body's text, by which the cache counts its size. */
  readonly text: string;
}

export const packListCache = <Markup extends { readonly text: string }>(): PageCache<PackListView<Markup>> => new PageCache<PackListView<Markup>>({ versionSql: PACK_LIST_VERSION_SQL });
