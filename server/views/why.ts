/**
 * The "why" view of one headline measure: what it was, what it is, the change, the ranked top
 * drivers, the effects (money), a waterfall per dimension and every driver list as a table.
 * It renders the bridge as presented (every number arrives as text) and formats nothing.
 */
import type { Bridge, BridgeDriver } from '../../dashboards/bridge/index.ts';
import { chartFigures } from './dashboard.ts';
import { html, type SafeHtml } from './html.ts';
import { scrollTable } from './layout.ts';

export interface WhyPage {
  readonly bridge: Bridge;
  /** 'September 2026, compared with August 2026' */
  readonly periodText: string;
  /** The waterfall SVGs (drawn by dashboards/charts), wide and for a phone, by dimension or 'effect'. */
  readonly charts: Readonly<Record<string, WhyChart | null>>;
  /** Where the reader came from: the measure's dashboard with the same filters, or the board pack. */
  readonly back: { readonly href: string; readonly label: string };
  /** Read as the board: say that the view is the whole practice for one month, small numbers pooled. */
  readonly boardNote?: boolean;
  /** The same view against the other comparisons. */
  readonly compareLinks: readonly { readonly label: string; readonly href: string; readonly current: boolean }[];
}

/** A waterfall in its two layouts (server/views/dashboard.ts chartFigures picks one by CSS). */
export interface WhyChart {
  readonly svg: string;
  readonly narrowSvg: string;
}

/** What the board's view is, said on it (docs/bridge.md, "Privacy"). */
export const BOARD_NOTE =
  'For the board: the whole practice and one month, computed from the data as it stands now. Segments with a count of patients or appointments from 1 to 10 in a month, and locations paying fewer than 3 people, are pooled the same way in every view of that month, so that none can be worked out.';

const figures = (c: WhyChart | null | undefined): SafeHtml | '' => (c ? chartFigures(c.svg, c.narrowSvg) : '');

const share = (d: BridgeDriver) => (d.share === null ? '\u2014' : `${Math.round(d.share * 100)}%`);

function driverTable(caption: string, drivers: readonly BridgeDriver[]): SafeHtml {
  return scrollTable(caption, html`<table><caption>${caption}</caption><thead><tr><th scope="col">Segment</th><th scope="col" class="num">Comparison</th><th scope="col" class="num">Month</th><th scope="col" class="num">Change</th><th scope="col" class="num">Share of change</th></tr></thead>
<tbody>${drivers.map((d) => html`<tr><th scope="row">${d.label}${d.suppressed ? ' *' : ''}</th><td class="num">${d.base?.text ?? '\u2014'}</td><td class="num">${d.current?.text ?? '\u2014'}</td><td class="num">${d.change.text}</td><td class="num">${share(d)}</td></tr>`)}</tbody></table>`);
}

export function whyHtml(p: WhyPage): SafeHtml {
  const b = p.bridge;
  const head = html`<p><a href="${p.back.href}">${p.back.label}</a> · Compare with: ${p.compareLinks.map((c, i) => html`${i ? ' · ' : ''}${c.current ? html`<strong aria-current="page">${c.label}</strong>` : html`<a href="${c.href}">${c.label}</a>`}`)}</p>
<h1>Why ${b.label.toLowerCase()} moved</h1><p class="subtitle">${p.periodText}</p>
${p.boardNote ? html`<p class="note">${BOARD_NOTE}</p>` : ''}`;
  if (!b.change) {
    return html`${head}<p class="summary">${b.comparisonLabel}: ${b.base?.text ?? '\u2014'} · Month: ${b.current?.text ?? '\u2014'}</p><p class="note">${b.note ?? 'There is nothing to compare.'}</p>`;
  }
  const pct = b.changePct === null ? '' : ` (${b.changePct > 0 ? '+' : ''}${Math.round(b.changePct * 100)}%)`;
  const top = b.top.length
    ? html`<section aria-labelledby="h-top"><h2 id="h-top">Top drivers</h2><ol class="drivers">${b.top.map((d) => html`<li>${d.label} <span class="num">${d.change.text}</span> <span class="note">(${d.dimension === 'effect' ? 'effect' : b.byDimension.find((x) => x.dimension === d.dimension)?.label ?? ''})</span></li>`)}</ol></section>`
    : '';
  const effects = b.effects?.length
    ? html`<section aria-labelledby="h-effects"><h2 id="h-effects">Volume and rate</h2><p>${b.effects[0]!.formula}</p>${figures(p.charts.effect)}
<ul>${b.effects.map((e) => html`<li>${e.label}: <span class="num">${e.change.text}</span></li>`)}</ul></section>`
    : '';
  const dims = b.byDimension.map((d) => html`<section aria-labelledby="h-${d.dimension}"><h2 id="h-${d.dimension}">By ${d.label.toLowerCase()}</h2>
${figures(p.charts[d.dimension])}
<details><summary>Data (${d.drivers.length} rows)</summary>${driverTable(`${b.label} by ${d.label.toLowerCase()}`, d.drivers)}</details></section>`);
  const pooled = b.byDimension.some((d) => d.drivers.some((x) => x.suppressed))
    ? html`<p class="note">* Segments with a count of 1 to 10 are pooled so that none can be worked out (CMS cell-size rule).</p>`
    : '';
  return html`${head}
<p class="summary">${b.comparisonLabel}: <strong>${b.base?.text ?? ''}</strong> · Month: <strong>${b.current?.text ?? ''}</strong> · Change: <strong>${b.change.text}${pct}</strong></p>
${b.note ? html`<p class="note">${b.note}</p>` : ''}
<p class="note">Each list below sums exactly to the change; rows without a segment are their own line ("Unassigned").</p>
${top}${effects}${dims}${pooled}`;
}
