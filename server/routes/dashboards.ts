/**
 * The dashboards and their data API. Every request's filters are validated at the edge (400
 * with every problem named), bound as query parameters, and served from one pooled connection.
 *   GET /, /financial, /collections, /staffing         pages (HTML)
 *   GET /api/dashboards/:page/:section.(csv|arrow|json) the data behind a chart or table
 */
import express, { type Request, type Response } from 'express';
import type { DuckDBConnection } from '@duckdb/node-api';
import { toArrowIPC, toCsv, type ResultTable } from '../../dashboards/export/index.ts';
import { isSuppressed, suppressTable } from '../../dashboards/privacy/suppress.ts';
import { comparisonRange, dataSpan, filtersToQuery, parseFilters, withFilter, type Filters } from '../../dashboards/filters/index.ts';
import { freshness, type SourceFreshness } from '../../dashboards/freshness.ts';
import { buildPage, inSnapshot, isPageId, PAGES, sectionIds, type PageContext, type PageId, type SectionErrorReporter } from '../../dashboards/pages/index.ts';
import { presentPage } from '../../dashboards/present/index.ts';
import { filterChoices } from '../../dashboards/filters/index.ts';
import type { ChartErrorReporter } from '../../dashboards/charts/safe.ts';
import type { ConnectionPool } from '../../core/pool.ts';
import { layout } from '../views/layout.ts';
import { HttpError } from '../../core/errors.ts';
import { DASHBOARD_CSS, dashboardHtml } from '../views/dashboard.ts';
import { filterForm } from '../views/filterForm.ts';
import type { SafeHtml } from '../views/html.ts';
import { PageCache, type PageKey } from '../cache/pageCache.ts';
import { RequestTiming, routeTiming } from '../timing.ts';
import type { WriteVersion } from '../cache/writeVersion.ts';

export interface DashboardDeps {
  readonly pool: ConnectionPool;
  /** Today's date (ISO) from the injected clock. */
  readonly today: () => string;
  /** The practice's IANA time zone: load times are shown in it, labelled. Default UTC. */
  readonly timezone?: string;
  /** Where a chart that could not be drawn is logged (the section shows a note and its table). */
  readonly onChartError?: ChartErrorReporter;
  /** Where a section whose query failed is logged (the page shows its notice, the rest as usual). */
  readonly onSectionError?: SectionErrorReporter;
  /** Rendered page bodies per data version (server/cache/pageCache.ts); one per router by default. */
  readonly pageCache?: PageCache<SafeHtml>;
  /**
   * The data's version known in the process (the context's `writes`): a cached page is then
   * served without a connection. Without it the version is read by a statement (dataVersion.sql).
   */
  readonly version?: WriteVersion;
}

const FILTERS_JS = new URL('../assets/filters.js', import.meta.url);

/** The Arrow IPC stream format's registered media type (docs/api.md). */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

const PATHS: Record<PageId, string> = { overview: '/', financial: '/financial', collections: '/collections', staffing: '/staffing' };

/** The request's filters, bounded by what the data covers. */
function parsedFilters(req: Request, today: string, fresh: readonly SourceFreshness[]): Filters {
  // The default month is the newest full month of whichever sources have data.
  const parsed = parseFilters(req.query as Record<string, unknown>, { today, ...dataSpan(fresh, today) });
  if (!parsed.ok) throw new HttpError(400, 'Some filters are not valid', parsed.errors);
  return parsed.value;
}

/** The request's filters, bounded by what the data covers (read once; the page reuses it). */
async function filtersFor(conn: DuckDBConnection, req: Request, today: string): Promise<{ filters: Filters; fresh: SourceFreshness[] }> {
  const fresh = await freshness(conn, today);
  return { filters: parsedFilters(req, today, fresh), fresh };
}

/** A snapshot that turned out to be at another version than the one asked for. */
class StaleVersion extends Error {}

/** Lends a pooled connection to `fn`, the wait counted as `pool` and its statements as `db`. */
type Lend = <T>(fn: (conn: DuckDBConnection) => Promise<T>) => Promise<T>;

