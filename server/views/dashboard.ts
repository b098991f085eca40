/**
 * A dashboard page as HTML: chips of the filters applied and the filter bar, one compact line
 * on how current the data is, headline tiles (value in readable units, its change against the
 * chosen comparison, coloured by whether the direction is good), and each section's chart over
 * its data table with CSV, Arrow and JSON downloads. A section with nothing to draw shows one
 * empty state, never zero bars. Server-rendered, so it works with JavaScript off and prints.
 * It renders the presented page (dashboards/present) and formats nothing itself: every number,
 * heading, status word and target arrives as text, already suppressed for a board member.
 * Built with the escaping `html` template; `drawnSvg` only for the product's own SVG and the
 * filter bar (itself built with `html`).
 */
import type { PresentedNumber, PresentedPage, PresentedSection, PresentedTile } from '../../dashboards/present/index.ts';
import { drawnSvg, html, type SafeHtml } from './html.ts';

/**
 * A chart as figures: the wide layout, and where there is one the phone layout beside it; the
 * layout's CSS shows the phone one below 60rem and the wide one above (no script). A hidden
 * figure is `display:none`, so a screen reader meets the chart once.
 */
export function chartFigures(svg: string, narrowSvg: string | undefined, className = 'chart'): SafeHtml {
  if (!narrowSvg) return html`<figure class="${className}">${drawnSvg(svg)}</figure>`;
  return html`<figure class="${`${className} chart-wide`}">${drawnSvg(svg)}</figure><figure class="${`${className} chart-narrow`}">${drawnSvg(narrowSvg)}</figure>`;
}

/** The one empty state of every section and chart. */
export const EMPTY_STATE = 'No data for this selection.';

const short = (n: PresentedNumber): string => n.compactText ?? n.text;
/** The exact value where the tile shows a rounded one. */
const exactTitle = (n: PresentedNumber): SafeHtml | '' => (n.compactText && n.compactText !== n.text ? html` title="${n.text}"` : '');

function changeHtml(t: PresentedTile): SafeHtml | '' {
  const c = t.change;
  if (!c) return '';
  return html`<p class="${`change tone-${c.tone}`}"><span class="arrow" role="img" aria-label="${c.arrowLabel}">${c.arrow}</span> <span class="amount">${c.amountText}</span> <span class="against">${c.label}</span></p>`;
}

function tileHtml(t: PresentedTile): SafeHtml {
  const id = `t-${t.metricId}`;
  return html`<article class="${`tile${t.status ? ` status-${t.status}` : ''}`}" aria-labelledby="${id}">
  <h3 id="${id}">${t.href ? html`<a href="${t.href}">${t.label}</a>` : t.label}</h3>
  <p class="value"><span${exactTitle(t.value)}>${short(t.value)}</span>${t.status ? html` <span class="badge">${t.statusText ?? ''}</span>` : ''}</p>
  ${changeHtml(t)}
  ${t.value.note ? html`<p class="note">${t.value.note}</p>` : ''}
  <dl>${t.comparisons.map(
    (c) => html`<dt${c.selected ? html` class="compared"` : ''}>${c.label}${c.selected ? ' (compared)' : ''}</dt><dd${c.selected ? html` class="compared"` : ''}><span${exactTitle(c.value)}>${short(c.value)}</span>${c.selected && c.value.note ? html` <span class="note">${c.value.note}</span>` : ''}</dd>`,
  )}<dt>Target</dt><dd>${t.target.text}</dd></dl>
  <figure class="spark">${drawnSvg(t.sparkline ?? '')}</figure>
  ${t.whyHref ? html`<p class="why"><a href="${t.whyHref}" aria-label="${`Why? ${t.label}: what moved it`}">Why?</a></p>` : ''}
</article>`;
}

