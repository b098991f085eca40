/**
 * The metric catalog, readable: every definition a board member reads (formula, unit,
 * direction, target, standard), grouped as the dashboards group them. Escaped by the `html`
 * template.
 */
import { DIRECTION_WORD, targetBandText } from '../../dashboards/present/index.ts';
import { METRICS, METRIC_GROUPS, type Metric } from '../../dashboards/metrics/index.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';


// Target and direction wording is the presenter's (dashboards/present/wording.ts), as in the pack.
const DIRECTION = DIRECTION_WORD;
const target = (m: Metric): string => targetBandText(m);

export function metricsPage(): string {
  const body = METRIC_GROUPS.map(([g, title]) => {
    const items = METRICS.filter((m) => m.group === g).map(
      (m) => html`<article id="${m.id}"><h3>${m.label}</h3><p>${m.definition}</p>
<dl class="def"><dt>Formula</dt><dd>${m.formula}</dd><dt>Unit</dt><dd>${m.unit}</dd><dt>Direction</dt><dd>${DIRECTION[m.goodDirection]}</dd>
<dt>Target</dt><dd>${target(m)}</dd><dt>Standard</dt><dd>${m.standard}</dd><dt>Id</dt><dd><code>${m.id}</code></dd></dl></article>\n`,
    );
    return html`<section aria-labelledby="g-${g}"><h2 id="g-${g}">${title}</h2>${items}</section>\n`;
  });
  return layout('Metric definitions', html`<h1>Metric definitions</h1><p class="subtitle">Every number on the dashboards and in the board pack is defined once, here.</p>${body}`, { active: '/metrics' });
}
