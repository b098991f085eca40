/**
 * The filter bar of every dashboard: a plain GET form, so a view is a URL (bookmark, share)
 * and works with JavaScript off. Options come from the warehouse's own dimensions.
 */
import type { Filters } from '../../dashboards/filters/index.ts';
import { COMPARES, PAYER_CLASSES, PERIODS } from '../../dashboards/filters/types.ts';
import { escapeHtml as e } from './layout.ts';

export interface FilterOptions {
  readonly locations: readonly { id: string; name: string }[];
  readonly providers: readonly { id: string; name: string }[];
}

const PERIOD_LABEL: Record<string, string> = { month: 'Month', quarter: 'Quarter to date', ytd: 'Year to date', t12m: 'Trailing 12 months', custom: 'Custom range' };
const COMPARE_LABEL: Record<string, string> = { prior: 'Prior period', yoy: 'Same period last year', budget: 'Budget' };

function select(name: string, label: string, current: string | undefined, options: readonly (readonly [string, string])[], all?: string): string {
  const opts = [...(all ? [['', all] as const] : []), ...options]
    .map(([v, l]) => `<option value="${e(v)}"${v === (current ?? '') ? ' selected' : ''}>${e(l)}</option>`)
    .join('');
  return `<label>${e(label)} <select name="${name}">${opts}</select></label>`;
}

export function filterForm(action: string, f: Filters, o: FilterOptions, withAsOf: boolean): string {
  const month = f.to.slice(0, 7);
  return `<form class="filters" method="get" action="${e(action)}" aria-label="Filters">
  ${select('period', 'Period', f.period, PERIODS.map((p) => [p, PERIOD_LABEL[p]!] as const))}
  <label>Month <input type="month" name="month" value="${e(month)}"></label>
  <label>From <input type="date" name="from" value="${f.period === 'custom' ? e(f.from) : ''}"></label>
  <label>To <input type="date" name="to" value="${f.period === 'custom' ? e(f.to) : ''}"></label>
  ${select('compare', 'Compare with', f.compare, COMPARES.map((c) => [c, COMPARE_LABEL[c]!] as const))}
  ${select('location', 'Location', f.location, o.locations.map((l) => [l.id, l.name] as const), 'All locations')}
  ${select('provider', 'Provider', f.provider, o.providers.map((p) => [p.id, p.name] as const), 'All providers')}
  ${select('payerClass', 'Payer class', f.payerClass, PAYER_CLASSES.map((p) => [p, p.replace('_', ' ')] as const), 'All payer classes')}
  ${withAsOf ? `<label>A/R as of <input type="date" name="asOf" value="${e(f.asOf ?? '')}"></label>` : ''}
  <button type="submit">Apply</button>
</form>`;
}
