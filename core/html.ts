/**
 * HTML escaped by default. `html` is a tagged template: every interpolated value is escaped
 * unless it is already SafeHtml (the result of another `html`, or markup marked with `trusted`
 * because the product itself drew it, such as a chart's SVG). Arrays are joined; null,
 * undefined and false render as nothing. Views return SafeHtml; nothing post-processes a
 * finished page. It lives in core so that every layer that writes HTML (the server's views,
 * the board pack's offline file) escapes the same way; server/views/html.ts re-exports it
 * with the request-bound helpers (CSRF).
 *
 * Example: html`<td>${name}</td>` with name = '<b>' gives '<td>&lt;b&gt;</td>'.
 */

const BRAND: unique symbol = Symbol('SafeHtml');

export class SafeHtml {
  readonly [BRAND] = true;
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Interpolation = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function render(v: Interpolation): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup the product itself generated (a chart's SVG, a rendered fragment): passed through as is. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * A chart or sparkline the product drew (Observable Plot over linkedom, which escapes every text
 * it writes): passed through as markup. Refused if it is not one <svg> element, or if it carries
 * a script or an event handler, which no drawn chart does.
 * Example: html`<figure>${drawnSvg(section.svg)}</figure>`.
 */
export function drawnSvg(svg: string): SafeHtml {
  const t = svg.trim();
  if (t === '') return new SafeHtml('');
  if (!/^<svg[\s>]/i.test(t) || !/<\/svg>$/i.test(t) || /<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(t)) {
    throw new Error('drawnSvg: not a drawn chart (one <svg> element with no script or event handler)');
  }
  return new SafeHtml(t);
}
