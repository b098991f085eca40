/**
 * The filter bar of every dashboard: a plain GET form, so a view is a URL (bookmark, share)
 * and works with JavaScript off. Options come from the warehouse's own dimensions; names that
 * two locations (providers) share are told apart by their id, and every option's value is the
 * id exactly as stored.
 *
 * Above the form, a chip for each filter applied (chosen here or by a drill-down link), each a
 * link to the same view without it, and a reset to the page's defaults.
 *
 * The provider list follows the chosen location: the server lists the providers of the location
 * in the address; /assets/filters.js re-filters the list when the location changes, from a
 * <template> of every provider with its locations (no inline script: the CSP forbids it).
 *
 * Only the fields of the chosen period are sent: Month for month, quarter, ytd and t12m; From
 * and To for a custom range. The other group is hidden and disabled (a disabled field is not
 * submitted); /assets/filters.js swaps them when the period changes. Without JavaScript,
 * choosing "Custom range" sends the month, which the parser reads as a one-month custom range
 * whose From and To then show (dashboards/filters/README.md).
 */
import { distinctLabels } from '../../dashboards/charts/labels.ts';
import { filterChips, providersAt, type FilterChoice, type Filters, type ProviderChoice } from '../../dashboards/filters/index.ts';
import { COMPARES, PAYER_CLASSES, PERIODS } from '../../dashboards/filters/types.ts';
import { html, type SafeHtml } from './html.ts';

export interface FilterOptions {
  readonly locations: readonly FilterChoice[];
  readonly providers: readonly ProviderChoice[];
}

const PERIOD_LABEL: Record<string, string> = { month: 'Month', quarter: 'Quarter to date', ytd: 'Year to date', t12m: 'Trailing 12 months', custom: 'Custom range' };
const COMPARE_LABEL: Record<string, string> = { prior: 'Prior period', yoy: 'Same period last year', budget: 'Budget' };

type Option = readonly [value: string, label: string];

function optionsHtml(current: string | undefined, options: readonly Option[], all?: string): SafeHtml {
  const list = [...(all ? [['', all] as const] : []), ...options];
  return html`${list.map(([v, l]) => html`<option value="${v}"${v === (current ?? '') ? html` selected` : ''}>${l}</option>`)}`;
}

function select(name: string, label: string, current: string | undefined, options: readonly Option[], all?: string): SafeHtml {
  return html`<label>${label} <select name="${name}">${optionsHtml(current, options, all)}</select></label>`;
}

/** Options of a dimension: value = id, label = name (with the id where names collide). */
function dimension(items: readonly FilterChoice[], current: string | undefined): Option[] {
  const labels = distinctLabels(items.map((i) => ({ key: i.id, label: i.name || i.id })));
  const options: Option[] = items.map((i, n) => [i.id, labels[n]!] as const);
  // A filter on an id that has no row in the dimension table still shows as chosen.
  if (current !== undefined && !items.some((i) => i.id === current)) options.push([current, current]);
  return options;
}

/** A group of fields shown for some periods only; hidden and disabled (so not sent) for the others. */
function group(periods: string, shown: boolean, inner: SafeHtml): SafeHtml {
  return html`<fieldset class="period-fields" data-periods="${periods}"${shown ? '' : html` hidden disabled`}>${inner}</fieldset>`;
}

/** Every provider, labelled as in the full list, with the locations it works at (for filters.js). */
function providerTemplate(providers: readonly ProviderChoice[]): SafeHtml {
  const labels = distinctLabels(providers.map((p) => ({ key: p.id, label: p.name || p.id })));
  return html`<template id="provider-choices">${providers.map((p, i) => html`<option value="${p.id}" data-locations="${JSON.stringify(p.locations)}">${labels[i]!}</option>`)}</template>`;
}

/** The chips of what is applied, each removable, and a reset; nothing when only defaults apply. */
function chipsHtml(action: string, f: Filters, o: FilterOptions): SafeHtml | '' {
  const chips = filterChips(f, o);
  if (!chips.length) return '';
  return html`<div class="chips" role="region" aria-label="Filters applied"><span class="chips-label">Filtered by:</span> <ul>${chips.map(
    (c) => html`<li class="chip" data-filter="${c.key}">${c.label}: <strong>${c.value}</strong> <a href="${`${action}?${c.removeQuery}`}" aria-label="${`Remove ${c.label}: ${c.value}`}" title="Remove this filter">\u00d7</a></li>`,
  )}</ul> <a class="reset" href="${action}">Reset all filters</a></div>`;
}

export function filterForm(action: string, f: Filters, o: FilterOptions, withAsOf: boolean): SafeHtml {
  const custom = f.period === 'custom';
  const providers = providersAt(o.providers, f.location, f.provider);
  return html`${chipsHtml(action, f, o)}<form class="filters" method="get" action="${action}" aria-label="Filters">
  ${select('period', 'Period', f.period, PERIODS.map((p) => [p, PERIOD_LABEL[p]!] as const))}
  ${group('month quarter ytd t12m', !custom, html`<label>Month <input type="month" name="month" value="${f.to.slice(0, 7)}"></label>`)}
  ${group('custom', custom, html`<label>From <input type="month" name="from" value="${f.from.slice(0, 7)}"></label> <label>To <input type="month" name="to" value="${f.to.slice(0, 7)}"></label>`)}
  ${select('compare', 'Compare with', f.compare, COMPARES.map((c) => [c, COMPARE_LABEL[c]!] as const))}
  ${select('location', 'Location', f.location, dimension(o.locations, f.location), 'All locations')}
  ${select('provider', 'Provider', f.provider, dimension(providers, f.provider), 'All providers')}
  ${select('payerClass', 'Payer class', f.payerClass, PAYER_CLASSES.map((p) => [p, p.replace('_', ' ')] as const), 'All payer classes')}
  ${withAsOf ? html`<label>A/R as of <input type="date" name="asOf" value="${f.asOf ?? ''}"></label>` : ''}
  <button type="submit">Apply</button> <a class="reset" href="${action}">Reset</a>
  ${providerTemplate(o.providers)}
</form>
<script src="/assets/filters.js"></script>`;
}