function tableHtml(s: PresentedSection): SafeHtml {
  const t = s.table;
  const align = t.align ?? [];
  const num = (i: number) => (align[i] === 'right' ? 'num' : '');
  const head = (t.headings ?? t.columns).map((h, i) => html`<th scope="col" class="${num(i)}">${h}</th>`);
  const body = (t.text ?? []).map((row, r) => {
    const href = t.links?.[r];
    const cells = row.map((text, i) => {
      const content = i === 0 && href ? html`<a href="${href}">${text}</a>` : text;
      return i === 0 ? html`<th scope="row">${content}</th>` : html`<td class="${num(i)}">${content}</td>`;
    });
    return html`<tr>${cells}</tr>`;
  });
  return html`<div class="table-scroll" role="region" aria-label="${`${s.title} table`}" tabindex="0"><table><caption>${s.title}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function sectionHtml(page: PresentedPage, s: PresentedSection, query: string): SafeHtml {
  const base = `/api/dashboards/${page.id}/${s.id}`;
  const q = query ? `?${query}` : '';
  // A section whose query failed: its notice in its place, no table, no download.
  if (s.failed) return html`<section id="${s.id}" aria-labelledby="${`h-${s.id}`}"><h2 id="${`h-${s.id}`}">${s.title}</h2><p class="errors" role="status">${s.failed}</p></section>`;
  const empty = s.empty === true || s.table.rows.length === 0;
  const chart = empty ? html`<p class="empty" role="note">${EMPTY_STATE}</p>` : s.svg ? chartFigures(s.svg, s.narrowSvg) : '';
  const table = s.table.rows.length ? html`<details${s.svg && !empty ? '' : html` open`}><summary>Data (${s.table.rows.length} rows)</summary>${tableHtml(s)}</details>` : '';
  return html`<section id="${s.id}" aria-labelledby="${`h-${s.id}`}">
  <h2 id="${`h-${s.id}`}">${s.title}</h2>
  ${s.intro ? html`<p>${s.intro}</p>` : ''}
  ${chart}${s.chartNote ? html`<p class="note">${s.chartNote}</p>` : ''}
  ${table}
  ${s.note ? html`<p class="note">${s.note}</p>` : ''}${s.suppressedCells ? html`<p class="note">"suppressed": a count of patients from 1 to 10, or a cell from which one could be worked out (CMS cell-size rule).</p>` : ''}
  <p class="downloads">Download: <a href="${`${base}.csv${q}`}">CSV</a> · <a href="${`${base}.arrow${q}`}">Arrow</a> · <a href="${`${base}.json${q}`}">JSON</a></p>
</section>`;
}

/** How current the data is, once: a summary line, the stale sources, each source in a details list. */
function freshnessHtml(page: PresentedPage): SafeHtml | '' {
  const f = page.freshnessText;
  if (!f) return '';
  return html`<aside class="freshness" aria-label="Data freshness"><p>${f.summary}.${f.stale.length ? html` <strong class="stale">Stale: ${f.stale.join('; ')}.</strong>` : ''}</p>
<details><summary>Sources</summary><ul>${f.sources.map((s) => html`<li${s.stale ? html` class="stale"` : ''}>${s.text}</li>`)}</ul></details></aside>`;
}

export function dashboardHtml(page: PresentedPage, opts: { filterBar: SafeHtml; periodText: string; query: string }): SafeHtml {
  return html`<h1>${page.title}</h1>
<p class="subtitle">${page.subtitle} <span class="period">${opts.periodText}</span></p>
${opts.filterBar}
${freshnessHtml(page)}
${page.tiles.length ? html`<section class="tiles" aria-label="Headline measures">${page.tiles.map(tileHtml)}</section>` : ''}
${page.sections.map((s) => sectionHtml(page, s, opts.query))}`;
}

/** The dashboards' own styles: chips, tile changes, the empty state, charts filling the column. */
export const DASHBOARD_CSS = `
.chips{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .6rem;font-size:.85rem;margin:.4rem 0}.chips ul{display:contents;list-style:none}
.chip{border:1px solid var(--line);border-radius:1rem;padding:.1rem .3rem .1rem .7rem;background:#f6f8fa}.chip a{text-decoration:none;font-weight:700;padding:0 .35rem}
a.reset{font-size:.85rem}.freshness p{margin:.2rem 0}.freshness details{display:inline}.freshness ul{margin:.2rem 0}li.stale{color:var(--bad)}
.change{margin:.1rem 0;font-size:.85rem;font-variant-numeric:tabular-nums}.change .against{color:var(--muted)}
.tone-good{color:var(--good)}.tone-bad{color:var(--bad)}.tone-neutral{color:var(--muted)}
.empty{color:var(--muted);border:1px dashed var(--line);border-radius:6px;padding:1.2rem;text-align:center;margin:.4rem 0}
figure.chart svg{width:100%;height:auto}
`;
