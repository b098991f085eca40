/**
 * What the CMS cell-size rule applies to in a board-facing output (PRODUCT.md §5), decided by
 * name so that it holds for every table the dashboards build, today's and tomorrow's:
 *
 * - A table column counts patients or their appointments when its name is a count (ends in
 *   `_n`, the house unit suffix, or is a bare noun) and one of its words is one of
 *   COUNTED_NOUNS: `visits_n`, `visits`, `appointments`, `new_patients_n`, `claims_n`,
 *   `claims_adjudicated_n`, `adjustments_n` (a claim and its adjustments are a patient's
 *   encounter). Hours (`overtime_hours_n`), FTE and money are not counts of patients.
 * - In a table of measures (a `budget_line` column naming each row's measure), the `actual_*_n`
 *   cells of a row whose measure is such a count (`visits_n`) count patients too.
 * - A headline metric is such a count, or is computed from one, as COUNTED_METRIC_PARTS lists.
 * - A small cell is a count from 1 to 10 (SMALL_MIN..SMALL_MAX). Zero may be shown.
 */
import type { MetricValue } from '../metrics/index.ts';

export const SMALL_MIN = 1;
export const SMALL_MAX = 10;

export const COUNTED_NOUNS: ReadonlySet<string> = new Set([
  'patient', 'patients', 'visit', 'visits', 'appointment', 'appointments', 'encounter', 'encounters',
  'claim', 'claims', 'adjustments', 'noshows', 'cancellations',
]);

/** Columns whose first cell names each row's measure, e.g. the plan-versus-actual tables. */
export const MEASURE_COLUMNS: ReadonlySet<string> = new Set(['budget_line', 'measure']);

/** `visits_n`, `claims_adjudicated_n`, `appointments` -> true; `overtime_hours_n`, `charges_usd` -> false. */
export function isCountedColumn(name: string): boolean {
  const words = name.toLowerCase().split('_').filter(Boolean);
  if (words.length === 0) return false;
  const isCount = words.at(-1) === 'n' || (words.length === 1 && COUNTED_NOUNS.has(words[0]!));
  return isCount && words.some((w) => COUNTED_NOUNS.has(w));
}

/** A cell of a measure row that counts the measure's actuals: `actual_n`, `actual_visits_n`. */
export const isActualCountColumn = (name: string): boolean => /^actual(_[a-z0-9]+)*_n$/.test(name);

/** A number, or decimal text, as a number; anything else null. */
export function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/** 1 to 10: a cell the rule hides. */
export function isSmall(v: unknown): boolean {
  const n = numeric(v);
  return n !== null && n >= SMALL_MIN && n <= SMALL_MAX;
}

type Part = 'value' | 'numerator' | 'denominator';

/**
 * Headline metrics that are counts of patients or appointments, or are computed from one,
 * and which of their parts are such counts. A rate over a small count gives the count away
 * (5 no-shows out of 7 is 71.4%), so the rate is hidden with it.
 */
export const COUNTED_METRIC_PARTS: Readonly<Record<string, readonly Part[]>> = {
  visits: ['value'],
  no_show_rate: ['numerator', 'denominator'],
  late_cancel_rate: ['numerator', 'denominator'],
  denial_rate: ['numerator', 'denominator'],
  visits_per_provider_fte_day: ['numerator'],
  payroll_cost_per_visit: ['denominator'],
};

/** Whether a metric's value must be suppressed: one of its counted parts is 1 to 10. */
export function isSmallMetric(metricId: string, v: MetricValue | null | undefined): boolean {
  if (!v) return false;
  const parts = COUNTED_METRIC_PARTS[metricId] ?? [];
  return parts.some((p) => isSmall(v[p]));
}

/** The rule as the pack states it. */
export const SUPPRESSION_RULE =
  'CMS cell-size rule: any count of patients, visits, appointments or claims from 1 to 10 is shown as "suppressed", and so is ' +
  'any rate computed from such a count. Where one suppressed cell could be worked out from a total or from the other cells ' +
  'of its row or column, a second cell is suppressed with it (complementary suppression). Zero is shown.';
