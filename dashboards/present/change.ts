/**
 * How a headline measure moved against a comparison, as presented: an arrow, the change as text
 * and whether the move is good news. Rates (a `pct` unit) move in percentage points ('+1.2 pts',
 * a relative change of a rate misleads); every other unit moves in percent of the comparison
 * ('+12.3%'). No change is given where either value is missing, suppressed or flagged, or the
 * base is zero: a dash, never an invented number. Shared by the pack's PDF and HTML.
 *
 * Example: presentChange(tile, 'prior') -> { arrow: '▲', text: '+21.7%', tone: 'good', label: 'vs Prior month' }.
 */
import type { PresentedComparison, PresentedNumber, PresentedTile } from './model.ts';
import { MISSING } from './numbers.ts';

export type ChangeTone = 'good' | 'bad' | 'neutral';

export interface PresentedChange {
  /** '▲', '▼', '▶' (unchanged), or '' when there is no change to show. */
  readonly arrow: string;
  /** '+21.7%', '-3.1 pts', or an em dash. */
  readonly text: string;
  readonly tone: ChangeTone;
  /** 'vs Prior month' */
  readonly label: string;
}

export const ARROW = { up: '\u25B2', down: '\u25BC', flat: '\u25B6' } as const;

const PCT = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const PTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

const usable = (n: PresentedNumber | undefined): n is PresentedNumber & { value: number } =>
  n !== undefined && typeof n.value === 'number' && Number.isFinite(n.value) && !n.suppressed && !n.flagged;

/** Signed share of a total change: 0.62 -> '62%'. */
export const shareText = (share: number | null): string => (share === null || !Number.isFinite(share) ? '' : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }).format(share));

export function presentChange(tile: Pick<PresentedTile, 'unit' | 'value' | 'comparisons' | 'target'>, key: PresentedComparison['key']): PresentedChange {
  const c = tile.comparisons.find((x) => x.key === key);
  const label = `vs ${c?.label ?? key}`;
  if (!usable(tile.value) || !usable(c?.value)) return { arrow: '', text: MISSING, tone: 'neutral', label };
  const [now, base] = [tile.value.value, c.value.value];
  const rate = tile.unit === 'pct';
  if (!rate && base === 0) return { arrow: '', text: MISSING, tone: 'neutral', label };
  const change = rate ? Math.round((now - base) * 1000) / 10 : (now - base) / Math.abs(base);
  const text = rate ? `${PTS.format(change)} pts` : PCT.format(change);
  // The sign as shown decides the arrow: a change that rounds to zero is flat.
  const shown = Number(text.replace(/[^\d.-]/g, ''));
  const dir = shown === 0 ? 0 : Math.sign(change);
  const arrow = dir > 0 ? ARROW.up : dir < 0 ? ARROW.down : ARROW.flat;
  const good = tile.target.direction;
  const tone: ChangeTone = dir === 0 || good === 'neutral' ? 'neutral' : (dir > 0) === (good === 'up') ? 'good' : 'bad';
  return { arrow, text, tone, label };
}
