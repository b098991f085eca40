/**
 * The board pack's model: a JSON-serializable snapshot of everything a month's pack shows
 * (every number already suppressed where the cell-size rule says so, with the text it is
 * shown as), so the PDF, the offline HTML and the stored approved pack all present the same
 * thing, and a restatement compares what was presented with what would be presented now.
 */
import type { PackStory } from '../dashboards/bridge/types.ts';
import type { PresentedComparison, PresentedNumber, PresentedPage, PresentedSection, PresentedTable, PresentedTile } from '../dashboards/present/index.ts';

export type { Cell, Suppressed } from '../dashboards/present/index.ts';

/**
 * Bump when the shape changes; stored packs carry the version they were written with.
 * 2: tiles carry their status word and tables their cell text (the presented page); a stored
 * version-1 pack is read through `upgradeModel` (store/packs.ts).
 */
export const PACK_MODEL_VERSION = 2;

/** The pack's sections a manager writes commentary for: one per dashboard. */
export const PACK_SECTIONS = ['overview', 'financial', 'collections', 'staffing'] as const;
export type PackSectionId = (typeof PACK_SECTIONS)[number];

/** The pack's pages are presented pages (dashboards/present), for the board audience. */
export type PackNumber = PresentedNumber;
export type PackComparison = PresentedComparison;
export type PackTile = PresentedTile;
export type PackTable = PresentedTable;
export type PackSection = PresentedSection;
export type PackPage = Pick<PresentedPage, 'id' | 'title' | 'subtitle' | 'tiles' | 'sections'>;

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
  readonly modelVersion: 1 | typeof PACK_MODEL_VERSION;
  /** YYYY-MM */
  readonly month: string;
  /** 'October 2026' */
  readonly monthLabel: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly practiceName: string;
  /** ISO timestamp from the injected clock. */
  readonly generatedAt: string;
  /**
   * The practice's IANA time zone the pack's times are shown in ('America/Chicago'): the
   * approval stamp, when it was prepared, restatements, loads. Absent in packs stored before
   * it existed (their stamps said UTC, and still do).
   */
  readonly timezone?: string;
  readonly pages: readonly PackPage[];
  readonly completeness: Completeness;
  readonly definitions: readonly Definition[];
  /** Restatements of earlier approved packs, to be read with this one. */
  readonly restatements: readonly Restatement[];
  readonly suppression: { readonly rule: string; readonly cells: number; readonly tiles: number };
  /** Why the headline measures moved (dashboards/bridge): absent in packs stored before it existed. */
  readonly story?: PackStory;
}

/** Draft, or approved (locked) by whom and when. */
export type PackStatus = { readonly state: 'draft' } | { readonly state: 'approved'; readonly approvedAt: string; readonly approvedBy: string; readonly version: number };

/** Commentary by pack section id. */
export type Commentary = Readonly<Partial<Record<string, string>>>;
