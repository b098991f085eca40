/**
 * The metric catalog, readable: /metrics lists every definition (what a board member reads,
 * server/views/metrics.ts), /api/metrics serves the same as JSON. Both come from
 * dashboards/metrics, the one catalog. The catalog is code: the page's body is written once per
 * process and kept (no data, role or day changes it, so unlike the dashboards it needs no
 * version); only the layout (navigation by role, the signed-in user) is written per request.
 */
import express from 'express';
import { METRICS } from '../../dashboards/metrics/index.ts';
import { metricsBody, metricsPage } from '../views/metrics.ts';
import type { SafeHtml } from '../views/html.ts';
import { routeTiming } from '../timing.ts';

export function metricRoutes(): express.Router {
  const r = express.Router();
  let body: SafeHtml | undefined;
  r.get('/metrics', (_req, res) => {
    const timing = routeTiming(res);
    const t0 = performance.now();
    body ??= metricsBody();
    const page = metricsPage(body);
    timing.add('html', performance.now() - t0);
    res.set('Server-Timing', timing.header()).type('html').send(page);
  });
  r.get('/api/metrics', (_req, res) => {
    res.json(METRICS.map((m) => ({ id: m.id, label: m.label, group: m.group, unit: m.unit, format: m.format, goodDirection: m.goodDirection, target: m.target, standard: m.standard, formula: m.formula, definition: m.definition, dimensions: m.dimensions })));
  });
  return r;
}
