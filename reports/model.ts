/**
 * The board pack's model: a JSON-serializable snapshot of everything a month's pack shows
 * (every number already suppressed where the cell-size rule says so, with the text it is
 * shown as), so the PDF, the offline HTML and the stored approved pack all present the same
 * thing, and a restatement compares what was presented with what would be presented now.
 */
import type { PageId } from '../dashboards/pages/index.ts';
import type { Cell } from '../dashboards/privacy/suppress.ts';

export type { Cell, Suppressed } from '../dashboards/privacy/suppress.ts';

/** Bump when the shape changes; stored packs carry the version they were written with. */
export const PACK_MODEL_VERSION = 1;

/** The pack's sections a manager writes commentary for: one per dashboard. */
export const PACK_SECTIONS = ['overview', 'financial', 'collections', 'staffing'] as const satisfies readonly PageId[];
export type PackSectionId = (typeof PACK_SECTIONS)[number];

/** A number as presented: `text` is exactly what the reader sees ("suppressed" when suppressed). */
export interface PackNumber {
  readonly value: number | null;
  /** Money as exact decimal text ('1234.50'). */
  readonly exact?: string;
  readonly text: string;
  readonly suppressed?: true;
  readonly note?: string;
}

export interface PackComparison {
  readonly key: 'prior' | 'yoy' | 'budget';
  readonly label: string;
  readonly value: PackNumber;
}

export interface PackTile {
  readonly metricId: string;
  readonly label: string;
  readonly unit: string;
  /** The value's column name (unit suffix), e.g. 'gross_charges_usd'. */
  readonly column: string;
  readonly value: PackNumber;
  readonly comparisons: readonly PackComparison[];
  readonly target: { readonly text: string; readonly good?: number; readonly warn?: number; readonly direction: 'up' | 'down' | 'neutral' };
  readonly status: 'good' | 'warn' | 'bad' | null;
  /** Vector sparkline (the dashboards' SVG); null when withheld by suppression. */
  readonly sparkline: string | null;
}

export interface PackTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** A stable identity per row (its text cells and keys), for restatements. */
  readonly rowKeys: readonly string[];
}

export interface PackSection {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  /** The dashboard's chart; absent when the section has none or it was withheld. */
  readonly svg?: string;
  /** Why a chart is not shown (suppression). */
  readonly chartNote?: string;
  readonly table: PackTable;
  readonly suppressedCells: number;
}

export interface PackPage {
  readonly id: PageId;
  readonly title: string;
  readonly subtitle: string;
  readonly tiles: readonly PackTile[];
  readonly sections: readonly PackSection[];
}

export interface SourceCoverage {
  readonly source: string;
  readonly firstDate: string | null;
  readonly lastDate: string | null;
  readonly lastLoadedAt: string | null;
  /** Whether the source's data spans the whole month. */
  readonly coverage: 'complete' | 'partial' | 'none';
  readonly stale: boolean;
}

export interface LoadNote {
  readonly runId: string;
  readonly source: string;
  readonly fileName: string;
  readonly startedAt: string;
  readonly status: string;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly errorCode: string | null;
}

export interface Completeness {
  readonly sources: readonly SourceCoverage[];
  /** Loads whose data touches the month, and files rejected whole since the month began. */
  readonly loads: readonly LoadNote[];
  readonly rowsRejected: number;
  readonly filesRejected: number;
}

export interface Definition {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly unit: string;
  readonly definition: string;
  readonly formula: string;
  readonly standard: string;
  readonly target: string;
  readonly direction: string;
}

/** A number an approved pack presented that the warehouse now gives differently. */
export interface Restatement {
  readonly month: string;
  readonly key: string;
  readonly label: string;
  readonly old: string;
  readonly new: string;
  readonly detectedAt: string;
}

export interface PackModel {
  readonly modelVersion: typeof PACK_MODEL_VERSION;
  /** YYYY-MM */
  readonly month: string;
  /** 'October 2026' */
  readonly monthLabel: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly practiceName: string;
  /** ISO timestamp from the injected clock. */
  readonly generatedAt: string;
  readonly pages: readonly PackPage[];
  readonly completeness: Completeness;
  readonly definitions: readonly Definition[];
  /** Restatements of earlier approved packs, to be read with this one. */
  readonly restatements: readonly Restatement[];
  readonly suppression: { readonly rule: string; readonly cells: number; readonly tiles: number };
}

/** Draft, or approved (locked) by whom and when. */
export type PackStatus = { readonly state: 'draft' } | { readonly state: 'approved'; readonly approvedAt: string; readonly approvedBy: string; readonly version: number };

/** Commentary by pack section id. */
export type Commentary = Readonly<Partial<Record<string, string>>>;
