/**
 * The metric catalog, readable: /metrics lists every definition (what a board member reads),
 * /api/metrics serves the same as JSON. Both come from dashboards/metrics, the one catalog.
 */
import express from 'express';
import { DIRECTION_WORD, targetBandText } from '../../dashboards/present/index.ts';
import { METRICS, type Metric } from '../../dashboards/metrics/index.ts';
import { escapeHtml as e, layout } from '../html.ts';

const GROUPS = [
  ['financial', 'Financial review'],
  ['collections', 'Collections performance'],
  ['staffing', 'Staffing efficiency'],
  ['access', 'Access and care delivery'],
] as const;

// Target and direction wording is the presenter's (dashboards/present/wording.ts), as in the pack.
const target = (m: Metric): string => targetBandText(m);
const DIRECTION = DIRECTION_WORD;

export function metricRoutes(): express.Router {
  const r = express.Router();
  r.get('/metrics', (_req, res) => {
    const body = GROUPS.map(([g, title]) => {
      const items = METRICS.filter((m) => m.group === g)
        .map(
          (m) => `<article id="${e(m.id)}"><h3>${e(m.label)}</h3><p>${e(m.definition)}</p>
<dl class="def"><dt>Formula</dt><dd>${e(m.formula)}</dd><dt>Unit</dt><dd>${e(m.unit)}</dd><dt>Direction</dt><dd>${DIRECTION[m.goodDirection]}</dd>
<dt>Target</dt><dd>${e(target(m))}</dd><dt>Standard</dt><dd>${e(m.standard)}</dd><dt>Id</dt><dd><code>${e(m.id)}</code></dd></dl></article>`,
        )
        .join('\n');
      return `<section aria-labelledby="g-${g}"><h2 id="g-${g}">${title}</h2>${items}</section>`;
    }).join('\n');
    res.type('html').send(layout('Metric definitions', `<h1>Metric definitions</h1><p class="subtitle">Every number on the dashboards and in the board pack is defined once, here.</p>${body}`, { active: '/metrics' }));
  });
  r.get('/api/metrics', (_req, res) => {
    res.json(METRICS.map((m) => ({ id: m.id, label: m.label, group: m.group, unit: m.unit, format: m.format, goodDirection: m.goodDirection, target: m.target, standard: m.standard, formula: m.formula, definition: m.definition, dimensions: m.dimensions })));
  });
  return r;
}
