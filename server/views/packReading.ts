/**
 * The board's reading view of an approved pack, phone first (one column, nothing wider than a
 * 390 px screen): the story first (headline measures with their change against the prior month
 * and the same month last year, status, the top drivers of each move and the approved
 * commentary), then what changed since the last meeting (the headlines of the previously
 * approved pack against this one, and restatements), then one section per area with its
 * charts, and its tables folded away in their own scrollers. It shows approved content only:
 * no form, no draft text. Every number is the presented text stored in the pack; times are in
 * the practice's zone, labelled.
 */
import { changeAgainst, type PackChange } from '../../dashboards/present/change.ts';
import type { Bridge, BridgeDriver, PackStory } from '../../dashboards/bridge/types.ts';
import { BRIDGE_METRIC_IDS } from '../../dashboards/bridge/measures.ts';
import type { Commentary, PackModel, PackPage, PackSection, PackTile, Restatement } from '../../reports/model.ts';
import { partialNote } from '../../reports/story.ts';
import { monthLabel, restatementLine, statusLine, statusText, tableAlign, tableHeadings, tableText } from '../../reports/text.ts';
import { html, type SafeHtml } from './html.ts';
import { chartFigures } from './dashboard.ts';
import { scrollTable } from './layout.ts';

export interface ApprovedForReading {
  readonly model: PackModel;
  readonly commentary: Commentary;
  readonly status: { readonly state: 'approved'; readonly approvedAt: string; readonly approvedBy: string; readonly version: number };
}

export interface ReadingInput extends ApprovedForReading {
  /** The approved pack before this one (the last meeting's), if any. */
  readonly previous: Pick<ApprovedForReading, 'model'> | null;
  /** Restatements found since approval: of this pack and of the last meeting's. */
  readonly restatements: readonly Restatement[];
  /** Every approved month, newest first, for moving between packs. */
  readonly months: readonly string[];
  /** The practice's IANA zone: the approval and restatement times are shown in it, labelled. */
  readonly timezone: string;
}

/** The reading view's own CSS, given to the layout (`styles`). */
export const READING_CSS = `
.reading{max-width:44rem;margin:0 auto}.reading h1{font-size:1.6rem}.reading h2{font-size:1.3rem;color:var(--accent);border-top:1px solid var(--line);padding-top:.8rem;margin-top:1.6rem}
.reading .approved{color:var(--good);font-weight:600}.reading .links{font-size:.9rem}
.headlines{list-style:none;padding:0;margin:0;display:grid;gap:.8rem;grid-template-columns:repeat(auto-fill,minmax(min(18rem,100%),1fr))}
.headline{border:1px solid var(--line);border-top:4px solid var(--line);border-radius:6px;padding:.6rem .8rem;min-width:0}
.headline.status-good{border-top-color:var(--good)}.headline.status-warn{border-top-color:var(--warn)}.headline.status-bad{border-top-color:var(--bad)}
.headline h3{font-size:1rem;margin:0}.headline .value{font-size:1.7rem;font-weight:600;margin:.1rem 0;font-variant-numeric:tabular-nums}
.changes{list-style:none;padding:0;margin:.2rem 0;font-size:.95rem}.changes li{margin:.1rem 0}.chg-good{color:var(--good)}.chg-bad{color:var(--bad)}.vs{color:var(--muted)}
.headline .target{font-size:.85rem;color:var(--muted);margin:.2rem 0}.headline .spark svg{width:100%;max-width:16rem;height:auto}
.drivers{font-size:.9rem;margin:.3rem 0;padding-left:1.3rem}.headline h4{font-size:.85rem;margin:.5rem 0 0;color:var(--muted)}
.reading .commentary{background:#eef2f7;border-left:4px solid var(--accent);padding:.5rem .9rem;white-space:pre-wrap;margin:.4rem 0 1rem}
.moves{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.2rem .8rem;margin:.4rem 0}.moves dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
.reading details{margin:.3rem 0 1rem}.reading summary{cursor:pointer;color:#0550ae}.reading .restatement{border-left:4px solid var(--warn);padding-left:.6rem}
.area-tiles{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.15rem .8rem;margin:.4rem 0}.area-tiles dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:40rem){.reading figure{padding-bottom:1.2rem}.headline .value{font-size:1.5rem}}
`;

/** The tile's change against `key` (dashboards/present/change.ts) with the comparison's value as shown; null where no change can be shown. */
function changeOf(t: PackTile, key: 'prior' | 'yoy'): (PackChange & { readonly base: string }) | null {
  const c = changeAgainst(t, key);
  return c.arrow ? { ...c, base: t.comparisons.find((x) => x.key === key)?.value.text ?? '' } : null;
}

