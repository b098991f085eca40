/**
 * The one unit table. Every unit the product shows, with its column-name suffix, how many
 * fraction digits it is written with, the word or label that names it, and the kind of
 * value an export writes for it. Formatting (dashboards/charts/format.ts), exports
 * (dashboards/export/columns.ts), page value columns (dashboards/pages/model.ts) and the
 * privacy rules (a count is a `count` column) all read this table; nothing else lists units.
 *
 * A column's unit is read from its name:
 * - a metric's value column is the metric id when the id already names its unit
 *   (`days_in_ar`, `lead_time_days`, `ar_over_90_pct`), else the id with the unit suffix
 *   (`gross_charges_usd`), so no name repeats its unit (`days_in_ar_days`);
 * - any other column by its suffix (`charges_usd`, `visits_n`, `regular_hours`), or by being
 *   the unit's own name (`fte`).
 */
import { METRICS, type Metric } from '../metrics/index.ts';

export type Unit = 'usd' | 'pct' | 'days' | 'count' | 'minutes' | 'fte' | 'rvu' | 'ratio' | 'hours';
export type ColumnUnit = Unit | 'text';
/** What an export writes: exact money, a fraction, an integer, or another quantity. */
export type ValueKind = 'money' | 'percent' | 'count' | 'numeric';

export interface UnitSpec {
  /** Column-name suffix, without the underscore. */
  readonly suffix: string;
  /** Other words in a metric id that name the unit (`minutes` for `min`). */
  readonly words: readonly string[];
  /** Fraction digits in tables, tiles and tooltips. */
  readonly digits: number;
  /** Appended where the number's symbol does not say the unit: '12.5 days'. */
  readonly word?: string;
  /** As written in an axis label: 'Payments (USD)'. */
  readonly label: string;
  readonly kind: ValueKind;
  /** The suffix is a word a heading keeps: 'regular_hours' is headed 'Regular hours'. */
  readonly spoken?: true;
}

/** Checked in this order: the first suffix that matches wins. */
export const UNITS: Readonly<Record<Unit, UnitSpec>> = {
  usd: { suffix: 'usd', words: [], digits: 2, label: 'USD', kind: 'money' },
  pct: { suffix: 'pct', words: [], digits: 1, label: '%', kind: 'percent' },
  days: { suffix: 'days', words: [], digits: 1, word: 'days', label: 'days', kind: 'numeric' },
  count: { suffix: 'n', words: [], digits: 0, label: 'count', kind: 'count' },
  minutes: { suffix: 'min', words: ['minutes'], digits: 0, word: 'min', label: 'minutes', kind: 'numeric' },
  fte: { suffix: 'fte', words: [], digits: 2, word: 'FTE', label: 'FTE', kind: 'numeric' },
  rvu: { suffix: 'rvu', words: ['rvus'], digits: 2, word: 'wRVU', label: 'wRVU', kind: 'numeric' },
  ratio: { suffix: 'ratio', words: [], digits: 2, label: 'ratio', kind: 'numeric' },
  hours: { suffix: 'hours', words: [], digits: 1, word: 'hours', label: 'hours', kind: 'numeric', spoken: true },
};

const ORDER = Object.keys(UNITS) as Unit[];

/** The unit of a column name by its suffix or its whole name alone (no metric lookup). */
function unitBySuffix(name: string): ColumnUnit {
  const lower = name.toLowerCase();
  for (const unit of ORDER) {
    const s = UNITS[unit].suffix;
    if (lower.endsWith(`_${s}`) || lower === s) return unit;
  }
  return 'text';
}

/** Whether a metric id already names its unit: `days_in_ar` (days), `visit_minutes` (minutes). */
function idNamesUnit(m: Pick<Metric, 'id' | 'unit'>): boolean {
  const spec = UNITS[m.unit];
  const words = m.id.split('_');
  return unitBySuffix(m.id) === m.unit || words.includes(spec.suffix) || spec.words.some((w) => words.includes(w)) || words.includes(m.unit);
}

/** A metric's value column: `gross_charges_usd`, `days_in_ar`, `visits_n`. */
export function metricColumn(m: Pick<Metric, 'id' | 'unit'>): string {
  return idNamesUnit(m) ? m.id : `${m.id}_${UNITS[m.unit].suffix}`;
}

const METRIC_COLUMNS: ReadonlyMap<string, Metric> = new Map(METRICS.map((m) => [metricColumn(m), m]));

/** The metric whose value a column holds, if any: `days_in_ar` -> Days in A/R. */
export const metricOfColumn = (column: string): Metric | undefined => METRIC_COLUMNS.get(column);

/** The unit of a column: `unitOf('no_show_pct')` is 'pct'; `unitOf('days_in_ar')` is 'days'. */
export function unitOf(column: string): ColumnUnit {
  const m = METRIC_COLUMNS.get(column);
  if (m) return m.unit;
  return unitBySuffix(column);
}

/** The suffix a column's name ends with for its unit ('' when none): for humanizing. */
export function unitSuffixOf(column: string): string {
  const unit = unitBySuffix(column);
  if (unit === 'text') return '';
  const s = UNITS[unit].suffix;
  return column.toLowerCase() === s || UNITS[unit].spoken ? '' : `_${s}`;
}
