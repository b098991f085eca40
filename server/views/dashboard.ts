/**
 * A dashboard page as HTML: filter bar, freshness notes, headline tiles, and each section's
 * chart over its data table with CSV, Arrow and JSON downloads. Server-rendered, so it works
 * with JavaScript off and prints. It renders the presented page (dashboards/present) and formats
 * nothing itself: every number, heading, status word and target arrives as text, already
 * suppressed for a board member.
 */
import { humanize } from '../../dashboards/charts/format.ts';
import type { PresentedPage, PresentedSection, PresentedTile } from '../../dashboards/present/index.ts';
import { escapeHtml as e } from './html.ts';

function tileHtml(t: PresentedTile): string {
  const note = t.value.note ? `<p class="note">${e(t.value.note)}</p>` : '';
  return `<article class="tile${t.status ? ` status-${t.status}` : ''}" aria-labelledby="t-${e(t.metricId)}">
  <h3 id="t-${e(t.metricId)}">${t.href ? `<a href="${e(t.href)}">${e(t.label)}</a>` : e(t.label)}</h3>
  <p class="value">${e(t.value.text)}${t.status ? ` <span class="badge">${e(t.statusText ?? '')}</span>` : ''}</p>
  ${note}
  <dl>${t.comparisons.map((c) => `<dt${c.selected ? ' class="compared"' : ''}>${e(c.label)}${c.selected ? ' (compared)' : ''}</dt><dd${c.selected ? ' class="compared"' : ''}>${e(c.value.text)}${c.selected && c.value.note ? ` <span class="note">${e(c.value.note)}</span>` : ''}</dd>`).join('')}<dt>Target</dt><dd>${e(t.target.text)}</dd></dl>
  <figure class="spark">${t.sparkline ?? ''}</figure>
  ${t.whyHref ? `<p class="why"><a href="${e(t.whyHref)}" aria-label="Why? ${e(t.label)}: what moved it">Why?</a></p>` : ''}
</article>`;
}

function tableHtml(s: PresentedSection): string {
  const t = s.table;
  const align = t.align ?? [];
  const head = (t.headings ?? t.columns).map((h, i) => `<th scope="col" class="${align[i] === 'right' ? 'num' : ''}">${e(h)}</th>`).join('');
  const body = (t.text ?? [])
    .map((row, r) => {
      const href = t.links?.[r];
      const cells = row.map((text, i) => {
        const content = i === 0 && href ? `<a href="${e(href)}">${e(text)}</a>` : e(text);
        return i === 0 ? `<th scope="row">${content}</th>` : `<td class="${align[i] === 'right' ? 'num' : ''}">${content}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<div class="table-scroll" role="region" aria-label="${e(s.title)} table" tabindex="0"><table><caption>${e(s.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function sectionHtml(page: PresentedPage, s: PresentedSection, query: string): string {
  const base = `/api/dashboards/${page.id}/${s.id}`;
  const q = query ? `?${query}` : '';
  // A section whose query failed: its notice in its place, no table, no download.
  if (s.failed) return `<section id="${e(s.id)}" aria-labelledby="h-${e(s.id)}"><h2 id="h-${e(s.id)}">${e(s.title)}</h2><p class="errors" role="status">${e(s.failed)}</p></section>`;
  return `<section id="${e(s.id)}" aria-labelledby="h-${e(s.id)}">
  <h2 id="h-${e(s.id)}">${e(s.title)}</h2>
  ${s.intro ? `<p>${e(s.intro)}</p>` : ''}
  ${s.svg ? `<figure class="chart">${s.svg}</figure>` : ''}${s.chartNote ? `<p class="note">${e(s.chartNote)}</p>` : ''}
  <details${s.svg ? '' : ' open'}><summary>Data (${s.table.rows.length} rows)</summary>${tableHtml(s)}</details>
  ${s.note ? `<p class="note">${e(s.note)}</p>` : ''}${s.suppressedCells ? '<p class="note">"suppressed": a count of patients from 1 to 10, or a cell from which one could be worked out (CMS cell-size rule).</p>' : ''}
  <p class="downloads">Download: <a href="${e(`${base}.csv${q}`)}">CSV</a> · <a href="${e(`${base}.arrow${q}`)}">Arrow</a> · <a href="${e(`${base}.json${q}`)}">JSON</a></p>
</section>`;
}

function freshnessHtml(page: PresentedPage): string {
  const items = page.freshness.map((f) => {
    const span = f.firstDate ? `${f.firstDate} to ${f.lastDate}` : 'no data loaded';
    const loaded = f.lastLoadedAt ? `, last loaded ${f.lastLoadedAt}` : '';
    const stale = f.stale ? ` <strong class="stale">stale${f.ageDays !== null ? `: data ends ${f.ageDays} days ago` : ''}</strong>` : '';
    return `<li>${e(humanize(f.source))}: ${e(span)}${e(loaded)}${stale}</li>`;
  });
  return `<aside class="freshness" aria-label="Data freshness"><h2>Data covers</h2><ul>${items.join('')}</ul></aside>`;
}

export function dashboardHtml(page: PresentedPage, opts: { filterBar: string; periodText: string; query: string }): string {
  return `<h1>${e(page.title)}</h1>
<p class="subtitle">${e(page.subtitle)} <span class="period">${e(opts.periodText)}</span></p>
${opts.filterBar}
${freshnessHtml(page)}
${page.tiles.length ? `<section class="tiles" aria-label="Headline measures">${page.tiles.map(tileHtml).join('')}</section>` : ''}
${page.sections.map((s) => sectionHtml(page, s, opts.query)).join('\n')}`;
}
