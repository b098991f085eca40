/**
 * A chart's phone variant beside its wide one on one page. Both are drawn by the same builder
 * from the same rows, only at another width; renderChart names every element id
 * `<chart id>-<n>` and every reference `#<chart id>-<n>`, so the narrow copy's ids are renamed to
 * `<chart id>-narrow-<n>` (references with them) and no id occurs twice on the page.
 *
 * API: NARROW_CHART_WIDTH, NARROW_SUFFIX, narrowVariant(svg, id). Example:
 *   narrowVariant(trendLine({ id: 'fin-trend', width: 360, ... }), 'fin-trend')  // ids fin-trend-narrow-1, ...
 */

/**
 * The width of a chart's phone variant: a 390 px screen's column (about 364 px), so its text is
 * drawn at about its own size there instead of scaled down from the wide variant.
 */
export const NARROW_CHART_WIDTH = 360;

export const NARROW_SUFFIX = 'narrow';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `svg` (drawn by renderChart with chart id `id`) with its ids and references renamed. */
export function narrowVariant(svg: string, id: string): string {
  const pattern = new RegExp(`(id="|#)${escapeRegExp(id)}-(\\d+)(?![\\w-])`, 'g');
  return svg.replace(pattern, (_m, lead: string, n: string) => `${lead}${id}-${NARROW_SUFFIX}-${n}`);
}
