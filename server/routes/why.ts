/**
 * The "why" view of a headline measure (docs/bridge.md):
 *   GET /why/:metricId?month=YYYY-MM&compare=prior|yoy|budget (+ the dashboards' filters)   staff
 *   GET /why/:metricId/:month?compare=prior|yoy|budget                                      staff and board
 * Filters are validated by the dashboards' own parser (400 with every problem named); the
 * bridge and its waterfalls are read in one snapshot from one pooled connection, each
 * waterfall drawn wide and for a phone (the page shows one by CSS).
 *
 * A board member reaches only the second form, for a month whose pack is approved (the access
 * policy checks it), and reads it as the board: the whole practice and that one month, whatever
 * other filters the address carries (free periods and filters could be differenced), with the
 * board's audience (small counts pooled per month, docs/bridge.md "Privacy"). Every request is
 * audited as a page view with its parameters, like any dashboard.
 */
import express, { type Request, type Response } from 'express';
import { bridgeFor, bridgeMeasure, fullMonth, waterfallOf, type Bridge } from '../../dashboards/bridge/index.ts';
import { NARROW_CHART_WIDTH, narrowVariant } from '../../dashboards/charts/variants.ts';
import { comparisonRange, COMPARES, dataSpan, filtersToQuery, parseFilters, toMetricFilter, withFilter, type Filters } from '../../dashboards/filters/index.ts';
import { freshness } from '../../dashboards/freshness.ts';
import { getMetric } from '../../dashboards/metrics/index.ts';
import { inSnapshot } from '../../dashboards/pages/index.ts';
import { HttpError } from '../../core/errors.ts';
import type { ConnectionPool } from '../../core/pool.ts';
import { layout } from '../views/layout.ts';
import { whyHtml, type WhyChart } from '../views/why.ts';
import { PAY_METRICS, PAY_WITHHELD_NOTE, spanWithheld, withheldPayMonths } from '../../dashboards/privacy/pay-groups.ts';

export interface WhyDeps {
  readonly pool: ConnectionPool;
  /** Today's date (ISO) from the injected clock. */
  readonly today: () => string;
}

const COMPARE_LABEL = { prior: 'prior period', yoy: 'last year', budget: 'budget' } as const;
const HOME: Readonly<Record<string, string>> = { financial: '/financial', collections: '/collections', staffing: '/staffing' };

/** The waterfalls of `bridge`, by dimension and 'effect', wide (640 px) and for a phone. */
function waterfalls(bridge: Bridge, currentLabel: string): Record<string, WhyChart | null> {
  const keys = [...bridge.byDimension.map((d) => d.dimension), 'effect' as const];
  return Object.fromEntries(keys.map((d) => {
    const svg = waterfallOf(bridge, d, { currentLabel });
    const narrow = waterfallOf(bridge, d, { currentLabel, width: NARROW_CHART_WIDTH });
    const id = `why-${bridge.metricId.replaceAll('_', '-')}-${d.toLowerCase()}`;
    return [d, svg && narrow ? { svg, narrowSvg: narrowVariant(narrow, id) } : null];
  }));
}

/** The query a request is read with: a board member's is the month and the comparison only. */
function queryOf(req: Request, board: boolean): Record<string, unknown> {
  const month = req.params.month === undefined ? undefined : String(req.params.month);
  if (!board) return month === undefined ? (req.query as Record<string, unknown>) : { ...(req.query as Record<string, unknown>), period: 'month', month };
  return { period: 'month', month, ...(req.query.compare !== undefined ? { compare: req.query.compare } : {}) };
}

export function whyRoutes(deps: WhyDeps): express.Router {
  const r = express.Router();
  const view = async (req: Request, res: Response) => {
    const metricId = String(req.params.metricId);
    const measure = bridgeMeasure(metricId);
    if (!measure) throw new HttpError(404, 'There is no "why" view for this measure');
    const board = res.locals.auth?.role === 'board';
    const today = deps.today();
    const page = await deps.pool.use((conn) =>
      inSnapshot(conn, async () => {
        const fresh = await freshness(conn, today);
        const parsed = parseFilters(queryOf(req, board), { today, ...dataSpan(fresh, today) });
        if (!parsed.ok) throw new HttpError(400, 'Some filters are not valid', parsed.errors);
        const f: Filters = parsed.value;
        const { from, to, ...filter } = toMetricFilter(f);
        const base = comparisonRange(f);
        // Pay by person is the admin's alone: a location paying fewer than 3 people in a month of either span shows no pay bridge.
        if (PAY_METRICS.has(metricId) && f.location && res.locals.auth?.role !== 'admin') {
          const withheld = await withheldPayMonths(conn, f.location, base.from < from ? base.from : from, base.to > to ? base.to : to);
          if (spanWithheld(withheld, from, to) || spanWithheld(withheld, base.from, base.to)) throw new HttpError(403, PAY_WITHHELD_NOTE);
        }
        const bridge = await bridgeFor(conn, { metricId, from, to, comparison: f.compare, base, filter, audience: board ? 'board' : 'manager' });
        const span = from.slice(0, 7) === to.slice(0, 7) ? fullMonth(bridge.month) : `${fullMonth(from.slice(0, 7))} to ${fullMonth(to.slice(0, 7))}`;
        const month = from.slice(0, 7);
        const compareHref = (c: (typeof COMPARES)[number]) => (board ? `/why/${metricId}/${month}?compare=${c}` : `/why/${metricId}?${filtersToQuery(withFilter(f, 'compare', c))}`);
        return whyHtml({
          bridge,
          charts: waterfalls(bridge, span),
          periodText: `${span}, compared with ${bridge.comparisonLabel}`,
          back: board ? { href: `/reports/${month}`, label: 'Back to the board pack' } : { href: `${HOME[measure.section] ?? '/'}?${filtersToQuery(f)}`, label: 'Back to the dashboard' },
          compareLinks: COMPARES.map((c) => ({ label: COMPARE_LABEL[c], href: compareHref(c), current: c === f.compare })),
          ...(board ? { boardNote: true } : {}),
        });
      }),
    );
    res.set('Cache-Control', 'no-store').type('html').send(layout(`Why ${getMetric(metricId).label.toLowerCase()} moved`, page, { active: board ? '/reports' : '/' }));
  };
  r.get('/why/:metricId', view);
  r.get('/why/:metricId/:month', view);
  return r;
}
