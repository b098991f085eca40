/**
 * The column-type model shared by every export, table and chart: a column's kind follows from
 * the unit suffix of its name (STYLE.md: "formatting follows from the name"), so `charges_usd`
 * is money everywhere and `visits_n` a count everywhere. Pure; no I/O.
 */
import { UNITS, unitOf, type Unit } from '../present/units.ts';

/**
 * money: exact dollars and cents (`_usd`); percent: a fraction, 0.95 = 95 % (`_pct`); count: an
 * integer (`_n`); numeric: any other quantity (`_days`, `_min`, `_fte`, `_rvu`, `_ratio`,
 * `_hours`), all as the one unit table (dashboards/present/units.ts) says;
 * temporal: a calendar date (`date`, `month`, `_date`) or an instant (`_at`); text: the rest.
 */
export type ColumnKind = 'money' | 'percent' | 'count' | 'numeric' | 'temporal' | 'text';

/** Day: a calendar date with no time of day. Instant: a point in time (UTC). */
export type TemporalPrecision = 'day' | 'instant';

export interface ColumnType {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The metric-catalog unit for numeric kinds, e.g. 'usd' for `charges_usd`. */
  readonly unit?: Unit;
  /** For temporal columns only. */
  readonly precision?: TemporalPrecision;
}

/** A cell of a query result. Money is exact decimal text ('-12.50'), never a number. */
export type Cell = string | number | bigint | boolean | null | Date;

/**
 * A query result to export. `kinds` overrides the kind inferred from a column's name, for a
 * column whose name cannot carry its unit (example: `{ month_start: 'temporal' }`).
 */
export interface ResultTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly kinds?: Readonly<Record<string, ColumnKind>>;
  /**
   * Counted columns of each row that add up (`total` = the sum of `parts`), which the cell-size
   * rule cannot tell from the names: dashboards/privacy/suppress.ts treats each as a group.
   */
  readonly sums?: readonly { readonly total: string; readonly parts: readonly string[] }[];
}

const DAY_NAMES = new Set(['date', 'month']);

/** The kind, unit and temporal precision of a column named `name` (override with `kind`). */
export function describeColumn(name: string, kind?: ColumnKind): ColumnType {
  const lower = name.toLowerCase();
  const unit = unitOf(name);
  const inferred: ColumnType = unit !== 'text'
    ? { name, kind: UNITS[unit].kind, unit }
    : DAY_NAMES.has(lower) || lower.endsWith('_date')
      ? { name, kind: 'temporal', precision: 'day' }
      : lower.endsWith('_at')
        ? { name, kind: 'temporal', precision: 'instant' }
        : { name, kind: 'text' };
  if (kind === undefined || kind === inferred.kind) return inferred;
  // An override keeps what the name still says (an `_at` column stays an instant).
  if (kind === 'temporal') return { name, kind, precision: lower.endsWith('_at') ? 'instant' : 'day' };
  const byKind = (Object.keys(UNITS) as Unit[]).find((u) => UNITS[u].kind === kind);
  return kind === 'numeric' || byKind === undefined ? { name, kind } : { name, kind, unit: byKind };
}

/** The kind of a column from the unit suffix of its name: `charges_usd` -> 'money'. */
export function inferColumnKind(name: string): ColumnKind {
  return describeColumn(name).kind;
}

/** Money, percent, count and numeric columns hold numbers and are never formula-guarded. */
export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'money' || kind === 'percent' || kind === 'count' || kind === 'numeric';
}

/** The column types of a table, with its overrides applied. */
export function columnTypes(table: ResultTable): ColumnType[] {
  return table.columns.map((name) => describeColumn(name, table.kinds?.[name]));
}
