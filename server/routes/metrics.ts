/**
 * The metric catalog, readable: /metrics lists every definition (what a board member reads,
 * server/views/metrics.ts), /api/metrics serves the same as JSON. Both come from
 * dashboards/metrics, the one catalog.
 */
import express from 'express';
import { METRICS } from '../../dashboards/metrics/index.ts';
import { metricsPage } from '../views/metrics.ts';

export function metricRoutes(): express.Router {
  const r = express.Router();
  r.get('/metrics', (_req, res) => {
    res.type('html').send(metricsPage());
  });
  r.get('/api/metrics', (_req, res) => {
    res.json(METRICS.map((m) => ({ id: m.id, label: m.label, group: m.group, unit: m.unit, format: m.format, goodDirection: m.goodDirection, target: m.target, standard: m.standard, formula: m.formula, definition: m.definition, dimensions: m.dimensions })));
  });
  return r;
}
