/**
 * The public API of the metric catalog (see README.md beside this module):
 * the catalog (METRICS, getMetric, target bands), metric values over a period or month by
 * month, and the breakdowns the dashboards show. Everything reads the rollups built by
 * dashboards/rollups/rebuild.ts, never the raw facts.
 */
export { METRICS, METRIC_GROUPS, getMetric } from './catalog/index.ts';
export type { Metric, MetricGroup } from './define.ts';
export { computeGrid, computeMetrics, metricSeries, monthsEnding, type InputMemo, type Period } from './compute.ts';
export { targetStatus, withTargets, type TargetStatus } from './targets.ts';
export { mixBreakdown, MIX_DIMENSIONS, type MixDimension, type MixRow } from './breakdowns/mix.ts';
export { topDenialReasons, type DenialReasonOptions, type DenialReasonRow } from './breakdowns/denial-reasons.ts';
export { noBudgetReason, planVsActual, BUDGET_LINE_METRIC, type PlanVsActualRow } from './breakdowns/plan-vs-actual.ts';
export { payrollByJobClass, type JobClassRow } from './breakdowns/payroll-by-class.ts';
export type {
  Dimension,
  GoodDirection,
  LocationFilter,
  MetricFilter,
  MetricValue,
  SeriesPoint,
  Standard,
  TargetBand,
  Unit,
} from './types.ts';
export { arByPayerClass, AR_BUCKETS, type ArByClassRow } from './breakdowns/ar-by-class.ts';
export { denialRateByPayerClass, type DenialByClassRow } from './breakdowns/denial-by-class.ts';
export { arRollForward, AR_ROLL_FORWARD_COLUMNS, type ArRollForwardRow } from './breakdowns/ar-roll-forward.ts';