const toneClass = (c: PackChange): string => (c.tone === 'neutral' ? '' : `chg-${c.tone}`);

function changeItem(c: PackChange & { readonly base: string }): SafeHtml {
  return html`<li class="${toneClass(c)}"><span aria-hidden="true">${c.arrow}</span> ${c.text} <span class="vs">${c.label.toLowerCase()} (${c.base})</span></li>`;
}

const driverText = (d: BridgeDriver): string => (d.suppressed ? `${d.label}: withheld (small numbers)` : `${d.label}: ${d.change.text}`);

function drivers(bridge: Bridge | undefined): SafeHtml | '' {
  const top = bridge?.top.slice(0, 3) ?? [];
  if (!bridge || top.length === 0) return '';
  return html`<h4>Top drivers against ${bridge.comparisonLabel}</h4><ol class="drivers">${top.map((d) => html`<li>${driverText(d)}</li>`)}</ol>`;
}

/** The measure's "why" view at the pack's month (the board reads it at the pack's grain), for a bridged measure. */
function whyLink(t: PackTile, month: string): SafeHtml | '' {
  if (!BRIDGE_METRIC_IDS.includes(t.metricId)) return '';
  return html`<p class="why"><a href="${`/why/${t.metricId}/${month}?compare=prior`}" aria-label="${`Why did it move? ${t.label}`}">Why did it move?</a></p>`;
}

function headline(t: PackTile, story: PackStory | undefined, month: string): SafeHtml {
  const changes = (['prior', 'yoy'] as const).map((k) => changeOf(t, k)).filter((c) => c !== null);
  const status = statusText(t);
  const bridge = story?.bridges.find((b) => b.metricId === t.metricId);
  return html`<li class="headline${t.status ? ` status-${t.status}` : ''}"><h3>${t.label}</h3>
<p class="value">${t.value.text}${status ? html` <span class="badge">${status}</span>` : ''}</p>
${changes.length ? html`<ul class="changes">${changes.map(changeItem)}</ul>` : ''}
${t.target.good === undefined && t.target.warn === undefined ? '' : html`<p class="target">Target: ${t.target.text}</p>`}${drivers(bridge)}${whyLink(t, month)}</li>`;
}

function commentaryBlock(text: string | undefined): SafeHtml | '' {
  const t = text?.trim();
  return t ? html`<h3>Manager's commentary</h3><div class="commentary">${t}</div>` : '';
}

function storySection(p: ReadingInput, overview: PackPage | undefined): SafeHtml {
  const story = p.model.story;
  const anomalies = story?.anomalies ?? [];
  const partial = overview ? partialNote(overview.tiles) : '';
  return html`<section aria-labelledby="h-story"><h2 id="h-story">The month in brief</h2>
${overview?.tiles.length ? html`<ol class="headlines">${overview.tiles.map((t) => headline(t, story, p.model.month))}</ol>` : html`<p>This pack has no headline measures.</p>`}
${partial ? html`<p class="note">${partial}</p>` : ''}
${commentaryBlock(p.commentary.overview)}
${anomalies.length ? html`<h3>Worth a look</h3><ul>${anomalies.map((a) => html`<li>${a.message}${a.likelyExportProblem ? ' Probably an export problem rather than a change in the business.' : ''}</li>`)}</ul>` : ''}</section>`;
}

function sinceSection(p: ReadingInput, overview: PackPage | undefined): SafeHtml {
  const prev = p.previous?.model;
  const before = new Map((prev?.pages.find((x) => x.id === 'overview')?.tiles ?? []).map((t) => [t.metricId, t]));
  const moves = prev
    ? (overview?.tiles ?? []).filter((t) => before.has(t.metricId)).map((t) => html`<dt>${t.label}</dt><dd>${before.get(t.metricId)!.value.text} \u2192 ${t.value.text}</dd>`)
    : [];
  const restated = p.restatements.length
    ? html`<h3>Restatements</h3><p class="note">A later data load changed numbers an approved pack presented. Approved packs stay as they were; the changes are listed here.</p>${p.restatements.map((r) => html`<p class="restatement">${restatementLine(r, p.timezone)}</p>`)}`
    : html`<p>No number of an approved pack has been restated.</p>`;
  return html`<section aria-labelledby="h-since"><h2 id="h-since">Since the last meeting</h2>
${prev ? html`<p>The headline measures in the pack for ${prev.monthLabel} and now, in ${p.model.monthLabel}:</p><dl class="moves">${moves}</dl>` : html`<p>This is the first approved pack: there is no earlier meeting to compare with.</p>`}
${restated}</section>`;
}