function pageContext(conn: DuckDBConnection, page: PageId, filters: Filters, today: string, role: string | undefined, deps: Pick<DashboardDeps, 'onChartError' | 'onSectionError'>): PageContext {
  const query = filtersToQuery(filters);
  return {
    conn,
    filters,
    today,
    query,
    // Board members see aggregates only: small counts are suppressed for them.
    suppressSmall: role === 'board',
    // Pay by person is the admin's alone: everyone else sees job classes of fewer than 3 merged.
    payByPerson: role === 'admin',
    // Laid out at the width of the page's column (main is at most 1,280 px wide); the SVG scales down below it.
    chartWidth: WEB_CHART_WIDTH,
    drill: (key, value) => `${PATHS[page]}?${filtersToQuery(withFilter(filters, key, value))}`,
    ...(deps.onChartError ? { onChartError: deps.onChartError } : {}),
    ...(deps.onSectionError ? { onSectionError: deps.onSectionError } : {}),
  };
}

/** Section charts on the web fill the content column (1,280 px less padding). */
export const WEB_CHART_WIDTH = 1200;

const MONTH = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (iso: string) => MONTH.format(new Date(`${iso}T00:00:00Z`));
function periodText(f: Filters): string {
  const span = f.from.slice(0, 7) === f.to.slice(0, 7) ? monthName(f.from) : `${monthName(f.from)} to ${monthName(f.to)}`;
  if (f.compare === 'budget') return `${span}, compared with budget`;
  const c = comparisonRange(f);
  const cspan = c.from.slice(0, 7) === c.to.slice(0, 7) ? monthName(c.from) : `${monthName(c.from)} to ${monthName(c.to)}`;
  return `${span}, compared with ${cspan}`;
}

/** The table with the cell-size rule applied; a suppressed cell is exported empty. */
function boardTable(t: ResultTable): ResultTable {
  const shown = suppressTable(t);
  return { columns: t.columns, rows: shown.rows.map((r) => r.map((c) => (isSuppressed(c) ? null : c))), ...(t.kinds ? { kinds: t.kinds } : {}) };
}

/** A dashboard page's cache key: the page, the viewer's role, today and the filters as parsed. */
export interface DashboardKey extends PageKey {
  readonly page: PageId;
  readonly filters: Filters;
}

/**
 * Builds the body of the page `key` names (sections, charts, filter bar) on `conn`: call it
 * inside one snapshot (inSnapshot). `dontKeep` is called when a section could not be computed.
 * What the route serves and what the warmer (server/cache/pageWarm.ts) builds after a write.
 */
export function dashboardBody(deps: Pick<DashboardDeps, 'timezone' | 'onChartError' | 'onSectionError'>) {
  return async (conn: DuckDBConnection, key: DashboardKey, dontKeep: () => void, timing = new RequestTiming()): Promise<SafeHtml> => {
    const { page: id, filters, today, role } = key;
    const path = PATHS[id];
    const fresh = await freshness(conn, today);
    const ctx = pageContext(conn, id, filters, today, role, deps);
    const shown = await timing.code(async () => {
      const model = await buildPage(id, ctx, { freshness: fresh });
      return presentPage(model, role === 'board' ? 'board' : 'manager', { timezone: deps.timezone ?? 'UTC' });
    });
    // A section that could not be computed is not kept: the next request tries again.
    if (shown.sections.some((sec) => sec.failed)) dontKeep();
    const choices = await filterChoices(conn);
    return timing.time('html', () => dashboardHtml(shown, { filterBar: filterForm(path, filters, choices, id === 'collections'), periodText: periodText(filters), query: ctx.query }));
  };
}

