/**
 * Drill-down links in charts. A link is caller-built text that lands in an `href` attribute of
 * the SVG; only relative URLs and http(s) are let through, so a row value can never turn a bar
 * into a `javascript:` or `data:` link.
 *
 * API: safeHref(href): string.
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** `href` unchanged when it is relative ('?payer=x', '/ar?payer=x') or http(s); otherwise throws. */
export function safeHref(href: string): string {
  // Browsers drop tabs, newlines and leading controls from a URL before reading its scheme.
  // eslint-disable-next-line no-control-regex
  const scheme = SCHEME.exec(href.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw new Error(`chart link with scheme ${scheme}: is not allowed`);
  return href;
}
