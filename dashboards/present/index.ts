/**
 * presentPage: one computed page (dashboards/pages PageModel) as one audience is shown it.
 * Compute once, present once, render many: the web page, the offline HTML and PDF board pack
 * and the report emails all render the PresentedPage this returns, and format no number of
 * their own. Pure: the same page and audience give the same presentation.
 *
 * Example: presentPage(await buildPage('overview', ctx), 'board')
 */
import type { PageModel } from '../pages/model.ts';
import type { Audience, PresentedPage } from './model.ts';
import { presentFreshness } from './freshness.ts';
import { presentSection } from './sections.ts';
import { presentTile } from './tiles.ts';

export type * from './model.ts';
export { cellText, columnLabel, compactNumber, isNumericColumn, isShownColumn, MISSING, presentNumber } from './numbers.ts';
export { presentChange } from './change.ts';
export { loadedAtLabel, presentFreshness } from './freshness.ts';
export { instantOf, presentDate, presentInstant, presentInstantDate, timesLabel, zoneAbbreviation, type InstantOptions } from './time.ts';
export { CHART_WITHHELD, NO_DATA_NOTE, unlink } from './sections.ts';
export { isSuppressed, SUPPRESSED, SUPPRESSED_TEXT } from '../privacy/suppress.ts';
export { SUPPRESSION_RULE } from '../privacy/rules.ts';
export { DIRECTION_WORD, STATUS_WORD, targetBandText, targetText } from './wording.ts';
export { metricSource, periodCoverage, type Coverage } from './coverage.ts';
export { implausible } from './plausible.ts';
export { metricColumn, metricOfColumn, UNITS, unitOf, type ColumnUnit, type Unit } from './units.ts';

export interface PresentOptions {
  /** Label comparisons for a one-month period ('Prior month', 'Same month last year'). */
  readonly monthly?: boolean;
  /** Keep drill-down links (a web page). Default: for 'manager' and 'board'; a document (pack, email) has none. */
  readonly links?: boolean;
  /** The practice's IANA time zone: load times are shown in it, labelled ('02:00 EDT'). */
  readonly timezone?: string;
}

export function presentPage(page: PageModel, audience: Audience, opts: PresentOptions = {}): PresentedPage {
  const links = opts.links ?? audience !== 'email';
  const tiles = page.tiles.map((t) => presentTile(t, { audience, freshness: page.freshness, ...(page.period ? { period: page.period } : {}), ...(opts.monthly ? { monthly: true } : {}) }));
  const sections = page.sections.map((s) => presentSection(s, { audience, freshness: page.freshness, links }));
  return {
    id: page.id,
    title: page.title,
    subtitle: page.subtitle,
    audience,
    tiles: tiles.map((t) => (links ? t.tile : withoutHref(t.tile))),
    sections,
    freshness: page.freshness,
    ...(opts.timezone ? { freshnessText: presentFreshness(page.freshness, opts.timezone) } : {}),
    suppression: { tiles: tiles.reduce((n, t) => n + t.suppressed, 0), cells: sections.reduce((n, s) => n + s.suppressedCells, 0) },
  };
}

function withoutHref<T extends { href?: string }>(t: T): T {
  const rest = { ...t };
  delete rest.href;
  return rest;
}
