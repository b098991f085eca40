/**
 * The server's HTML helpers: the escaping tagged template (`html`, `trusted`, `escapeHtml`,
 * `SafeHtml`, defined in core/html.ts so that the board pack writes HTML the same way) and the
 * request-bound CSRF helpers every form uses.
 */
import { html, type SafeHtml } from '../../core/html.ts';
import { currentRequest } from '../requestContext.ts';

export { drawnSvg, escapeHtml, html, SafeHtml, trusted, type Interpolation } from '../../core/html.ts';

/** The hidden CSRF field every POST form carries, from the request being served. */
export function csrfInput(): SafeHtml {
  const req = currentRequest();
  if (!req) throw new Error('csrfInput: no request is being served');
  return html`<input type="hidden" name="_csrf" value="${req.csrf()}">`;
}

/**
 * A multipart form's action with the CSRF token in its query (its body is read only by its own
 * route, after the CSRF check has run). Example: csrfAction('/upload') -> '/upload?_csrf=...'.
 */
export function csrfAction(path: string): string {
  const req = currentRequest();
  if (!req) throw new Error('csrfAction: no request is being served');
  return `${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(req.csrf())}`;
}
