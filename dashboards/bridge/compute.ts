/**
 * The variance bridge of one measure, pure: from segment numbers in exact whole units to a
 * `Bridge` whose every driver list sums exactly to the change.
 *
 * A measure is num / den in whole units (a sum has den 1: cents or counts). The month's value
 * and the comparison's are rounded to the quantum the unit shows (cents, 0.1 point, 0.1 day,
 * one visit); the change is their difference. A segment's exact part of the change is
 * w_cur * r_cur - w_base * r_base with w its share of the denominator and r its own rate, which
 * is num_s,cur / den_cur - num_s,base / den_base: exact rationals that sum to the exact change.
 * They are apportioned to whole quanta by largest remainder so that they sum to the shown
 * change to the last digit. Segments with no id are the dimension's Unassigned driver.
 */
import { distinctLabels } from '../charts/labels.ts';
import { apportion, roundDiv } from './exact.ts';
import { changeAmount, levelAmount, QUANTUM, type BridgeUnit } from './text.ts';
import type { Bridge, BridgeComparison, BridgeDimension, BridgeDriver, BridgeEffect } from './types.ts';

/** One segment's numerators in both periods (over the total's den); a rate's segment may carry its own den. */
export interface Segment {
  readonly key: string | null;
  readonly label: string;
  readonly cur: bigint;
  readonly base: bigint;
  readonly curDen?: bigint;
  readonly baseDen?: bigint;
  /** Members pooled into this driver (privacy), when it stands for several segments. */
  readonly pooled?: number;
}

export interface DimensionData {
  readonly dimension: BridgeDimension;
  readonly segments: readonly Segment[];
}

/**
 * A period's total: value = num / den in the measure's natural unit (dollars: num in cents over
 * den 100; a count over den 1; a rate's numerator over its denominator).
 */
export interface Total {
  readonly num: bigint;
  readonly den: bigint;
}

export interface MeasureData {
  readonly metricId: string;
  readonly label: string;
  readonly unit: BridgeUnit;
  readonly month: string;
  readonly comparison: BridgeComparison;
  readonly comparisonLabel: string;
  readonly cur: Total | null;
  readonly base: Total | null;
  readonly dimensions: readonly DimensionData[];
  readonly effects?: readonly BridgeEffect[];
  /** Why there is no change, when cur or base is null. */
  readonly note?: string;
}

export const UNASSIGNED = 'Unassigned';

export const DIMENSION_LABEL: Readonly<Record<BridgeDimension, string>> = {
  payerClass: 'Payer class', payer: 'Payer', provider: 'Provider', location: 'Location', procedureGroup: 'Procedure group',
};

/** A period's value in whole quanta, rounded half away from zero. */
export function quantized(unit: BridgeUnit, t: Total): bigint {
  return roundDiv(QUANTUM[unit] * t.num, t.den);
}

/** The drivers of one dimension, apportioned to sum exactly to `change` quanta. */
function drivers(data: MeasureData, dim: DimensionData, cur: Total, base: Total, change: bigint): BridgeDriver[] {
  const q = QUANTUM[data.unit];
  const parts = dim.segments.map((s) => q * (s.cur * base.den - s.base * cur.den));
  const whole = apportion(parts, cur.den * base.den, change);
  const labels = distinctLabels(dim.segments.map((s) => ({ key: s.key, label: s.label })));
  const ratio = data.unit === 'pct' || data.unit === 'days';
  // A sum's segment is its own amount; a rate's segment shows its own rate where it has one.
  const level = (n: bigint, own: bigint | undefined, total: bigint) => {
    const den = ratio ? own : total;
    return den !== undefined && den > 0n ? levelAmount(data.unit, roundDiv(q * n, den)) : null;
  };
  const list = dim.segments.map((s, i): BridgeDriver => ({
    dimension: dim.dimension,
    key: s.key ?? '',
    label: labels[i]!,
    base: level(s.base, s.baseDen, base.den),
    current: level(s.cur, s.curDen, cur.den),
    change: changeAmount(data.unit, whole[i]!),
    share: change === 0n ? null : Number(whole[i]!) / Number(change),
    ...(s.pooled ? { suppressed: true as const } : {}),
  }));
  const size = (d: BridgeDriver) => Math.abs(d.change.value);
  return list.sort((a, b) => size(b) - size(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The largest drivers across dimensions (a segment named the same in two dimensions once). */
export function topDrivers(lists: readonly (readonly BridgeDriver[])[], n = 5): BridgeDriver[] {
  const all = lists.flat().filter((d) => d.change.value !== 0 && !d.suppressed);
  const order = all.map((d, i) => ({ d, i })).sort((a, b) => Math.abs(b.d.change.value) - Math.abs(a.d.change.value) || a.i - b.i);
  const seen = new Set<string>();
  const out: BridgeDriver[] = [];
  for (const { d } of order) {
    const id = `${d.label}\u0000${d.change.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
    if (out.length === n) break;
  }
  return out;
}

export function computeBridge(data: MeasureData): Bridge {
  const head = { metricId: data.metricId, label: data.label, unit: data.unit, month: data.month, comparison: data.comparison, comparisonLabel: data.comparisonLabel };
  const curQ = data.cur && data.cur.den !== 0n ? quantized(data.unit, data.cur) : null;
  const baseQ = data.base && data.base.den !== 0n ? quantized(data.unit, data.base) : null;
  if (curQ === null || baseQ === null || !data.cur || !data.base) {
    return {
      ...head,
      base: baseQ === null ? null : levelAmount(data.unit, baseQ),
      current: curQ === null ? null : levelAmount(data.unit, curQ),
      change: null, changePct: null, byDimension: [], top: [],
      note: data.note ?? (curQ === null ? 'There is no value for the month.' : `There is no value for ${data.comparisonLabel}.`),
    };
  }
  const change = curQ - baseQ;
  const byDimension = data.dimensions.map((dim) => ({
    dimension: dim.dimension,
    label: DIMENSION_LABEL[dim.dimension],
    drivers: drivers(data, dim, data.cur!, data.base!, change),
  }));
  return {
    ...head,
    base: levelAmount(data.unit, baseQ),
    current: levelAmount(data.unit, curQ),
    change: changeAmount(data.unit, change),
    changePct: baseQ === 0n ? null : Number(change) / Number(baseQ < 0n ? -baseQ : baseQ),
    byDimension,
    ...(data.effects ? { effects: data.effects } : {}),
    top: topDrivers(byDimension.map((d) => d.drivers)),
    ...(data.note ? { note: data.note } : {}),
  };
}
