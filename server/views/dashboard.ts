/**
 * A dashboard page as HTML: filter bar, freshness notes, headline tiles, and each section's
 * chart over its data table with CSV, Arrow and JSON downloads. Server-rendered, so it works
 * with JavaScript off and prints; numbers are formatted from the unit in each column's name and
 * right-aligned.
 */
import { alignOf, formatValue, humanize } from '../../dashboards/charts/format.ts';
import type { PageModel, Section, Tile } from '../../dashboards/pages/index.ts';
import { escapeHtml as e } from './layout.ts';

const STATUS_WORD = { good: 'On target', warn: 'Watch', bad: 'Off target' } as const;

function tileHtml(t: Tile): string {
  const fmt = (v: Tile['value'] | null) => formatValue(t.column, v === null ? null : t.metric.unit === 'usd' ? (v.exact ?? v.value) : v.value);
  const target = t.metric.target;
  const targetText =
    target.good === undefined ? 'No target' : `Target ${t.metric.goodDirection === 'down' ? '≤' : '≥'} ${formatValue(t.column, target.good)}`;
  return `<article class="tile${t.status ? ` status-${t.status}` : ''}" aria-labelledby="t-${e(t.metric.id)}">
  <h3 id="t-${e(t.metric.id)}"><a href="${e(t.href)}">${e(t.metric.label)}</a></h3>
  <p class="value">${e(fmt(t.value))}${t.status ? ` <span class="badge">${STATUS_WORD[t.status]}</span>` : ''}</p>
  ${t.value.note ? `<p class="note">${e(t.value.note)}</p>` : ''}
  <dl>${t.comparisons.map((c) => `<dt${c.selected ? ' class="compared"' : ''}>${e(c.label)}${c.selected ? ' (compared)' : ''}</dt><dd${c.selected ? ' class="compared"' : ''}>${e(fmt(c.value))}${c.selected && c.value?.note ? ` <span class="note">${e(c.value.note)}</span>` : ''}</dd>`).join('')}<dt>Target</dt><dd>${e(targetText)}</dd></dl>
  <figure class="spark">${t.sparkline}</figure>
</article>`;
}

function tableHtml(s: Section): string {
  const cols = s.table.columns;
  const head = cols.map((c) => `<th scope="col" class="${alignOf(c) === 'right' ? 'num' : ''}">${e(humanize(c))}</th>`).join('');
  const body = s.table.rows
    .map((row) => {
      const href = s.rowHref?.(row);
      const cells = row.map((v, i) => {
        const text = e(formatValue(cols[i]!, v));
        const content = i === 0 && href ? `<a href="${e(href)}">${text}</a>` : text;
        return i === 0 ? `<th scope="row">${content}</th>` : `<td class="${alignOf(cols[i]!) === 'right' ? 'num' : ''}">${content}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table><caption>${e(s.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function sectionHtml(page: PageModel, s: Section, query: string): string {
  const base = `/api/dashboards/${page.id}/${s.id}`;
  const q = query ? `?${query}` : '';
  return `<section id="${e(s.id)}" aria-labelledby="h-${e(s.id)}">
  <h2 id="h-${e(s.id)}">${e(s.title)}</h2>
  ${s.intro ? `<p>${e(s.intro)}</p>` : ''}
  ${s.svg ? `<figure class="chart">${s.svg}</figure>` : ''}
  <details${s.svg ? '' : ' open'}><summary>Data (${s.table.rows.length} rows)</summary>${tableHtml(s)}</details>
  <p class="downloads">Download: <a href="${e(`${base}.csv${q}`)}">CSV</a> · <a href="${e(`${base}.arrow${q}`)}">Arrow</a> · <a href="${e(`${base}.json${q}`)}">JSON</a></p>
</section>`;
}

function freshnessHtml(page: PageModel): string {
  const items = page.freshness.map((f) => {
    const span = f.firstDate ? `${f.firstDate} to ${f.lastDate}` : 'no data loaded';
    const loaded = f.lastLoadedAt ? `, last loaded ${f.lastLoadedAt}` : '';
    const stale = f.stale ? ` <strong class="stale">stale${f.ageDays !== null ? `: data ends ${f.ageDays} days ago` : ''}</strong>` : '';
    return `<li>${e(humanize(f.source))}: ${e(span)}${e(loaded)}${stale}</li>`;
  });
  return `<aside class="freshness" aria-label="Data freshness"><h2>Data covers</h2><ul>${items.join('')}</ul></aside>`;
}

export function dashboardHtml(page: PageModel, opts: { filterBar: string; periodText: string; query: string }): string {
  return `<h1>${e(page.title)}</h1>
<p class="subtitle">${e(page.subtitle)} <span class="period">${e(opts.periodText)}</span></p>
${opts.filterBar}
${freshnessHtml(page)}
${page.tiles.length ? `<section class="tiles" aria-label="Headline measures">${page.tiles.map(tileHtml).join('')}</section>` : ''}
${page.sections.map((s) => sectionHtml(page, s, opts.query)).join('\n')}`;
}
