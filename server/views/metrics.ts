/**
 * The metric catalog, readable: every definition a board member reads (formula, unit,
 * direction, target, standard), grouped as the dashboards group them. Formulas and units are
 * shown in words: a column or code name in a formula ('collections_usd', 'front_office') is
 * replaced by its label ('Collections', 'front office'); only the metric's id stays as code.
 * Escaped by the `html` template.
 */
import { DIRECTION_WORD, metricOfColumn, targetBandText, type Unit } from '../../dashboards/present/index.ts';
import { METRICS, METRIC_GROUPS, type Metric } from '../../dashboards/metrics/index.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

// Target and direction wording is the presenter's (dashboards/present/wording.ts), as in the pack.
const DIRECTION = DIRECTION_WORD;
const target = (m: Metric): string => targetBandText(m);

const UNIT_WORDS: Readonly<Record<Unit, string>> = {
  usd: 'US dollars',
  pct: 'percent',
  days: 'days',
  count: 'count',
  minutes: 'minutes',
  fte: 'full-time equivalents (FTE)',
  rvu: 'work RVUs',
  ratio: 'ratio',
  hours: 'hours',
};
/** Abbreviations inside code names, written out. */
const WORDS: Readonly<Record<string, string>> = { ops: 'operations', n: 'count', usd: '', pct: '' };

/** A code name as words: a metric's column or id by its label, anything else by its parts. */
function nameInWords(token: string): string {
  const m = metricOfColumn(token) ?? METRICS.find((x) => x.id === token);
  if (m) return m.label;
  return token
    .split('_')
    .map((w) => WORDS[w] ?? w)
    .filter(Boolean)
    .join(' ');
}

/** Example: formulaInWords('payments / (collections_usd - x)') -> 'payments / (Collections - x)'. */
export function formulaInWords(formula: string): string {
  return formula.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, nameInWords);
}

const unitInWords = (unit: string): string => UNIT_WORDS[unit as Unit] ?? nameInWords(unit);

/** The page's body: the catalog in words. It depends on the code alone (no data, no role, no day). */
export function metricsBody(): SafeHtml {
  const body = METRIC_GROUPS.map(([g, title]) => {
    const items = METRICS.filter((m) => m.group === g).map(
      (m) => html`<article id="${m.id}"><h3>${m.label}</h3><p>${formulaInWords(m.definition)}</p>
<dl class="def"><dt>Formula</dt><dd>${formulaInWords(m.formula)}</dd><dt>Unit</dt><dd>${unitInWords(m.unit)}</dd><dt>Direction</dt><dd>${DIRECTION[m.goodDirection]}</dd>
<dt>Target</dt><dd>${target(m)}</dd><dt>Standard</dt><dd>${formulaInWords(m.standard)}</dd><dt>Id</dt><dd><code>${m.id}</code></dd></dl></article>\n`,
    );
    return html`<section aria-labelledby="g-${g}"><h2 id="g-${g}">${title}</h2>${items}</section>\n`;
  });
  return html`<h1>Metric definitions</h1><p class="subtitle">Every number on the dashboards and in the board pack is defined once, here.</p>${body}`;
}

export function metricsPage(body: SafeHtml = metricsBody()): string {
  return layout('Metric definitions', body, { active: '/metrics' });
}
