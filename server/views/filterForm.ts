/**
 * The filter bar of every dashboard: a plain GET form, so a view is a URL (bookmark, share)
 * and works with JavaScript off. Options come from the warehouse's own dimensions; names that
 * two locations (providers) share are told apart by their id, and every option's value is the
 * id exactly as stored.
 *
 * Only the fields of the chosen period are sent: Month for month, quarter, ytd and t12m; From
 * and To for a custom range. The other group is hidden and disabled (a disabled field is not
 * submitted); /assets/filters.js swaps them when the period changes. Without JavaScript,
 * choosing "Custom range" sends the month, which the parser reads as a one-month custom range
 * whose From and To then show (dashboards/filters/README.md).
 */
import { distinctLabels } from '../../dashboards/charts/labels.ts';
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

/** Options of a dimension: value = id, label = name (with the id where names collide). */
function dimension(items: readonly { id: string; name: string }[], current: string | undefined): (readonly [string, string])[] {
  const labels = distinctLabels(items.map((i) => ({ key: i.id, label: i.name || i.id })));
  const options = items.map((i, n) => [i.id, labels[n]!] as const);
  // A filter on an id that has no row in the dimension table still shows as chosen.
  if (current !== undefined && !items.some((i) => i.id === current)) options.push([current, current]);
  return options;
}

/** A group of fields shown for some periods only; hidden and disabled (so not sent) for the others. */
function group(periods: string, shown: boolean, inner: string): string {
  const off = shown ? '' : ' hidden disabled';
  return `<fieldset class="period-fields" data-periods="${periods}"${off}>${inner}</fieldset>`;
}

export function filterForm(action: string, f: Filters, o: FilterOptions, withAsOf: boolean): string {
  const custom = f.period === 'custom';
  return `<form class="filters" method="get" action="${e(action)}" aria-label="Filters">
  ${select('period', 'Period', f.period, PERIODS.map((p) => [p, PERIOD_LABEL[p]!] as const))}
  ${group('month quarter ytd t12m', !custom, `<label>Month <input type="month" name="month" value="${e(f.to.slice(0, 7))}"></label>`)}
  ${group('custom', custom, `<label>From <input type="month" name="from" value="${e(f.from.slice(0, 7))}"></label> <label>To <input type="month" name="to" value="${e(f.to.slice(0, 7))}"></label>`)}
  ${select('compare', 'Compare with', f.compare, COMPARES.map((c) => [c, COMPARE_LABEL[c]!] as const))}
  ${select('location', 'Location', f.location, dimension(o.locations, f.location), 'All locations')}
  ${select('provider', 'Provider', f.provider, dimension(o.providers, f.provider), 'All providers')}
  ${select('payerClass', 'Payer class', f.payerClass, PAYER_CLASSES.map((p) => [p, p.replace('_', ' ')] as const), 'All payer classes')}
  ${withAsOf ? `<label>A/R as of <input type="date" name="asOf" value="${e(f.asOf ?? '')}"></label>` : ''}
  <button type="submit">Apply</button>
</form>
<script src="/assets/filters.js"></script>`;
}