export function dashboardRoutes(deps: DashboardDeps): express.Router {
  const build = dashboardBody(deps);
  const r = express.Router();
  const cache = deps.pageCache ?? new PageCache<SafeHtml>();

  r.get('/assets/filters.js', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/javascript').sendFile(FILTERS_JS.pathname);
  });

  /**
   * The sources' freshness at `version` (read once per version). With the version known in the
   * process, read in a snapshot begun after `version` was (it shows at least that version's
   * writes; a later write moves the version and drops it). With the version read by a
   * statement, the snapshot's own version is checked, so a load committed since `version` was
   * read is not taken for it.
   */
  const freshAt = (lend: Lend, version: string, today: string): Promise<SourceFreshness[]> =>
    cache
      .memo(version, `freshness|${today}`, () =>
        lend((conn) =>
          inSnapshot(conn, async () => {
            const fresh = await freshness(conn, today);
            if (!deps.version && (await cache.version(conn)) !== version) throw new StaleVersion();
            return fresh;
          }),
        ),
      )
      .catch(async (err: unknown) => (err instanceof StaleVersion ? lend((conn) => freshness(conn, today)) : Promise.reject(err)));

  for (const [id, path] of Object.entries(PATHS) as [PageId, string][]) {
    r.get(path, async (req: Request, res: Response) => {
      const timing = routeTiming(res);
      const today = deps.today();
      const role = String(res.locals.auth?.role ?? 'none');
      // A body served from the cache costs no statement (the version known in the process;
      // freshness and the filters' bounds kept per version), or one (the version read by
      // dataVersion.sql): the page's statements run only on a miss.
      const lend: Lend = <T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> => {
        const waited = performance.now();
        return deps.pool.use((raw) => {
          timing.add('pool', performance.now() - waited);
          return fn(timing.connection(raw));
        });
      };
      const version = deps.version ? deps.version.current() : await lend((conn) => cache.version(conn));
      const filters = parsedFilters(req, today, await freshAt(lend, version, today));
      const key: DashboardKey = { page: id, role, today, filters };
      const kept = cache.peek(version, key);
      // A miss is built on a connection of its own; a request for a body already being built
      // waits for that build without holding a connection.
      const body =
        kept ??
        (await cache.serve(version, key, (dontKeep) =>
          lend((conn) =>
            inSnapshot(conn, async () => {
              // Built from a snapshot begun after the version known in the process was read, it
              // shows at least that version's data; a version read by a statement is checked.
              if (!deps.version && (await cache.version(conn)) !== version) dontKeep();
              return build(conn, key, dontKeep, timing);
            }),
          ),
        ));
      const html = await timing.time('html', () => layout(PAGES[id].title, body, { active: path, styles: DASHBOARD_CSS }));
      // Server-Timing lets a browser's tools (and bench/dashboards.ts) see where the server's time goes.
      res.set({ 'Cache-Control': 'no-store', 'Server-Timing': timing.header() }).type('html').send(html);
    });
  }

  r.get('/api/dashboards/:page/:file', async (req: Request, res: Response) => {
    const page = String(req.params.page);
    const m = /^([a-z0-9-]{1,64})\.(csv|arrow|json)$/.exec(String(req.params.file));
    if (!isPageId(page) || !m) throw new HttpError(404, 'No such dashboard data; the address is /api/dashboards/<page>/<section>.csv|arrow|json');
    const [, sectionId, format] = m as unknown as [string, string, 'csv' | 'arrow' | 'json'];
    const today = deps.today();
    const noSection = () => new HttpError(404, `The ${page} dashboard has no section "${sectionId}"; it has ${sectionIds(page).join(', ')}`);
    if (!sectionIds(page).includes(sectionId)) throw noSection();
    // The one section's queries run, in one snapshot, and nothing is drawn.
    const table = await deps.pool.use((conn) =>
      inSnapshot(conn, async () => {
        const { filters, fresh } = await filtersFor(conn, req, today);
        const model = await buildPage(page, pageContext(conn, page, filters, today, res.locals.auth?.role, deps), { section: sectionId, freshness: fresh });
        const section = model.sections.find((s) => s.id === sectionId);
        if (!section) throw noSection();
        // A board member downloads what the board's page shows: small cells (and their
        // complements) are empty, as on the page, never the counts.
        return res.locals.auth?.role === 'board' ? boardTable(section.table) : section.table;
      }),
    );
    const name = `practiceboard-${page}-${sectionId}`;
    res.set('Cache-Control', 'no-store');
    if (format === 'csv') res.type('text/csv').attachment(`${name}.csv`).send(toCsv(table, { bom: true }));
    // attachment() sets a type from the file's extension, which Express does not know for
    // .arrow (octet-stream): the stream's own media type is set after it.
    else if (format === 'arrow') res.attachment(`${name}.arrow`).type(ARROW_STREAM).send(Buffer.from(toArrowIPC(table)));
    else res.json({ columns: table.columns, rows: table.rows });
  });
  return r;
}
