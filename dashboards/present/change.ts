/**
 * The change a tile shows against the comparison chosen in the filter bar (prior, last year or
 * budget): an arrow, the change in percent and the absolute change in readable units, and
 * whether the direction is good for the metric (its goodDirection). Money is subtracted in
 * integer cents, never through binary floating point; a rate's change is in percentage points
 * (a percent of a percent misleads). No change is given where either side is not shown
 * (missing, suppressed, flagged): a difference would reveal a hidden value.
 *
 * Example: charges $1,135,574.00 against $1,074,340.00 (goodDirection up) ->
 *   { direction: 'up', tone: 'good', arrow: '▲', percentText: '+5.7%', absoluteText: '+$61.2k' }
 */
import { centsToText, toCents } from '../metrics/money.ts';
import type { Metric, MetricValue } from '../metrics/index.ts';
import type { PresentedChange, PresentedComparison, PresentedNumber, PresentedTile } from './model.ts';
import { compactNumber, MISSING } from './numbers.ts';
import { UNITS } from './units.ts';

const ARROW = { up: '\u25B2', down: '\u25BC', flat: '\u25B6' } as const;
const DIRECTION_WORD = { up: 'up', down: 'down', flat: 'unchanged' } as const;

const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const POINTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

const shown = (n: PresentedNumber): boolean => n.value !== null && !n.suppressed && !n.flagged;

/** Money as integer cents, from its exact text when it has one. */
const cents = (v: MetricValue): bigint => toCents(v.exact ?? v.value!.toFixed(2));

interface Difference {
  readonly sign: -1 | 0 | 1;
  readonly percent: number | null;
  readonly absoluteText: string;
}

/** What a change needs of its metric. */
type Measured = Pick<Metric, 'unit' | 'goodDirection'>;

function difference(m: Measured, now: MetricValue, base: MetricValue): Difference {
  if (m.unit === 'usd') {
    const diff = cents(now) - cents(base);
    const baseCents = cents(base);
    const sign = diff === 0n ? 0 : diff > 0n ? 1 : -1;
    const percent = baseCents === 0n ? null : Number(diff) / Math.abs(Number(baseCents));
    return { sign, percent, absoluteText: signed(compactNumber('usd', centsToText(diff < 0n ? -diff : diff)), sign) };
  }
  const diff = now.value! - base.value!;
  if (m.unit === 'pct') {
    // Percentage points to one decimal: a change that rounds to 0.0 pts is no change.
    const points = diff * 100;
    const sign = Math.abs(points) < 0.05 ? 0 : points > 0 ? 1 : -1;
    return { sign, percent: null, absoluteText: `${sign === 0 ? '0.0' : POINTS.format(points)} pts` };
  }
  const digits = UNITS[m.unit].digits;
  const sign = Math.abs(diff) < 0.5 * 10 ** -digits ? 0 : diff > 0 ? 1 : -1;
  const percent = base.value === 0 ? null : diff / Math.abs(base.value!);
  return { sign, percent, absoluteText: signed(compactNumber(m.unit, Math.abs(diff)), sign) };
}

const signed = (text: string, sign: -1 | 0 | 1): string => (sign === 0 ? text : `${sign > 0 ? '+' : '-'}${text}`);

/**
 * The change of `now` against the chosen comparison, or null when there is none to show.
 * `nowShown` and `baseShown` are the presented numbers (so suppression and flags count).
 */
export function presentChange(
  m: Measured,
  now: MetricValue | null | undefined,
  nowShown: PresentedNumber,
  comparison: { readonly key: PresentedComparison['key']; readonly label: string; readonly value: MetricValue | null | undefined; readonly shown: PresentedNumber },
): PresentedChange | null {
  const base = comparison.value;
  if (!now || !base || now.value === null || base.value === null || base.value === undefined) return null;
  if (!shown(nowShown) || !shown(comparison.shown)) return null;
  const d = difference(m, now, base);
  const direction = d.sign === 0 ? 'flat' : d.sign > 0 ? 'up' : 'down';
  const tone = direction === 'flat' || m.goodDirection === 'neutral' ? 'neutral' : direction === m.goodDirection ? 'good' : 'bad';
  const percentText = d.percent === null || d.sign === 0 ? null : PERCENT.format(d.percent);
  const against = `vs ${comparison.label.charAt(0).toLowerCase()}${comparison.label.slice(1)}`;
  const amount = percentText ? `${percentText} (${d.absoluteText})` : d.absoluteText;
  return {
    against: comparison.key,
    label: against,
    direction,
    tone,
    arrow: ARROW[direction],
    percentText,
    absoluteText: d.absoluteText,
    amountText: amount,
    text: `${amount} ${against}`,
    arrowLabel: `${DIRECTION_WORD[direction]}${tone === 'neutral' ? '' : `, ${tone === 'good' ? 'a good' : 'an unfavourable'} direction`}`,
    spoken: `${DIRECTION_WORD[direction]}${direction === 'flat' ? '' : ` ${amount}`} ${against}${tone === 'neutral' ? '' : `, ${tone === 'good' ? 'a good' : 'an unfavourable'} direction`}`,
  };
}

/** The pack's view of a change: arrow, text ('+18.5%', '-0.6 pts', a dash) and tone. */
export interface PackChange {
  /** '▲', '▼', '▶' (unchanged), or '' when there is no change to show. */
  readonly arrow: string;
  readonly text: string;
  readonly tone: 'good' | 'bad' | 'neutral';
  /** 'vs Prior month' */
  readonly label: string;
}

/** Signed share of a total change: 0.62 -> '62%'. */
export const shareText = (share: number | null): string => (share === null || !Number.isFinite(share) ? '' : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }).format(share));

/**
 * The change of a presented tile (as stored in a pack) against one of its comparisons, through
 * `presentChange`: the percent for an amount, the points for a rate; a change whose text rounds
 * to zero is flat. A dash where either side is not shown, the base is zero, or the data covers
 * the period only in part (`partial`: the dashboards show no change there either).
 * Example: changeAgainst(tile, 'prior') -> { arrow: '▲', text: '+21.7%', tone: 'good', label: 'vs Prior month' }.
 */
export function changeAgainst(tile: Pick<PresentedTile, 'unit' | 'value' | 'comparisons' | 'target' | 'partial'>, key: PresentedComparison['key']): PackChange {
  const c = tile.comparisons.find((x) => x.key === key);
  const label = `vs ${c?.label ?? key}`;
  const none: PackChange = { arrow: '', text: MISSING, tone: 'neutral', label };
  if (!c || tile.partial) return none;
  const asValue = (n: PresentedNumber): MetricValue => ({ value: n.value, ...(n.exact !== undefined ? { exact: n.exact } : {}) });
  const r = presentChange({ unit: tile.unit as Metric['unit'], goodDirection: tile.target.direction }, asValue(tile.value), tile.value, { key, label: c.label, value: asValue(c.value), shown: c.value });
  if (!r) return none;
  const text = tile.unit === 'pct' ? r.absoluteText : r.percentText;
  if (text === null) return r.direction === 'flat' ? { arrow: ARROW.flat, text: PERCENT.format(0), tone: 'neutral', label } : none;
  const flat = /^[^1-9]*$/.test(text);
  return flat ? { arrow: ARROW.flat, text, tone: 'neutral', label } : { arrow: r.arrow, text, tone: r.tone, label };
}
