/**
 * The "why" view of a headline measure (docs/bridge.md):
 *   GET /why/:metricId?month=YYYY-MM&compare=prior|yoy|budget (+ the dashboards' filters)
 * Filters are validated by the dashboards' own parser (400 with every problem named); the
 * bridge and its waterfalls are read in one snapshot from one pooled connection. Access is the
 * dashboards' (staff; the board reads the bridges in the approved pack), and the request is
 * audited as a page view with its filter parameters like any dashboard.
 */
import express, { type Request, type Response } from 'express';
import { bridgeFor, bridgeMeasure, fullMonth, waterfallOf } from '../../dashboards/bridge/index.ts';
import { comparisonRange, COMPARES, dataSpan, filtersToQuery, parseFilters, toMetricFilter, withFilter } from '../../dashboards/filters/index.ts';
import { freshness } from '../../dashboards/freshness.ts';
import { getMetric } from '../../dashboards/metrics/index.ts';
import { inSnapshot } from '../../dashboards/pages/index.ts';
import { HttpError } from '../../core/errors.ts';
import type { ConnectionPool } from '../../core/pool.ts';
import { layout } from '../views/layout.ts';
import { whyHtml } from '../views/why.ts';

export interface WhyDeps {
  readonly pool: ConnectionPool;
  /** Today's date (ISO) from the injected clock. */
  readonly today: () => string;
}

const COMPARE_LABEL = { prior: 'prior period', yoy: 'last year', budget: 'budget' } as const;
const HOME: Readonly<Record<string, string>> = { financial: '/financial', collections: '/collections', staffing: '/staffing' };

export function whyRoutes(deps: WhyDeps): express.Router {
  const r = express.Router();
  r.get('/why/:metricId', async (req: Request, res: Response) => {
    const metricId = String(req.params.metricId);
    const measure = bridgeMeasure(metricId);
    if (!measure) throw new HttpError(404, 'There is no "why" view for this measure');
    const today = deps.today();
    const page = await deps.pool.use((conn) =>
      inSnapshot(conn, async () => {
        const fresh = await freshness(conn, today);
        const parsed = parseFilters(req.query as Record<string, unknown>, { today, ...dataSpan(fresh, today) });
        if (!parsed.ok) throw new HttpError(400, 'Some filters are not valid', parsed.errors);
        const f = parsed.value;
        const { from, to, ...filter } = toMetricFilter(f);
        const bridge = await bridgeFor(conn, {
          metricId, from, to, comparison: f.compare, base: comparisonRange(f), filter,
          audience: res.locals.auth?.role === 'board' ? 'board' : 'manager',
        });
        const span = from.slice(0, 7) === to.slice(0, 7) ? fullMonth(bridge.month) : `${fullMonth(from.slice(0, 7))} to ${fullMonth(to.slice(0, 7))}`;
        const charts = Object.fromEntries([...bridge.byDimension.map((d) => d.dimension), 'effect' as const].map((d) => [d, waterfallOf(bridge, d, { currentLabel: span })]));
        const query = filtersToQuery(f);
        return whyHtml({
          bridge,
          charts,
          periodText: `${span}, compared with ${bridge.comparisonLabel}`,
          backHref: `${HOME[measure.section] ?? '/'}?${query}`,
          compareLinks: COMPARES.map((c) => ({ label: COMPARE_LABEL[c], href: `/why/${metricId}?${filtersToQuery(withFilter(f, 'compare', c))}`, current: c === f.compare })),
        });
      }),
    );
    res.set('Cache-Control', 'no-store').type('html').send(layout(`Why ${getMetric(metricId).label.toLowerCase()} moved`, page, { active: '/' }));
  });
  return r;
}
