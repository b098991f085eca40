/**
 * The CMS cell-size rule on a bridge, for the board and email audiences (dashboards/privacy).
 * Only counts of patients or appointments are at stake: in the bridge, visits (the count) and
 * the no-show rate (no-shows over kept appointments). Money drivers are not counts.
 *
 * The rule as applied (docs/bridge.md):
 * - a bridge whose month or comparison total is a count from 1 to 10 shows no change and no
 *   drivers (as its tile is suppressed);
 * - in a driver list, segments are withheld per period, from that period's counts alone: every
 *   segment with a count from 1 to 10 in the period, and while the withheld counts of the period
 *   sum to 1 to 10, the next-smallest segments of the period (complementary cells). A segment
 *   withheld in either period is merged into one driver "Other (n withheld)", whose numbers are
 *   shown, so the list still sums exactly to the change. Because a period's withheld cells depend
 *   on that period only, a month's cells are withheld alike in every view that shows the month
 *   (against the prior month, last year, in the pack's story): two views cannot be differenced
 *   to recover one. What any view gives away about a period is at most the sum of its withheld
 *   cells, which is never from 1 to 10 and never one segment's count;
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

type Side = 'cur' | 'base';
const sideCounts = (s: Segment, side: Side): bigint[] =>
  (side === 'cur' ? [s.cur, s.curDen] : [s.base, s.baseDen]).filter((c): c is bigint => c !== undefined);
/** A segment's size in one period: its denominator (kept appointments) where it has one, else its count. */
const sideSize = (s: Segment, side: Side): bigint => (side === 'cur' ? (s.curDen ?? s.cur) : (s.baseDen ?? s.base));

/**
 * The segments withheld in one period, from that period's counts only: every small one, then
 * the next-smallest non-zero ones (ties by key) while the withheld counts sum to 1 to 10.
 */
export function withheldInPeriod(segments: readonly Segment[], side: Side): Set<Segment> {
  const withheld = new Set(segments.filter((s) => sideCounts(s, side).some((c) => isSmall(Number(c)))));
  const sums = () => [0, 1].map((i) => [...withheld].reduce((a, s) => a + (sideCounts(s, side)[i] ?? 0n), 0n));
  const order = (a: Segment, b: Segment) => {
    const [x, y] = [sideSize(a, side), sideSize(b, side)];
    return x < y ? -1 : x > y ? 1 : String(a.key).localeCompare(String(b.key));
  };
  const rest = segments.filter((s) => !withheld.has(s) && sideSize(s, side) > 0n).sort(order);
  while (rest.length > 0 && sums().some((c) => isSmall(Number(c)))) withheld.add(rest.shift()!);
  return withheld;
}

/** The segments with the withheld ones of either period pooled as the rule says; unchanged when none is. */
export function poolSmallSegments(segments: readonly Segment[]): Segment[] {
  const withheld = new Set([...withheldInPeriod(segments, 'cur'), ...withheldInPeriod(segments, 'base')]);
  if (withheld.size === 0) return [...segments];
  return [...segments.filter((s) => !withheld.has(s)), merge(segments.filter((s) => withheld.has(s)))];
}
