/**
 * The board pack as ONE self-contained, offline HTML file: inline CSS and SVG, no script, no
 * font, image or link that would make a request (SVG namespace URIs are dropped, as HTML does
 * not need them). The same model, story and text rules as the PDF, in the same order: the month
 * at a glance, one part per area, Appendix A (every section's chart and table), data
 * completeness, Appendix B (the metric definitions). Written with the escaping `html` template
 * (core/html.ts): every value is escaped unless it is markup the product drew (a chart's SVG).
 * `packBodyHtml` is the pack alone, for embedding in the server's page with its forms.
 */
import { drawnSvg, escapeHtml, html, trusted, type SafeHtml } from '../core/html.ts';
import { humanize } from '../dashboards/charts/format.ts';
import type { PackChange } from '../dashboards/present/change.ts';
import { isSuppressed } from '../dashboards/present/index.ts';
import type { Commentary, PackModel, PackPage, PackSection, PackSectionId, PackStatus, PackTile } from './model.ts';
import { PACK_CSS } from './htmlStyles.ts';
import { APPENDIX_DEFINITIONS_TITLE, APPENDIX_TABLES_TITLE, areaPages, changeCell, driversLine, driversOf, isKeyChart, keyCharts, moveOf, partialNote, STORY_TITLE } from './story.ts';
import { cellText, loadTime, monthCoverage, packZone, preparedLine, restatementLine, statusLine, statusText, tableAlign, tableHeadings, tableText } from './text.ts';

export { escapeHtml };

/** A wide table scrolls in its own labelled, keyboard-focusable region: the page never scrolls sideways. */
export const scrollTable = (label: string, table: SafeHtml): SafeHtml => html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;

