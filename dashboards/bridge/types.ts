/**
 * Why a number moved: the shapes of the variance bridge, the anomalies worth a look and the
 * draft commentary written from them. Pure types (the computation lives beside this file).
 *
 * A bridge explains the change of one headline measure between the month and a comparison
 * (prior month, same month last year, budget). Every list of drivers sums exactly to the
 * change: money in exact decimal text, other units to the last digit the unit shows. Whatever
 * a segment list cannot attribute (rows with no segment) is its own driver, never dropped.
 * The pack stores a `PackStory` as presented, like every other number it shows.
 */

export type BridgeComparison = 'prior' | 'yoy' | 'budget';

/** Who reads a bridge (as dashboards/present's Audience): board and email get the cell-size rule. */
export type Audience = 'manager' | 'board' | 'email';

/** The segments a change is split by. */
export type BridgeDimension = 'payerClass' | 'payer' | 'provider' | 'location' | 'procedureGroup';

/** An amount in the measure's unit. Money carries `exact` decimal text ('61234.50'). */
export interface BridgeAmount {
  readonly value: number;
  readonly exact?: string;
  /** As presented ('$61.2k', '+1.2 pts', '+3.4 days'). */
  readonly text: string;
}

export interface BridgeDriver {
  readonly dimension: BridgeDimension | 'effect';
  /** The segment's id (kept exactly as loaded) or the effect's key. */
  readonly key: string;
  /** As shown: display name, told apart from a duplicate name by its id. */
  readonly label: string;
  readonly base: BridgeAmount | null;
  readonly current: BridgeAmount | null;
  /** This driver's part of the change. */
  readonly change: BridgeAmount;
  /** Its share of the total change, signed (0.62 = 62%); null when the change is zero. */
  readonly share: number | null;
  /** Withheld for the board when it would reveal a count from 1 to 10. */
  readonly suppressed?: true;
}

/** Volume x rate (x mix) for a money measure: e.g. charges = visits x charge per visit. */
export interface BridgeEffect {
  readonly key: 'volume' | 'rate' | 'mix';
  readonly label: string;
  /** The identity it follows, in words: 'charges = visits x charge per visit'. */
  readonly formula: string;
  readonly change: BridgeAmount;
}

export interface Bridge {
  readonly metricId: string;
  readonly label: string;
  /** The catalog unit ('usd', 'pct', ...). */
  readonly unit: string;
  /** YYYY-MM */
  readonly month: string;
  readonly comparison: BridgeComparison;
  /** 'September 2026', 'October 2025', 'Budget' */
  readonly comparisonLabel: string;
  readonly base: BridgeAmount | null;
  readonly current: BridgeAmount | null;
  /** null when there is no base or no current value (then `note` says why). */
  readonly change: BridgeAmount | null;
  /** Relative change (0.12 = +12%); null with a zero or missing base. */
  readonly changePct: number | null;
  /** One list per dimension; each sums exactly to `change`. */
  readonly byDimension: readonly { readonly dimension: BridgeDimension; readonly label: string; readonly drivers: readonly BridgeDriver[] }[];
  /** For money measures; sums exactly to `change`. */
  readonly effects?: readonly BridgeEffect[];
  /** The largest drivers across dimensions, ranked by size of change (at most 3 in the pack). */
  readonly top: readonly BridgeDriver[];
  readonly note?: string;
}

/** Something in the data that is probably an export problem rather than a business change. */
export interface Anomaly {
  readonly kind: 'payments-collapsed' | 'no-charges' | 'source-stopped' | 'volume-spike' | 'other';
  /** What it concerns, as shown ('Payer Aetna (AET01)', 'Payroll'). */
  readonly subject: string;
  /** One plain sentence, with its figures. */
  readonly message: string;
  /** True when the likelier cause is a missing or partial export. */
  readonly likelyExportProblem: boolean;
}

/** What the pack and the dashboards' "why" views show, stored as presented in an approved pack. */
export interface PackStory {
  readonly comparison: BridgeComparison;
  readonly bridges: readonly Bridge[];
  readonly anomalies: readonly Anomaly[];
  /** Draft commentary by pack section id, one plain sentence per array item. */
  readonly draft: Readonly<Partial<Record<string, readonly string[]>>>;
}
