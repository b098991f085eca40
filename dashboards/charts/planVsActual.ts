/**
 * Plan versus actual, one row per budget line (or per month): the plan as a wide grey bar, the
 * actual as a narrower bar inside it, and the variance (actual - plan, exact for money, and in
 * percent of plan) written beside them. The variance is coloured favourable or unfavourable by
 * the line's good direction; its sign and the tooltip's word say the same without colour.
 * No rows: the chart says so instead.
 *
 * API: planVsActual(options): string (an SVG). Example:
 *   planVsActual({ id: 'budget', title: 'Budget vs actual, Jan 2025', rows, category: 'budget_line',
 *     plan: 'plan_usd', actual: 'actual_usd', goodDirection: (r) => r.budget_line === 'payroll_cost_usd' ? 'down' : 'up' })
 */
import * as Plot from '@observablehq/plot';
import type { GoodDirection } from '../metrics/types.ts';
import { valueScale } from './axes.ts';
import { formatValue, tickFormat, unitOf } from './format.ts';
import { safeHref } from './links.ts';
import { ROLE } from './palette.ts';
import { noDataChart, renderChart } from './render.ts';
import type { Row } from './series.ts';
import { textWidth } from './typography.ts';
import { exactDifference, plotNumber } from './values.ts';
import { valueWord } from '../present/wording.ts';

export interface PlanVsActualOptions {
  /** Stable slug, unique on the page. */
  readonly id: string;
  readonly title: string;
  /** A lead sentence for the description; each line's plan, actual and variance are appended. */
  readonly description?: string;
  readonly rows: readonly Row[];
  /** Column naming each line (a budget line, a month). */
  readonly category: string;
  /** Plan and actual columns, of one unit (e.g. 'plan_usd', 'actual_usd'). */
  readonly plan: string;
  readonly actual: string;
  /** Which way a variance is favourable; per row for mixed lines. Default 'up'. */
  readonly goodDirection?: GoodDirection | ((row: Row) => GoodDirection);
  /** Display name of a category value; default the value itself. */
  readonly categoryLabel?: (value: string) => string;
  /** Label of the value axis, without unit; default 'Plan and actual'. */
  readonly valueLabel?: string;
  /** Drill-down link of a line (relative or http(s)). */
  readonly href?: (row: Row) => string;
  readonly width?: number;
  readonly height?: number;
}

interface Line {
  readonly row: Row;
  readonly name: string;
  readonly plan: number | null;
  readonly actual: number | null;
  readonly end: number;
  readonly label: string;
  readonly verdict: 'favourable' | 'unfavourable' | 'on plan' | 'neutral' | 'no actual';
  readonly title: string;
}

const STEP = 34;
const VERDICT_COLOUR: Record<Line['verdict'], string> = { favourable: ROLE.goodText, unfavourable: ROLE.badText, 'on plan': ROLE.muted, neutral: ROLE.muted, 'no actual': ROLE.muted };
/** A variance with its sign: '+' for a rise (the formatter already writes '-' for a fall). */
const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);

export function planVsActual(options: PlanVsActualOptions): string {
  const { plan, actual, category } = options;
  if (unitOf(plan) !== unitOf(actual)) throw new Error(`planVsActual ${options.id}: ${plan} and ${actual} are not in one unit`);
  const tick = tickFormat(actual);
  const direction = options.goodDirection ?? 'up';
  const lines: Line[] = options.rows.map((row) => {
    const name = (options.categoryLabel ?? ((v: string) => valueWord(category, v)))(String(row[category] ?? ''));
    const [p, a] = [plotNumber(plan, row[plan]), plotNumber(actual, row[actual])];
    const diff = exactDifference(actual, row[actual], row[plan]);
    const dir = typeof direction === 'function' ? direction(row) : direction;
    const numeric = diff === null ? null : Number(diff);
    const pct = numeric === null || !p ? null : numeric / p;
    const verdict: Line['verdict'] =
      numeric === null ? 'no actual' : numeric === 0 ? 'on plan' : dir === 'neutral' ? 'neutral' : (numeric > 0) === (dir === 'up') ? 'favourable' : 'unfavourable';
    const pctText = pct === null ? '' : ` (${signed(formatValue('variance_pct', pct), pct)})`;
    const label = numeric === null ? 'no actual' : `${signed(tick(numeric), numeric)}${pctText}`;
    const exact = diff === null || numeric === null ? 'no actual' : `${signed(formatValue(actual, diff), numeric)}${pctText}, ${verdict}`;
    const title = `${name}: actual ${formatValue(actual, row[actual], { withUnit: true })}, plan ${formatValue(plan, row[plan], { withUnit: true })}, variance ${exact}`;
    return { row, name, plan: p, actual: a, end: Math.max(p ?? 0, a ?? 0), label, verdict, title };
  });
  const names = lines.map((l) => l.name);
  const frame = { id: options.id, title: options.title, width: options.width ?? 640 };
  if (lines.length === 0) return noDataChart({ ...frame, height: options.height ?? 160, description: options.description ?? '' });
  if (new Set(names).size !== names.length) throw new Error(`planVsActual ${options.id}: ${category} has repeated values`);
  const href = options.href;
  const link = href ? { href: (l: Line) => safeHref(href(l.row)) } : {};
  const labelRoom = Math.max(...lines.map((l) => textWidth(l.label))) + 10;
  const marks: Plot.Markish[] = [
    Plot.barX(lines.filter((l) => l.plan !== null), { x: 'plan', y: 'name', fill: ROLE.reference, title: 'title', ...link }),
    Plot.barX(lines.filter((l) => l.actual !== null), { x: 'actual', y: 'name', fill: ROLE.primary, insetTop: 7, insetBottom: 7, title: 'title', ...link }),
    Plot.text(lines, { x: 'end', y: 'name', text: 'label', textAnchor: 'start', dx: 5, fill: (l: Line) => VERDICT_COLOUR[l.verdict], fontWeight: 'bold' }),
    Plot.ruleX([0]),
  ];
  return renderChart(
    {
      x: { ...valueScale(actual, options.valueLabel ?? 'Plan and actual', true), insetRight: labelRoom },
      y: { domain: names, label: null, padding: 0.2, tickSize: 0 },
      color: { type: 'identity' },
      marginTop: 8,
      marginLeft: Math.max(...names.map((n) => textWidth(n))) + 12,
      marginRight: 20,
      marks,
    },
    {
      ...frame,
      height: options.height ?? 23 + 22 + 48 + lines.length * STEP,
      legend: [{ label: 'Actual', color: ROLE.primary }, { label: 'Plan', color: ROLE.reference }],
      description: [options.description ?? '', `${lines.map((l) => l.title).join('; ')}.`].filter(Boolean).join(' '),
    },
  );
}
