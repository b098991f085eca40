/**
 * The axis conventions of every chart: a value axis labelled with its unit and ticked in it,
 * light grid lines, a month axis for monthly series, and a left margin wide enough for the
 * tick labels it will carry. Builders take their Plot scale options from here.
 *
 * API: valueScale(column, label?, zero?), monthScale(), valueMargin(column, values).
 */
import type * as Plot from '@observablehq/plot';
import { axisLabel, tickFormat, unitOf } from './format.ts';
import { textWidth } from './typography.ts';

/**
 * A value scale for `column`: the unit in the label ('Payments (USD)'), ticks in the unit,
 * grid lines. `zero` keeps zero in the domain; by default for money and counts, where a bar
 * or a trend read from a cut-off axis misleads.
 */
export function valueScale(column: string, label?: string, zero?: boolean): Plot.ScaleOptions {
  const unit = unitOf(column);
  return {
    label: axisLabel(column, label),
    labelArrow: 'none',
    tickFormat: tickFormat(column),
    grid: true,
    nice: true,
    zero: zero ?? (unit === 'usd' || unit === 'count'),
  };
}

/** A UTC month scale for monthly series: ticks on first-of-months, inset so end dots show whole. */
export function monthScale(): Plot.ScaleOptions {
  return { type: 'utc', label: null, inset: 12 };
}

/** Left margin in px for ticks of `column` over `values` (its longest tick label, tick and gap). */
export function valueMargin(column: string, values: readonly (number | null)[]): number {
  const format = tickFormat(column);
  const known = values.filter((v): v is number => v !== null);
  const extremes = known.length ? [Math.min(0, ...known), Math.max(0, ...known)] : [0];
  // A nice domain can reach one step past the data: widen the longest label by one glyph.
  const longest = Math.max(...extremes.map((v) => textWidth(`${format(v)}0`)));
  return Math.max(40, longest + 12);
}
