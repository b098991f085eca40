/**
 * A report email's content from a dashboard page model (dashboards/pages): one headline row per
 * tile, formatted exactly as the page formats it (value, prior period, target), and the page's
 * section charts. Lets the weekly collections summary mail what the collections page shows.
 * Example: reportFromPage(await buildPage('collections', ctx), { title: 'Collections as of 2026-11-16' })
 */
import { formatValue } from '../../dashboards/charts/format.ts';
import type { PageModel, Tile } from '../../dashboards/pages/model.ts';
import type { ChartSvg, HeadlineRow, Headlines } from './emailBody.ts';

export interface PageReport {
  readonly headlines: Headlines;
  readonly charts: ChartSvg[];
}

const shown = (t: Tile, v: Tile['value'] | null | undefined): string =>
  formatValue(t.column, !v ? null : t.metric.unit === 'usd' ? (v.exact ?? v.value) : v.value);

function row(t: Tile): HeadlineRow {
  const good = t.metric.target.good;
  return {
    label: t.metric.label,
    value: shown(t, t.value),
    prior: shown(t, t.comparisons.find((c) => c.label === 'Prior period')?.value),
    target: good === undefined ? null : `${t.metric.goodDirection === 'down' ? '\u2264' : '\u2265'} ${formatValue(t.column, good)}`,
    status: t.status,
  };
}

export function reportFromPage(page: PageModel, opts: { title: string; subtitle?: string; note?: string; maxCharts?: number }): PageReport {
  const charts = page.sections.filter((s) => s.svg).slice(0, opts.maxCharts ?? 3).map((s) => ({ id: s.id, title: s.title, svg: s.svg! }));
  return {
    headlines: {
      title: opts.title,
      subtitle: opts.subtitle ?? page.subtitle,
      priorLabel: 'Prior period',
      rows: page.tiles.map(row),
      ...(opts.note ? { note: opts.note } : {}),
    },
    charts,
  };
}