/** Inline SVG without namespace URIs (HTML puts <svg> in the SVG namespace by itself); the product drew it. */
const inlineSvg = (svg: string): SafeHtml => drawnSvg(svg.replace(/\s+xmlns(:\w+)?="[^"]*"/g, ''));
/** A chart at the page's width, and its phone layout where drawn: CSS shows one of the two (htmlStyles.ts). */
const figures = (s: { readonly svg?: string; readonly narrowSvg?: string }): SafeHtml =>
  s.narrowSvg
    ? html`<figure class="chart-wide">${inlineSvg(s.svg!)}</figure><figure class="chart-narrow">${inlineSvg(s.narrowSvg)}</figure>`
    : html`<figure>${inlineSvg(s.svg!)}</figure>`;

export interface HtmlOptions {
  readonly commentary: Commentary;
  readonly status: PackStatus;
  /** Markup after a pack section's commentary (the server's commentary form, already escaped). */
  readonly afterCommentary?: (id: PackSectionId) => SafeHtml | '';
}

const SUPPRESSED_NOTE = '"suppressed": a count of patients from 1 to 10, or a cell from which one could be worked out (CMS cell-size rule).';

const num = (n: { text: string; suppressed?: true }): SafeHtml => html`<td class="${n.suppressed ? 'num suppressed' : 'num'}">${n.text}</td>`;
const change = (c: PackChange): SafeHtml => html`<td class="num ch-${c.tone}">${changeCell(c)}</td>`;
const status = (t: PackTile): SafeHtml => html`<td class="${t.status ? `st-${t.status}` : ''}">${statusText(t)}</td>`;
const comparison = (t: PackTile, key: string) => t.comparisons.find((c) => c.key === key)?.value ?? { text: '\u2014' };

/** The note naming the headlines whose month is not all loaded, or nothing. */
function partialNoteHtml(tiles: readonly PackTile[]): SafeHtml | '' {
  const note = partialNote(tiles);
  return note ? html`<p class="note">${note}</p>` : '';
}

function glanceTable(model: PackModel, tiles: readonly PackTile[]): SafeHtml {
  const withDrivers = model.story !== undefined;
  const rows = tiles.map((t) => {
    const m = moveOf(t);
    const d = withDrivers ? driversOf(model, t.metricId) : null;
    return html`<tr><th scope="row">${t.label}</th>${num(t.value)}${change(m.prior)}${change(m.yoy)}${num(comparison(t, 'budget'))}<td class="num">${t.target.text}</td>${status(t)}<td class="spark">${t.sparkline ? inlineSvg(t.sparkline) : ''}</td>${withDrivers ? html`<td>${d ? driversLine(d) : ''}</td>` : ''}</tr>`;
  });
  return scrollTable('Headline measures', html`<table class="glance"><caption>Headline measures</caption><thead><tr><th scope="col">Measure</th><th scope="col" class="num">${model.monthLabel}</th><th scope="col" class="num">vs prior month</th><th scope="col" class="num">vs same month last year</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Target</th><th scope="col">Status</th><th scope="col">13-month trend</th>${withDrivers ? html`<th scope="col">Top drivers</th>` : ''}</tr></thead><tbody>${rows}</tbody></table>`);
}

function areaTable(model: PackModel, tiles: readonly PackTile[]): SafeHtml {
  const rows = tiles.map((t) => {
    const m = moveOf(t);
    return html`<tr><th scope="row">${t.label}</th>${num(t.value)}${num(comparison(t, 'prior'))}${change(m.prior)}${num(comparison(t, 'yoy'))}${change(m.yoy)}${num(comparison(t, 'budget'))}<td class="num">${t.target.text}</td>${status(t)}</tr>`;
  });
  const head = [model.monthLabel, 'Prior month', 'Change vs prior month', 'Same month last year', 'Change vs last year', 'Budget', 'Target'];
  return scrollTable('The month and its comparisons', html`<table><caption>The month and its comparisons</caption><thead><tr><th scope="col">Measure</th>${head.map((h) => html`<th scope="col" class="num">${h}</th>`)}<th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table>`);
}

function driverList(model: PackModel, tiles: readonly PackTile[]): SafeHtml {
  const items = tiles.flatMap((t) => {
    const d = driversOf(model, t.metricId);
    const text = d ? driversLine(d) : '';
    return d && text ? [html`<li><strong>${t.label}</strong> (vs ${d.against}): ${text}</li>`] : [];
  });
  return items.length ? html`<h4>Why it moved: the top drivers</h4><ul class="drivers">${items}</ul>` : html``;
}

function sectionHtml(s: PackSection, withChart: boolean): SafeHtml {
  if (s.failed) return html`<section id="s-${s.id}"><h4>${s.title}</h4><p class="none" role="status">${s.failed}</p></section>`;
  const align = tableAlign(s.table);
  const text = tableText(s.table);
  const head = tableHeadings(s.table).map((h, i) => html`<th scope="col" class="${align[i] === 'right' ? 'num' : ''}">${h}</th>`);
  const body = s.table.rows.map((r, ri) => html`<tr>${r.map((v, i) => html`<td class="${[align[i] === 'right' ? 'num' : '', isSuppressed(v) ? 'suppressed' : ''].join(' ').trim()}">${text[ri]![i]!}</td>`)}</tr>`);
  return html`<section id="s-${s.id}"><h4>${s.title}</h4>${s.intro ? html`<p class="muted">${s.intro}</p>` : ''}
${withChart && s.svg ? figures(s) : ''}${s.chartNote ? html`<p class="note">${s.chartNote}</p>` : ''}
${s.table.rows.length ? scrollTable(`${s.title} table`, html`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`) : html`<p class="none">No data for this month.</p>`}
${s.note ? html`<p class="note">${s.note}</p>` : ''}${s.suppressedCells ? html`<p class="note">${SUPPRESSED_NOTE}</p>` : ''}</section>`;
}

function commentaryHtml(id: PackSectionId, opts: HtmlOptions): SafeHtml {
  const text = opts.commentary[id]?.trim();
  const draft = opts.status.state === 'draft';
  const block = text ? html`<div class="commentary">${text}</div>` : draft ? html`<p class="none">No commentary yet.</p>` : '';
  return html`${text || draft ? html`<h4>Manager's commentary</h4>${block}` : ''}${opts.afterCommentary?.(id) ?? ''}`;
}

function glanceHtml(model: PackModel, opts: HtmlOptions): SafeHtml {
  const overview = model.pages.find((p) => p.id === 'overview');
  const anomalies = model.story?.anomalies ?? [];
  return html`<section id="glance" aria-labelledby="h-glance"><h2 id="h-glance">${STORY_TITLE}</h2>
<p class="subtitle">${model.monthLabel}: each headline measure against the prior month and the same month last year (\u25B2 up, \u25BC down; green where the move is good news, red where it is not), its target and status${model.story ? ', and the three largest drivers of its move' : ''}.</p>
${overview ? glanceTable(model, overview.tiles) : ''}
${overview ? partialNoteHtml(overview.tiles) : ''}
${commentaryHtml('overview', opts)}
${anomalies.length ? html`<h4>Worth a look</h4><ul class="anomalies">${anomalies.map((a) => html`<li>${a.subject}: ${a.message}${a.likelyExportProblem ? ' Probably an export problem rather than a change in the business.' : ''}</li>`)}</ul>` : ''}
${restatementsHtml(model)}</section>`;
}

function areaHtml(page: PackPage, model: PackModel, opts: HtmlOptions): SafeHtml {
  return html`<section id="${page.id}" aria-labelledby="h-${page.id}"><h2 id="h-${page.id}">${page.title}</h2>
<p class="subtitle">${page.subtitle} ${model.monthLabel}. The tables by month and category are in Appendix A.</p>
${page.tiles.length ? areaTable(model, page.tiles) : ''}
${partialNoteHtml(page.tiles)}
${driverList(model, page.tiles)}
${commentaryHtml(page.id as PackSectionId, opts)}
${keyCharts(page).map((s) => html`<h4>${s.title}</h4>${figures(s)}`)}</section>`;
}

function appendixHtml(model: PackModel): SafeHtml {
  const parts = model.pages
    .filter((p) => p.sections.length > 0)
    .map((p) => html`<h3>${p.id === 'overview' ? 'Overview' : p.title}</h3>${p.sections.map((s) => sectionHtml(s, !isKeyChart(p, s)))}`);
  return html`<section id="appendix-tables"><h2>${APPENDIX_TABLES_TITLE}</h2><p class="muted">Every section of the dashboards for the month: its chart (where not already in the area's part) and its full table.</p>${parts}</section>`;
}

function restatementsHtml(model: PackModel): SafeHtml {
  if (model.restatements.length === 0) return html``;
  return html`<h3>Restatements of earlier approved packs</h3><p class="muted">A later data load changed numbers that an approved pack presented. The approved pack stays as it was; the changes are listed here.</p>
${model.restatements.map((r) => html`<p class="restatement">${restatementLine(r, packZone(model))}</p>`)}`;
}

function completenessHtml(model: PackModel): SafeHtml {
  const c = model.completeness;
  // Load times (UTC in the warehouse) in the pack's zone, which each table's caption names once.
  const { at, label: zone } = loadTime(model);
  const sources = c.sources.map((s) => html`<tr><td>${humanize(s.source)}</td><td>${s.firstDate ?? '\u2014'}</td><td>${s.lastDate ?? '\u2014'}</td><td>${monthCoverage(s, model.period)}</td><td>${s.lastLoadedAt ? at(s.lastLoadedAt) : 'never'}</td></tr>`);
  const loads = c.loads.map((l) => html`<tr><td>${at(l.startedAt)}</td><td>${humanize(l.source)}</td><td>${l.fileName}</td><td>${l.errorCode ? `${l.status} (${l.errorCode})` : l.status}</td><td class="num">${cellText('rows_n', l.rowsRead)}</td><td class="num">${cellText('rows_n', l.rowsLoaded)}</td><td class="num">${cellText('rows_n', l.rowsRejected)}</td></tr>`);
  return html`<section id="completeness"><h2>Data completeness</h2>
<p>${c.loads.length} loads touched ${model.monthLabel}; ${c.rowsRejected} rows were rejected and ${c.filesRejected} files were rejected whole. Rejected rows are not in any number of this pack.</p>
${scrollTable('What each source covers', html`<table><caption>What each source covers. ${zone}.</caption><thead><tr><th>Source</th><th>First date</th><th>Last date</th><th>Data in ${model.monthLabel}</th><th>Last loaded</th></tr></thead><tbody>${sources}</tbody></table>`)}
${loads.length ? scrollTable(`Loads touching ${model.monthLabel}`, html`<table><caption>Loads touching ${model.monthLabel}. ${zone}.</caption><thead><tr><th>Started</th><th>Source</th><th>File</th><th>Status</th><th class="num">Rows read</th><th class="num">Loaded</th><th class="num">Rejected</th></tr></thead><tbody>${loads}</tbody></table>`) : ''}
<h3>Small numbers</h3><p>${model.suppression.rule} In this pack ${model.suppression.cells} table cells and ${model.suppression.tiles} headline values are suppressed. The pack shows no patient-level rows.</p></section>`;
}

function definitionsHtml(model: PackModel): SafeHtml {
  const items = model.definitions.map(
    (d) => html`<article id="def-${d.id}"><h4>${d.label}</h4><p>${d.definition}</p><dl class="def"><dt>Formula</dt><dd>${d.formula}</dd><dt>Target</dt><dd>${d.target}; ${d.direction}</dd><dt>Standard</dt><dd>${d.standard}</dd></dl></article>`,
  );
  return html`<section id="definitions"><h2>${APPENDIX_DEFINITIONS_TITLE}</h2>${items}</section>`;
}

export function packBodyHtml(model: PackModel, opts: HtmlOptions): SafeHtml {
  const approved = opts.status.state === 'approved';
  return html`<div class="pack"><style>${trusted(PACK_CSS)}</style>
<header class="cover"><p class="practice">${model.practiceName}</p><h1>Board pack</h1><p class="month">${model.monthLabel}</p></header>
<p><span class="confidential">CONFIDENTIAL</span><span class="muted">For the board and investors only. Not to be copied or passed on.</span></p>
<p class="status ${approved ? 'approved' : 'draft'}">${statusLine(opts.status, packZone(model))}</p>
<p class="muted">${preparedLine(model)}</p>
${glanceHtml(model, opts)}
${areaPages(model).map((p) => areaHtml(p, model, opts))}
${appendixHtml(model)}
${completenessHtml(model)}
${definitionsHtml(model)}
<footer>Confidential · ${model.practiceName} · Board pack, ${model.monthLabel} · ${statusLine(opts.status, packZone(model))}</footer></div>`;
}

/** The whole pack as one offline HTML document. */
export function renderPackHtml(model: PackModel, opts: Omit<HtmlOptions, 'afterCommentary'>): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${`${model.practiceName}: board pack, ${model.monthLabel}`}</title>
<meta name="robots" content="noindex"></head>
<body>${packBodyHtml(model, opts)}</body></html>`.text;
}
