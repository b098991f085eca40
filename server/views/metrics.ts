/**
 * The metric catalog, readable: every definition a board member reads (formula, unit,
 * direction, target, standard), grouped as the dashboards group them. Escaped by the `html`
 * template.
 */
import { formatValue } from '../../dashboards/charts/format.ts';
import { valueColumn } from '../../dashboards/pages/model.ts';
import { METRICS, type Metric } from '../../dashboards/metrics/index.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

const GROUPS = [
  ['financial', 'Financial review'],
  ['collections', 'Collections performance'],
  ['staffing', 'Staffing efficiency'],
  ['access', 'Access and care delivery'],
] as const;

const DIRECTION = { up: 'higher is better', down: 'lower is better', neutral: 'neither direction is better' } as const;

function target(m: Metric): string {
  const col = valueColumn(m);
  const cmp = m.goodDirection === 'down' ? '≤' : '≥';
  const parts = [m.target.good !== undefined ? `good ${cmp} ${formatValue(col, m.target.good)}` : '', m.target.warn !== undefined ? `watch ${cmp} ${formatValue(col, m.target.warn)}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'none';
}

export function metricsPage(): string {
  const body = GROUPS.map(([g, title]) => {
    const items = METRICS.filter((m) => m.group === g).map(
      (m) => html`<article id="${m.id}"><h3>${m.label}</h3><p>${m.definition}</p>
<dl class="def"><dt>Formula</dt><dd>${m.formula}</dd><dt>Unit</dt><dd>${m.unit}</dd><dt>Direction</dt><dd>${DIRECTION[m.goodDirection]}</dd>
<dt>Target</dt><dd>${target(m)}</dd><dt>Standard</dt><dd>${m.standard}</dd><dt>Id</dt><dd><code>${m.id}</code></dd></dl></article>\n`,
    );
    return html`<section aria-labelledby="g-${g}"><h2 id="g-${g}">${title}</h2>${items}</section>\n`;
  });
  return layout('Metric definitions', html`<h1>Metric definitions</h1><p class="subtitle">Every number on the dashboards and in the board pack is defined once, here.</p>${body}`, { active: '/metrics' });
}
