/**
 * The CMS cell-size rule on a bridge, for the board and email audiences (dashboards/privacy).
 * Only counts of patients or appointments are at stake: in the bridge, visits (the count) and
 * the no-show rate (no-shows over kept appointments). Money drivers are not counts.
 *
 * The rule as applied (docs/bridge.md):
 * - a bridge whose month or comparison total is a count from 1 to 10 shows no change and no
 *   drivers (as its tile is suppressed);
 * - in a driver list, every segment with a count from 1 to 10 in either period is withheld by
 *   pooling: it and, where needed, the next-smallest segments are merged into one driver
 *   "Other (n withheld)" until the pool holds at least two segments and none of its pooled
 *   counts is from 1 to 10. The pool's own numbers are then safe to show, and because it is
 *   shown, the list still sums exactly to the change without revealing any member;
 * - only one dimension of a counted measure is shown (provider), since two lists of the same
 *   appointments could be differenced (a location minus its other providers).
 */
import { isSmall } from '../privacy/rules.ts';
import type { Segment } from './compute.ts';
import type { BridgeDimension } from './types.ts';

/** Bridged measures that count patients or appointments. */
export const COUNTED_BRIDGES: ReadonlySet<string> = new Set(['visits', 'no_show_rate']);

/** The one dimension a counted measure keeps for the board. */
export const BOARD_COUNTED_DIMENSION: BridgeDimension = 'provider';

const counts = (s: Pick<Segment, 'cur' | 'base' | 'curDen' | 'baseDen'>): bigint[] =>
  [s.cur, s.base, s.curDen, s.baseDen].filter((c): c is bigint => c !== undefined);

export const isSmallSegment = (s: Pick<Segment, 'cur' | 'base' | 'curDen' | 'baseDen'>): boolean => counts(s).some((c) => isSmall(Number(c)));

function merge(pool: readonly Segment[]): Segment {
  const sum = (pick: (s: Segment) => bigint | undefined) =>
    pool.every((s) => pick(s) !== undefined) ? pool.reduce((a, s) => a + pick(s)!, 0n) : undefined;
  const curDen = sum((s) => s.curDen);
  const baseDen = sum((s) => s.baseDen);
  return {
    key: 'withheld',
    label: `Other (${pool.length} withheld)`,
    cur: sum((s) => s.cur) ?? 0n,
    base: sum((s) => s.base) ?? 0n,
    ...(curDen !== undefined ? { curDen } : {}),
    ...(baseDen !== undefined ? { baseDen } : {}),
    pooled: pool.length,
  };
}

/** The segments with every small one pooled as the rule says; unchanged when none is small. */
export function poolSmallSegments(segments: readonly Segment[]): Segment[] {
  if (!segments.some(isSmallSegment)) return [...segments];
  const pool = segments.filter(isSmallSegment);
  const size = (s: Segment) => counts(s).reduce((a, c) => a + c, 0n);
  const rest = segments.filter((s) => !isSmallSegment(s)).sort((a, b) => (size(a) < size(b) ? -1 : size(a) > size(b) ? 1 : 0));
  while (rest.length > 0 && (pool.length < 2 || isSmallSegment(merge(pool)))) pool.push(rest.shift()!);
  return [...rest, merge(pool)];
}
