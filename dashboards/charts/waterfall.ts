/**
 * A waterfall (variance bridge) chart: the comparison's value, one floating bar per driver
 * from the running total to the running total plus its change, and the month's value. Bars are
 * horizontal so long driver names read; increases and decreases are coloured by whether the
 * change is good for the measure, the two totals in the reference grey and the primary blue.
 * Each bar carries its label as text and as its tooltip. Deterministic, rendered by
 * renderChart like every other chart (one SVG for web, PDF and email).
 *
 * API: waterfall(options): string (an SVG). Example:
 *   waterfall({ id: 'why-gross-charges', title: 'Gross charges: August to September', column: 'charges_usd',
 *     base: { label: 'August 2026', value: 300, text: '$300' }, current: { label: 'September 2026', value: 740, text: '$740' },
 *     steps: [{ label: 'Medicare', value: 200, text: '+$200' }, ...], goodDirection: 'up' })
 */
import * as Plot from '@observablehq/plot';
import { valueScale } from './axes.ts';
import { ROLE } from './palette.ts';
import { noDataChart, renderChart } from './render.ts';
import { textWidth } from './typography.ts';

export interface WaterfallBar {
  readonly label: string;
  readonly value: number;
  /** The value as presented (the bridge's text). */
  readonly text: string;
}

export interface WaterfallOptions {
  readonly id: string;
  readonly title: string;
  /** A column name whose suffix gives the unit of the axis ('charges_usd', 'rate_pct'). */
  readonly column: string;
  readonly base: WaterfallBar;
  readonly steps: readonly WaterfallBar[];
  readonly current: WaterfallBar;
  readonly goodDirection?: 'up' | 'down' | 'neutral';
  readonly width?: number;
}

interface Row {
  readonly name: string;
  readonly x1: number;
  readonly x2: number;
  readonly fill: string;
  readonly label: string;
  readonly title: string;
}

const BAR_STEP = 26;
/** Longest bar label in characters (the tooltip keeps the whole); shorter on a phone-width chart, so the bars keep room. */
const maxLabel = (width: number) => (width < 480 ? 20 : 32);

export function waterfall(options: WaterfallOptions): string {
  const frame = { id: options.id, title: options.title, width: options.width ?? 640 };
  const names = [options.base.label, ...options.steps.map((s) => s.label), options.current.label];
  if (new Set(names).size !== names.length) throw new Error(`waterfall ${options.id}: bar labels must be distinct`);
  const direction = options.goodDirection ?? 'neutral';
  const tone = (v: number) => (direction === 'neutral' ? ROLE.comparison : (v >= 0) === (direction === 'up') ? ROLE.good : ROLE.bad);
  let running = options.base.value;
  const rows: Row[] = [{ name: options.base.label, x1: 0, x2: options.base.value, fill: ROLE.reference, label: options.base.text, title: `${options.base.label}: ${options.base.text}` }];
  for (const s of options.steps) {
    rows.push({ name: s.label, x1: running, x2: running + s.value, fill: tone(s.value), label: s.text, title: `${s.label}: ${s.text}` });
    running += s.value;
  }
  rows.push({ name: options.current.label, x1: 0, x2: options.current.value, fill: ROLE.primary, label: options.current.text, title: `${options.current.label}: ${options.current.text}` });
  const description = `From ${options.base.text} (${options.base.label}) to ${options.current.text} (${options.current.label}): ${options.steps.map((s) => `${s.label} ${s.text}`).join('; ')}.`;
  if (options.steps.length === 0 && options.base.value === 0 && options.current.value === 0) {
    return noDataChart({ ...frame, height: 160, description });
  }
  const order = rows.map((r) => r.name);
  const limit = maxLabel(frame.width);
  const shorten = (s: string) => (s.length > limit ? `${s.slice(0, limit - 1)}\u2026` : s);
  const labelRoom = textWidth(rows.reduce((w, r) => (r.label.length > w.length ? r.label : w), '')) + 8;
  const negatives = rows.some((r) => Math.min(r.x1, r.x2) < 0);
  return renderChart(
    {
      x: { ...valueScale(options.column, undefined, true), insetRight: labelRoom, insetLeft: negatives ? labelRoom : 0 },
      y: { domain: order, label: null, padding: 0.25, tickSize: 0, tickFormat: shorten },
      marginTop: 8,
      marginLeft: Math.max(...order.map((n) => textWidth(shorten(n)))) + 12,
      marginRight: 20,
      marks: [
        Plot.barX(rows, { y: 'name', x1: 'x1', x2: 'x2', fill: 'fill', title: 'title' }),
        Plot.text(rows, { y: 'name', x: (r: Row) => Math.max(r.x1, r.x2), text: 'label', textAnchor: 'start', dx: 4, fill: ROLE.muted }),
        Plot.ruleX([0]),
      ],
    },
    { ...frame, height: 23 + 48 + rows.length * BAR_STEP, description },
  );
}
