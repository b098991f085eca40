/**
 * The change of a presented tile against one of its comparisons, as text: an arrow, the
 * relative change ('+12.3%') or, for a percentage, the change in points ('+1.2 pts'), and
 * whether the move is good by the measure's direction. Only from values that are shown: no
 * change is worked out from a suppressed, flagged or missing number (it would give the hidden
 * value away), nor a relative change over a zero base.
 */
import type { PresentedComparison, PresentedNumber, PresentedTile } from './model.ts';

export interface PresentedChange {
  readonly key: PresentedComparison['key'];
  /** 'Prior month' */
  readonly label: string;
  /** The comparison's value as presented ('$1.10M'). */
  readonly base: string;
  readonly arrow: 'up' | 'down' | 'flat';
  /** '+12.3%', '-1.2 pts', 'no change' */
  readonly text: string;
  /** Whether the move is in the good direction; null when neither direction is better, or flat. */
  readonly good: boolean | null;
}

const RELATIVE = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const POINTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

const shown = (n: PresentedNumber): n is PresentedNumber & { value: number } => typeof n.value === 'number' && Number.isFinite(n.value) && !n.suppressed && !n.flagged;

/**
 * Example: a tile of $1,100 against a prior month of $1,000 gives
 * { arrow: 'up', text: '+10.0%', good: true } when higher is better.
 */
export function presentChange(tile: Pick<PresentedTile, 'unit' | 'value' | 'comparisons' | 'target'>, key: PresentedComparison['key']): PresentedChange | null {
  const c = tile.comparisons.find((x) => x.key === key);
  if (!c || !shown(tile.value) || !shown(c.value)) return null;
  const diff = tile.value.value - c.value.value;
  let text: string;
  if (tile.unit === 'pct') {
    const pts = POINTS.format(diff * 100);
    text = pts === '0.0' ? 'no change' : `${pts} pts`;
  } else {
    if (c.value.value === 0) return null;
    const rel = RELATIVE.format(diff / Math.abs(c.value.value));
    text = rel === '0.0%' ? 'no change' : rel;
  }
  const arrow = text === 'no change' ? 'flat' : diff > 0 ? 'up' : 'down';
  const good = arrow === 'flat' || tile.target.direction === 'neutral' ? null : (arrow === 'up') === (tile.target.direction === 'up');
  return { key, label: c.label, base: c.value.text, arrow, text, good };
}
