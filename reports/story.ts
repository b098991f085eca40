/**
 * The story the pack tells, shared by the PDF and the offline HTML so both read alike: which
 * pages are the areas and which of their charts are key (drawn on the area's page; the rest go
 * to the appendix with the long tables), each headline's change against the prior month and the
 * same month last year, and the top three drivers of its move from the stored bridge
 * (`model.story`). A pack stored before the bridge existed has no story: its headlines are shown
 * without drivers, never with invented ones.
 */
import type { Bridge, BridgeDriver } from '../dashboards/bridge/types.ts';
import { changeAgainst, shareText, type PackChange } from '../dashboards/present/change.ts';
import type { PackModel, PackPage, PackSection, PackTile } from './model.ts';

/** The areas, in the order the pack tells them, with the charts shown on their own page. */
export const AREAS: readonly { readonly id: string; readonly keyCharts: readonly string[] }[] = [
  { id: 'financial', keyCharts: ['charges-and-payments', 'collection-rates'] },
  { id: 'collections', keyCharts: ['days-in-ar', 'ar-aging'] },
  { id: 'staffing', keyCharts: ['payroll-cost', 'access'] },
];

export const STORY_TITLE = 'The month at a glance';
export const APPENDIX_TABLES_TITLE = 'Appendix A: tables by month and category';
export const APPENDIX_DEFINITIONS_TITLE = 'Appendix B: metric definitions';

export function areaPages(model: PackModel): PackPage[] {
  return AREAS.map((a) => model.pages.find((p) => p.id === a.id)).filter((p): p is PackPage => p !== undefined);
}

export function keyCharts(page: PackPage): PackSection[] {
  const ids = AREAS.find((a) => a.id === page.id)?.keyCharts ?? [];
  return ids.map((id) => page.sections.find((s) => s.id === id && s.svg)).filter((s): s is PackSection => s !== undefined);
}

/** Whether a section's chart is drawn on its area's page (the appendix then gives its table only). */
export const isKeyChart = (page: PackPage, s: PackSection): boolean => keyCharts(page).some((k) => k.id === s.id);

export interface Driver {
  readonly label: string;
  /** '+$38.0k (62%)', or 'suppressed'. */
  readonly text: string;
}

export interface Drivers {
  /** 'September 2026' */
  readonly against: string;
  readonly drivers: readonly Driver[];
  readonly note?: string;
}

export const driverText = (d: BridgeDriver): Driver => ({
  label: d.label,
  text: d.suppressed ? 'suppressed' : `${d.change.text}${d.share === null ? '' : ` (${shareText(d.share)})`}`,
});

/** The bridge of a headline for the story's comparison, if the pack has one. */
export function bridgeOf(model: PackModel, metricId: string): Bridge | undefined {
  const story = model.story;
  if (!story) return undefined;
  return story.bridges.find((b) => b.metricId === metricId && b.comparison === story.comparison);
}

/** The top three drivers of a headline's move, or null when the pack has none for it. */
export function driversOf(model: PackModel, metricId: string): Drivers | null {
  const b = bridgeOf(model, metricId);
  if (!b) return null;
  return { against: b.comparisonLabel, drivers: b.top.slice(0, 3).map(driverText), ...(b.note ? { note: b.note } : {}) };
}

/** 'Medicare +$38.0k (62%); Commercial +$19.0k (31%)', or the bridge's note when it has no driver. */
export function driversLine(d: Drivers): string {
  return d.drivers.length ? d.drivers.map((x) => `${x.label} ${x.text}`).join('; ') : (d.note ?? '');
}

export interface Move {
  readonly prior: PackChange;
  readonly yoy: PackChange;
}

export const moveOf = (t: PackTile): Move => ({ prior: changeAgainst(t, 'prior'), yoy: changeAgainst(t, 'yoy') });

/**
 * Under a table of headlines: why some have a dash for their change and no status (their data
 * covers the month only in part: dashboards/present/tiles.ts `partial`), or '' when none has.
 * Example: '— for Visits and No-show rate: the month's data is not all loaded yet (see Data
 * completeness), so no change or status is given.'
 */
export function partialNote(tiles: readonly PackTile[]): string {
  const names = tiles.filter((t) => t.partial).map((t) => t.label);
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return `\u2014 for ${list}: the month's data is not all loaded yet (see Data completeness), so no change or status is given.`;
}

/** '▲ +21.7%' or an em dash. */
export const changeCell = (c: PackChange): string => (c.arrow ? `${c.arrow} ${c.text}` : c.text);