function sectionTable(s: PackSection): SafeHtml | '' {
  if (!s.table.rows.length) return html`<p class="note">No data for this month.</p>`;
  const align = tableAlign(s.table);
  const text = tableText(s.table);
  const cls = (i: number) => (align[i] === 'right' ? html` class="num"` : '');
  const table = html`<table><thead><tr>${tableHeadings(s.table).map((h, i) => html`<th scope="col"${cls(i)}>${h}</th>`)}</tr></thead><tbody>${text.map(
    (r) => html`<tr>${r.map((v, i) => html`<td${cls(i)}>${v}</td>`)}</tr>`,
  )}</tbody></table>`;
  return html`<details><summary>The table: ${s.title}</summary>${scrollTable(`${s.title} table`, table)}</details>`;
}

function areaSection(page: PackPage, p: ReadingInput): SafeHtml {
  const tiles = page.tiles.map((t) => {
    const prior = changeOf(t, 'prior');
    return html`<dt>${t.label}</dt><dd>${t.value.text}${prior ? html` <span class="${toneClass(prior)}"><span aria-hidden="true">${prior.arrow}</span> ${prior.text}</span>` : ''}</dd>`;
  });
  return html`<section id="area-${page.id}" aria-labelledby="h-${page.id}"><h2 id="h-${page.id}">${page.title}</h2>
${commentaryBlock(p.commentary[page.id])}
${tiles.length ? html`<dl class="area-tiles">${tiles}</dl>` : ''}
${page.sections.map(
  (s) => html`<h3>${s.title}</h3>${s.intro ? html`<p class="note">${s.intro}</p>` : ''}${s.svg ? chartFigures(s.svg, s.narrowSvg, 'pack-chart') : ''}${s.chartNote ? html`<p class="note">${s.chartNote}</p>` : ''}
${sectionTable(s)}${s.note ? html`<p class="note">${s.note}</p>` : ''}${s.suppressedCells ? html`<p class="note">"suppressed": a count of patients from 1 to 10, or a cell from which one could be worked out (CMS cell-size rule).</p>` : ''}`,
)}</section>`;
}

const downloads = (month: string) =>
  html`<a href="/reports/${month}.pdf?size=letter">PDF (Letter)</a> · <a href="/reports/${month}.pdf?size=a4">PDF (A4)</a> · <a href="/reports/${month}.html">HTML (offline)</a>`;

function otherPacks(months: readonly string[], current: string): SafeHtml | '' {
  const others = months.filter((m) => m !== current);
  if (!others.length) return '';
  return html`<nav aria-labelledby="h-packs"><h2 id="h-packs">Other approved packs</h2><ul>${others.map((m) => html`<li><a href="/reports/${m}">${monthLabel(m)}</a></li>`)}</ul></nav>`;
}

/** The reading view's body (for the server's layout). */
export function readingView(p: ReadingInput): SafeHtml {
  const m = p.model;
  const overview = m.pages.find((x) => x.id === 'overview');
  return html`<article class="reading">
<p class="subtitle">${m.practiceName} · Confidential: for the board and investors only</p>
<h1>Board pack, ${m.monthLabel}</h1>
<p class="approved">${statusLine(p.status, p.timezone)}</p>
<p class="links">Download: ${downloads(m.month)}</p>
${storySection(p, overview)}
${sinceSection(p, overview)}
${m.pages.filter((x) => x.id !== 'overview').map((page) => areaSection(page, p))}
<section aria-labelledby="h-more"><h2 id="h-more">About these numbers</h2><p>${m.suppression.rule} In this pack ${m.suppression.cells} table cells and ${m.suppression.tiles} headline values are suppressed.</p>
<p>Where each source's data comes from and which rows were rejected: the full pack (<a href="/reports/${m.month}.pdf?size=letter">PDF</a>). What every measure means: <a href="/metrics">metric definitions</a>.</p></section>
${otherPacks(p.months, m.month)}</article>`;
}

/** No pack has been approved yet: nothing for the board to read. */
export function readingEmpty(): SafeHtml {
  return html`<article class="reading"><h1>Board pack</h1>
<p>No board pack has been approved yet. When the practice manager approves the month's pack, it appears here, and you will find it on this page when you sign in.</p>
<p>Meanwhile, what each measure means: <a href="/metrics">metric definitions</a>.</p></article>`;
}
