/**
 * Plan versus actual for every budget line (ref_budget) over a period: plan, actual from the
 * metric catalog, variance in the line's unit and in percent of plan. A line's unit is in its
 * name (`_usd` money, `_n` a count). A budget is compared only at the grain it is defined
 * (the practice, or a location): under a provider or payer-class filter there is no budget, and
 * `noBudgetReason` says so in words (never a practice budget beside a filtered actual).
 * Lines the catalog has no actual for are listed with actual null.
 */
import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { getMetric } from '../catalog/index.ts';
import { computeMetrics, type InputMemo } from '../compute.ts';
import { centsToNumber, centsToText, toCents } from '../money.ts';
import { parseFilter } from '../period.ts';
import type { GoodDirection, MetricFilter } from '../types.ts';

const SQL = readFileSync(new URL('./plan.sql', import.meta.url), 'utf8');

/** Budget line -> the catalog metric that gives its actual. */
export const BUDGET_LINE_METRIC: Readonly<Record<string, string>> = {
  gross_charges_usd: 'gross_charges',
  collections_usd: 'net_payments',
  payroll_cost_usd: 'payroll_cost',
  visits_n: 'visits',
};

export interface PlanVsActualRow {
  readonly budget_line: string;
  readonly unit: 'usd' | 'count' | 'other';
  readonly metric_id: string | null;
  /** Direction in which a variance is good (from the metric); neutral when unknown. */
  readonly good_direction: GoodDirection;
  readonly plan: number;
  readonly actual: number | null;
  /** actual - plan; money exact to the cent. */
  readonly variance: number | null;
  /** (actual - plan) / plan; null when plan is 0 or actual unknown. */
  readonly variance_pct: number | null;
  /** Months of the period with a plan for the line. */
  readonly months_n: number;
  /** Plan, actual and variance as exact decimal text ('1234.50'): what a money line shows. */
  readonly exact: { readonly plan: string; readonly actual: string | null; readonly variance: string | null };
}

const unitOf = (line: string): PlanVsActualRow['unit'] => (line.endsWith('_usd') ? 'usd' : line.endsWith('_n') ? 'count' : 'other');

/** Why no budget can be compared at this filter, or null when one can (practice or location). */
export function noBudgetReason(filter: Pick<MetricFilter, 'providerId' | 'payerClass'>): string | null {
  const by = [filter.providerId !== undefined ? 'provider' : null, filter.payerClass !== undefined ? 'payer class' : null].filter(Boolean);
  return by.length === 0 ? null : `No budget exists by ${by.join(' or ')}: budgets are set for the practice and for each location.`;
}

/** Plan versus actual; empty under a provider or payer-class filter (see noBudgetReason). */
export async function planVsActual(conn: DuckDBConnection, filter: MetricFilter, memo?: InputMemo): Promise<PlanVsActualRow[]> {
  if (noBudgetReason(filter) !== null) return [];
  const f = parseFilter({ from: filter.from, to: filter.to, locationId: filter.locationId });
  const reader = await conn.runAndReadAll(
    SQL,
    { from: f.from, to: f.to, location_id: f.locationId ?? null },
    { from: VARCHAR, to: VARCHAR, location_id: VARCHAR },
  );
  const lines = reader.getRowObjectsJson().map((r) => ({
    line: String(r.budget_line),
    plan: toCents(String(r.planned_value)),
    months: Number(r.months_n),
  }));
  const ids = [...new Set(lines.map((l) => BUDGET_LINE_METRIC[l.line]).filter((id): id is string => id !== undefined))];
  const actuals = await computeMetrics(conn, f, ids, memo);
  return lines.map(({ line, plan, months }) => {
    const metricId = BUDGET_LINE_METRIC[line] ?? null;
    const value = metricId ? actuals[metricId] : undefined;
    // Money compares as cents; counts are whole numbers, exact in cents too.
    const actual = value?.value == null ? null : value.exact !== undefined ? toCents(value.exact) : BigInt(Math.round(value.value * 100));
    const variance = actual === null ? null : actual - plan;
    return {
      budget_line: line,
      unit: unitOf(line),
      metric_id: metricId,
      good_direction: metricId ? getMetric(metricId).goodDirection : 'neutral',
      plan: centsToNumber(plan),
      actual: actual === null ? null : centsToNumber(actual),
      variance: variance === null ? null : centsToNumber(variance),
      variance_pct: variance === null || plan === 0n ? null : Number(variance) / Number(plan),
      months_n: months,
      exact: { plan: centsToText(plan), actual: actual === null ? null : centsToText(actual), variance: variance === null ? null : centsToText(variance) },
    };
  });
}
