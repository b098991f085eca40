/**
 * The presented page: what a reader is shown, as plain JSON. Every number is already text
 * (formatted by its unit, "suppressed" where the cell-size rule hides it, a dash where there is
 * no data or the value is not meaningful), every tile has its target wording and status word,
 * and a chart that would show a hidden value is withheld. The web page, the offline HTML, the
 * PDF and the email render this and nothing else; an approved board pack stores it.
 */
import type { PageId } from '../pages/model.ts';
import type { SourceFreshness } from '../freshness.ts';
import type { Cell } from '../privacy/suppress.ts';

export type { Cell, Suppressed } from '../privacy/suppress.ts';

/**
 * Who is reading. `manager`: everything. `board`: the CMS cell-size rule applies (counts of
 * patients from 1 to 10 and what could reveal them are suppressed). `email`: as `board`, since a
 * mail leaves the practice's system.
 */
export type Audience = 'manager' | 'board' | 'email';

/** A number as presented: `text` is exactly what the reader sees. */
export interface PresentedNumber {
  readonly value: number | null;
  /** Money as exact decimal text ('1234.50'). */
  readonly exact?: string;
  readonly text: string;
  /** The same in readable units, for a tile: '$1.14M', '12.3k', '41.2 days'. Tables keep `text`. */
  readonly compactText?: string;
  readonly suppressed?: true;
  /** The value computed is not a possible one (e.g. a rate over a negative base): shown as a dash. */
  readonly flagged?: true;
  /** Why there is no number, or what to know about it. */
  readonly note?: string;
}

export interface PresentedComparison {
  readonly key: 'prior' | 'yoy' | 'budget';
  readonly label: string;
  readonly value: PresentedNumber;
  /** The comparison the filter bar chose ("Compare with"): marked on the tile. */
  readonly selected?: boolean;
}

/**
 * A tile's change against the comparison chosen in the filter bar. `tone` says whether the
 * direction is good for the metric (its goodDirection); a rate changes in percentage points.
 * Example: { arrow: '▲', percentText: '+5.7%', absoluteText: '+$61.2k', text: '+5.7% (+$61.2k) vs prior month' }
 */
export interface PresentedChange {
  readonly against: PresentedComparison['key'];
  /** 'vs prior month', 'vs budget'. */
  readonly label: string;
  readonly direction: 'up' | 'down' | 'flat';
  readonly tone: 'good' | 'bad' | 'neutral';
  readonly arrow: string;
  /** What the arrow says to a screen reader: 'up, a good direction'. */
  readonly arrowLabel: string;
  /** Null for a rate (its change is in points) or a base of zero. */
  readonly percentText: string | null;
  readonly absoluteText: string;
  /** Both as the tile shows them: '+5.7% (+$61.2k)', or '+1.5 pts' for a rate. */
  readonly amountText: string;
  /** The percent and absolute change with what it is against: '+5.7% (+$61.2k) vs prior month'. */
  readonly text: string;
  /** For a screen reader: 'up +5.7% (+$61.2k) vs prior month, a good direction'. */
  readonly spoken: string;
}

export type StatusKey = 'good' | 'warn' | 'bad';

export interface PresentedTile {
  readonly metricId: string;
  readonly label: string;
  readonly unit: string;
  /** The value's column name, e.g. 'gross_charges_usd'. */
  readonly column: string;
  readonly value: PresentedNumber;
  readonly comparisons: readonly PresentedComparison[];
  /** Change against the chosen comparison; absent where either side is not shown. */
  readonly change?: PresentedChange;
  /**
   * Set when the metric's source covers the period only in part (a month whose payroll or
   * appointments are still to load): no change and no status is given, on a page or in a pack.
   */
  readonly partial?: true;
  /** `text`: '≥ 95.0%', or 'No target'. */
  readonly target: { readonly text: string; readonly good?: number; readonly warn?: number; readonly direction: 'up' | 'down' | 'neutral' };
  /** Only where the measure is meaningful: null for a missing, suppressed or flagged value. */
  readonly status: StatusKey | null;
  /** 'On target', 'Watch', 'Off target', or '' with no status. */
  readonly statusText?: string;
  /** Vector sparkline; null when withheld by suppression. */
  readonly sparkline: string | null;
  /** Where the tile links (web only). */
  readonly href?: string;
  /** The "why did it move" view of the measure, with the same filters (web, staff only). */
  readonly whyHref?: string;
}

export interface PresentedTable {
  /** Column names (data), without the link-only `_key` columns. */
  readonly columns: readonly string[];
  /** Column headings as shown: 'Days in A/R', 'Charges'. */
  readonly headings?: readonly string[];
  readonly align?: readonly ('left' | 'right')[];
  /** The values, with the SUPPRESSED marker where hidden. */
  readonly rows: readonly (readonly Cell[])[];
  /** Every cell as shown. */
  readonly text?: readonly (readonly string[])[];
  /** A stable identity per row (its text cells and keys), for restatements. */
  readonly rowKeys: readonly string[];
  /** Per-row drill-down link for the first cell (web only). */
  readonly links?: readonly (string | null)[];
}

export interface PresentedSection {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  /** The chart; absent when the section has none or it was withheld. */
  readonly svg?: string;
  /** The chart laid out for a phone (web views pick one of the two by CSS); absent with `svg`. */
  readonly narrowSvg?: string;
  /** Why a chart is not shown (suppression). */
  readonly chartNote?: string;
  /** Nothing to draw: no rows, or every value missing or zero. Shown as one empty state, never as zero bars. */
  readonly empty?: true;
  readonly table: PresentedTable;
  readonly suppressedCells: number;
  /** What a dash in the table means, when the table has one for missing data. */
  readonly note?: string;
  /**
   * The section's query failed: this notice is shown in its place ('This section could not be
   * computed ...'); its table is empty and it has no chart. Every renderer shows it.
   */
  readonly failed?: string;
}

/** The data's freshness said once: a summary line, the stale sources, each source's span. */
export interface PresentedFreshness {
  readonly summary: string;
  readonly stale: readonly string[];
  readonly sources: readonly { readonly source: string; readonly text: string; readonly stale: boolean }[];
}

export interface PresentedPage {
  readonly id: PageId;
  readonly title: string;
  readonly subtitle: string;
  readonly audience: Audience;
  readonly tiles: readonly PresentedTile[];
  readonly sections: readonly PresentedSection[];
  readonly freshness: readonly SourceFreshness[];
  /** The same as text for the top of a page (given a time zone to present load times in). */
  readonly freshnessText?: PresentedFreshness;
  /** How many tile values (with comparisons) and table cells the cell-size rule hid. */
  readonly suppression: { readonly tiles: number; readonly cells: number };
}
