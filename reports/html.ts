/**
 * The board pack as ONE self-contained, offline HTML file: inline CSS and SVG, no script, no
 * font, image or link that would make a request (SVG namespace URIs are dropped, as HTML does
 * not need them). The same model and text rules as the PDF, so both present the same
 * numbers. `packBodyHtml` is the pack alone, for embedding in the server's page with its forms.
 */
import type { Commentary, PackModel, PackPage, PackSection, PackSectionId, PackStatus, PackTile } from './model.ts';
import { isSuppressed } from '../dashboards/present/index.ts';
import { PACK_CSS } from './htmlStyles.ts';
import { cellText, monthCoverage, restatementLine, stampLabel, statusLine, statusText, tableAlign, tableHeadings, tableText } from './text.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

/** Inline SVG without namespace URIs (HTML puts <svg> in the SVG namespace by itself). */
const inlineSvg = (svg: string): string => svg.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');

export interface HtmlOptions {
  readonly commentary: Commentary;
  readonly status: PackStatus;
  /** Markup after a pack section's commentary (the server's commentary form). */
  readonly afterCommentary?: (id: PackSectionId) => string;
}

function tilesTable(tiles: readonly PackTile[], month: string): string {
  const num = (t: { text: string; suppressed?: true }) => `<td class="num${t.suppressed ? ' suppressed' : ''}">${e(t.text)}</td>`;
  const rows = tiles.map(
    (t) => `<tr><th scope="row">${e(t.label)}</th>${num(t.value)}${t.comparisons.map((c) => num(c.value)).join('')}<td class="num">${e(t.target.text)}</td>` +
      `<td class="${t.status ? `st-${t.status}` : ''}">${e(statusText(t))}</td><td class="spark">${t.sparkline ? inlineSvg(t.sparkline) : ''}</td></tr>`,
  );
  const head = ['Measure', month, 'Prior month', 'Same month last year', 'Budget', 'Target', 'Status', '13-month trend'];
  return `<table><caption>Headline measures</caption><thead><tr>${head.map((h, i) => `<th scope="col"${i > 0 && i < 6 ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function sectionHtml(s: PackSection): string {
  if (s.failed) return `<section id="s-${e(s.id)}"><h4>${e(s.title)}</h4><p class="none" role="status">${e(s.failed)}</p></section>`;
  const align = tableAlign(s.table);
  const text = tableText(s.table);
  const head = tableHeadings(s.table).map((h, i) => `<th scope="col"${align[i] === 'right' ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = s.table.rows
    .map((r, ri) => `<tr>${r.map((v, i) => `<td class="${[align[i] === 'right' ? 'num' : '', isSuppressed(v) ? 'suppressed' : ''].join(' ').trim()}">${e(text[ri]![i]!)}</td>`).join('')}</tr>`)
    .join('');
  return `<section id="s-${e(s.id)}"><h4>${e(s.title)}</h4>${s.intro ? `<p class="muted">${e(s.intro)}</p>` : ''}
${s.svg ? `<figure>${inlineSvg(s.svg)}</figure>` : ''}${s.chartNote ? `<p class="note">${e(s.chartNote)}</p>` : ''}
${s.table.rows.length ? `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` : '<p class="none">No data for this month.</p>'}
${s.note ? `<p class="note">${e(s.note)}</p>` : ''}${s.suppressedCells ? '<p class="note">"suppressed": a count of patients from 1 to 10, or a cell from which one could be worked out (CMS cell-size rule).</p>' : ''}</section>`;
}

function commentaryHtml(id: PackSectionId, opts: HtmlOptions): string {
  const text = opts.commentary[id]?.trim();
  const draft = opts.status.state === 'draft';
  const block = text ? `<div class="commentary">${e(text)}</div>` : draft ? '<p class="none">No commentary yet.</p>' : '';
  return `${text || draft ? `<h4>Manager's commentary</h4>${block}` : ''}${opts.afterCommentary?.(id) ?? ''}`;
}

function pageHtml(page: PackPage, model: PackModel, opts: HtmlOptions): string {
  const isOverview = page.id === 'overview';
  return `<section id="${e(page.id)}" aria-labelledby="h-${e(page.id)}"><h2 id="h-${e(page.id)}">${isOverview ? 'Executive summary' : e(page.title)}</h2>
<p class="subtitle">${e(page.subtitle)} ${e(model.monthLabel)}.</p>
${isOverview ? '' : commentaryHtml(page.id as PackSectionId, opts)}
${page.tiles.length ? tilesTable(page.tiles, model.monthLabel) : ''}
${isOverview ? commentaryHtml('overview', opts) + restatementsHtml(model) : ''}
${page.sections.map(sectionHtml).join('\n')}</section>`;
}

function restatementsHtml(model: PackModel): string {
  if (model.restatements.length === 0) return '';
  return `<h3>Restatements of earlier approved packs</h3><p class="muted">A later data load changed numbers that an approved pack presented. The approved pack stays as it was; the changes are listed here.</p>
${model.restatements.map((r) => `<p class="restatement">${e(restatementLine(r))}</p>`).join('')}`;
}

function completenessHtml(model: PackModel): string {
  const c = model.completeness;
  const sources = c.sources.map((s) => `<tr><td>${e(s.source)}</td><td>${e(s.firstDate ?? '—')}</td><td>${e(s.lastDate ?? '—')}</td><td>${e(monthCoverage(s, model.period))}</td><td>${e(s.lastLoadedAt ?? 'never')}</td></tr>`);
  const loads = c.loads.map((l) => `<tr><td>${e(l.startedAt)}</td><td>${e(l.source)}</td><td>${e(l.fileName)}</td><td>${e(l.errorCode ? `${l.status} (${l.errorCode})` : l.status)}</td><td class="num">${e(cellText('rows_n', l.rowsRead))}</td><td class="num">${e(cellText('rows_n', l.rowsLoaded))}</td><td class="num">${e(cellText('rows_n', l.rowsRejected))}</td></tr>`);
  return `<section id="completeness"><h2>Data completeness</h2>
<p>${c.loads.length} loads touched ${e(model.monthLabel)}; ${c.rowsRejected} rows were rejected and ${c.filesRejected} files were rejected whole. Rejected rows are not in any number of this pack.</p>
<table><caption>What each source covers</caption><thead><tr><th>Source</th><th>First date</th><th>Last date</th><th>Data in ${e(model.monthLabel)}</th><th>Last loaded</th></tr></thead><tbody>${sources.join('')}</tbody></table>
${loads.length ? `<table><caption>Loads touching ${e(model.monthLabel)}</caption><thead><tr><th>Started</th><th>Source</th><th>File</th><th>Status</th><th class="num">Rows read</th><th class="num">Loaded</th><th class="num">Rejected</th></tr></thead><tbody>${loads.join('')}</tbody></table>` : ''}
<h3>Small numbers</h3><p>${e(model.suppression.rule)} In this pack ${model.suppression.cells} table cells and ${model.suppression.tiles} headline values are suppressed. The pack shows no patient-level rows.</p></section>`;
}

function definitionsHtml(model: PackModel): string {
  const items = model.definitions.map(
    (d) => `<article id="def-${e(d.id)}"><h4>${e(d.label)}</h4><p>${e(d.definition)}</p><dl class="def"><dt>Formula</dt><dd>${e(d.formula)}</dd><dt>Target</dt><dd>${e(d.target)}; ${e(d.direction)}</dd><dt>Standard</dt><dd>${e(d.standard)}</dd><dt>Id</dt><dd>${e(d.id)}</dd></dl></article>`,
  );
  return `<section id="definitions"><h2>Appendix: metric definitions</h2>${items.join('\n')}</section>`;
}

export function packBodyHtml(model: PackModel, opts: HtmlOptions): string {
  const approved = opts.status.state === 'approved';
  return `<div class="pack"><style>${PACK_CSS}</style>
<header class="cover"><p class="practice">${e(model.practiceName)}</p><h1>Board pack</h1><p class="month">${e(model.monthLabel)}</p></header>
<p><span class="confidential">CONFIDENTIAL</span><span class="muted">For the board and investors only. Not to be copied or passed on.</span></p>
<p class="status ${approved ? 'approved' : 'draft'}">${e(statusLine(opts.status))}</p>
<p class="muted">Prepared ${e(stampLabel(model.generatedAt))} from the practice's billing, payroll and appointment data.</p>
${model.pages.map((p) => pageHtml(p, model, opts)).join('\n')}
${completenessHtml(model)}
${definitionsHtml(model)}
<footer>Confidential · ${e(model.practiceName)} · Board pack, ${e(model.monthLabel)} · ${e(statusLine(opts.status))}</footer></div>`;
}

/** The whole pack as one offline HTML document. */
export function renderPackHtml(model: PackModel, opts: Omit<HtmlOptions, 'afterCommentary'>): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${model.practiceName}: board pack, ${model.monthLabel}`)}</title>
<meta name="robots" content="noindex"></head>
<body>${packBodyHtml(model, opts)}</body></html>`;
}
