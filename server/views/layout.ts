/**
 * The page layout (navigation filtered by the signed-in role, sign-out, styles, print styles)
 * and plain tables that right-align numbers, built with the escaping `html` template.
 */
import { mayAccess } from '../auth/index.ts';
import { currentRequest } from '../requestContext.ts';
import { csrfInput, html, trusted, type SafeHtml } from './html.ts';

export { escapeHtml } from './html.ts';

const NAV = [
  ['/', 'Overview'],
  ['/financial', 'Financial'],
  ['/collections', 'Collections'],
  ['/staffing', 'Staffing'],
  ['/reports', 'Board packs'],
  ['/metrics', 'Metric definitions'],
  ['/etl', 'Data loads'],
  ['/upload', 'Upload'],
  ['/admin/jobs', 'Jobs'],
  ['/admin/users', 'Users'],
  ['/audit', 'Audit log'],
  ['/admin/settings', 'Settings'],
] as const;

const CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#1d3557;--good:#1a7f37;--warn:#7a5200;--bad:#b3141f}
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);line-height:1.4;overflow-wrap:anywhere}
a{color:#0550ae}a:focus,button:focus,select:focus,input:focus,summary:focus,.table-scroll:focus{outline:3px solid #0969da;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem;z-index:2}
header{background:var(--accent);color:#fff;padding:.5rem 1.2rem;display:flex;gap:.4rem 1.5rem;align-items:center;flex-wrap:wrap}
header nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem}header nav a{color:#fff;text-decoration:none;padding:.2rem 0}
header .signout{margin-left:auto;font-size:.85rem;display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}header nav a[aria-current=page]{text-decoration:underline;font-weight:600}
details.menu>summary{cursor:pointer;list-style:none;padding:.35rem .7rem;border:1px solid #fff;border-radius:4px}details.menu>summary::-webkit-details-marker{display:none}
details.menu>summary::before{content:"\\2630  "}details.menu[open]>summary{margin-bottom:.4rem}
@supports selector(::details-content){@media (min-width:60rem){details.menu>summary{display:none}details.menu::details-content{content-visibility:visible;display:contents}}}
@media (max-width:59.99rem){header{padding:.5rem .8rem}details.menu{order:3;flex-basis:100%}details.menu nav{flex-direction:column}details.menu nav a{padding:.45rem 0;border-top:1px solid rgba(255,255,255,.25)}}
main{padding:1rem 1.2rem;max-width:1280px}
h1{margin:.2rem 0}.subtitle{color:var(--muted);margin-top:0}.period{color:var(--ink);font-weight:600}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;padding:.6rem;border:1px solid var(--line);border-radius:6px;margin:.5rem 0}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.freshness{font-size:.85rem;color:var(--muted)}.freshness h2{font-size:.9rem;margin:.4rem 0 .1rem}.freshness ul{margin:0;padding-left:1.2rem}.stale{color:var(--bad)}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(230px,100%),1fr));gap:.8rem;margin:1rem 0}
.tile{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;border-top:4px solid var(--line);min-width:0}
.tile.status-good{border-top-color:var(--good)}.tile.status-warn{border-top-color:var(--warn)}.tile.status-bad{border-top-color:var(--bad)}
.tile h3{font-size:.95rem;margin:0}.tile .value{font-size:1.6rem;font-weight:600;margin:.2rem 0;font-variant-numeric:tabular-nums}
.badge{font-size:.75rem;font-weight:600;padding:.05rem .35rem;border-radius:3px;background:#fff;border:1px solid currentColor;vertical-align:middle}
.status-good .badge{color:var(--good)}.status-warn .badge{color:var(--warn)}.status-bad .badge{color:var(--bad)}
.tile dl{display:grid;grid-template-columns:auto auto;gap:0 .6rem;font-size:.8rem;margin:.3rem 0}.tile dt{color:var(--muted)}.tile dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
.note{font-size:.8rem;color:var(--muted)}figure{margin:.4rem 0;max-width:100%}svg{max-width:100%}figure svg{max-width:100%;height:auto}
img,video,canvas,textarea,select,input{max-width:100%}
section{margin:1.4rem 0}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{padding:.25rem .6rem;border-bottom:1px solid var(--line);text-align:left;overflow-wrap:normal}th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.table-scroll{max-width:100%;overflow-x:auto;margin:.5rem 0 1rem}.table-scroll>table{margin:0}.table-scroll tr>:first-child{white-space:nowrap}
pre{max-width:100%;overflow-x:auto}code{overflow-wrap:anywhere}
.downloads{font-size:.85rem}.drop{border:2px dashed var(--line);padding:1rem;border-radius:6px;margin:.5rem 0}dl.run{display:grid;grid-template-columns:max-content minmax(0,auto);gap:.1rem 1rem}dl.run dd{margin:0}
form label{margin-right:.8rem}.errors{border:1px solid var(--bad);padding:.6rem 1rem;border-radius:6px}
@media (max-width:40rem){main{padding:.8rem}h1{font-size:1.5rem}table{font-size:.85rem}dl.run{grid-template-columns:minmax(0,1fr)}dl.run dd{margin:0 0 .4rem}
 form.filters{padding:.5rem}form.filters label{flex:1 1 9rem}form.filters select,form.filters input{width:100%}
 figure{padding-bottom:1rem}}
.chart-narrow{display:none}
@media (max-width:59.99rem){.chart-wide{display:none}.chart-narrow{display:block}figure.chart-narrow svg{width:100%;max-width:34rem;height:auto}}
@media print{.chart-narrow{display:none}.chart-wide{display:block}header nav,details.menu>summary,form.filters,.downloads,.skip{display:none}header{background:none;color:#000;padding:0}
 details>summary{display:none}details::details-content{content-visibility:visible;display:block}
 .table-scroll{overflow:visible}section,.tile,figure{break-inside:avoid}a{color:inherit;text-decoration:none}main{max-width:none}}
`;

/** `styles`: a page's own CSS (the dashboards'), after the common styles. */
export function layout(title: string, body: SafeHtml, opts: { active?: string; styles?: string } = {}): string {
  const req = currentRequest();
  const user = req?.user;
  const links = user ? NAV.filter(([href]) => mayAccess(user.role, 'GET', href)) : [];
  const nav = links.map(([href, label]) => html`<a href="${href}"${opts.active === href ? trusted(' aria-current="page"') : ''}>${label}</a>`);
  const who = user
    ? html`<form method="post" action="/signout" class="signout">${csrfInput()}<span>${user.displayName} (${user.role})</span> <button type="submit">Sign out</button></form>`
    : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · PracticeBoard</title><link rel="icon" href="data:,">
<style>${trusted(CSS)}${opts.styles ? trusted(opts.styles) : ''}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><strong>PracticeBoard</strong>${links.length ? html`<details class="menu"><summary>Menu</summary><nav aria-label="Main">${nav}</nav></details>` : ''}${who}</header>
<main id="main">${body}</main></body></html>`.text;
}

/**
 * A table in its own horizontal scroller, so a wide table never widens the page: the wrapper is
 * a labelled region a keyboard can focus and scroll (WCAG 2.1.1; axe "scrollable-region-focusable").
 * Example: scrollTable('Recent runs', html`<table>...</table>`).
 */
export function scrollTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

export function htmlTable(head: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], numericCols: readonly number[] = [], label = 'Table'): SafeHtml {
  const num = new Set(numericCols);
  const cls = (i: number) => (num.has(i) ? trusted(' class="num"') : '');
  return scrollTable(label, html`<table><thead><tr>${head.map((h, i) => html`<th${cls(i)}>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((v, i) => html`<td${cls(i)}>${v}</td>`)}</tr>`,
  )}</tbody></table>`);
}

const STREAM_SLOT = '<!--body-->';

/**
 * The layout in two parts, for a page whose body is sent when it is ready: `top` at once (the
 * reader sees the navigation and progress), the body, then `bottom`.
 */
export function streamedLayout(title: string, opts: { active?: string; styles?: string } = {}): { readonly top: string; readonly bottom: string } {
  const [top, bottom] = layout(title, trusted(STREAM_SLOT), opts).split(STREAM_SLOT) as [string, string];
  return { top, bottom };
}
