/**
 * What the data covers, in the one way every output states it: which fact source a metric is
 * computed from, and whether that source's loaded dates span a period (whole, part, none).
 * The dates come from dashboards/freshness.ts (one query over etl_file), which the pages, the
 * pack's completeness notes and the tiles' statuses all read.
 */
import type { SourceFreshness } from '../freshness.ts';
import type { Metric } from '../metrics/index.ts';

export type Source = 'billing' | 'appointments' | 'payroll';
export type Coverage = 'complete' | 'partial' | 'none';

const INPUT_SOURCE: Readonly<Record<string, Source>> = {
  flows: 'billing',
  ar: 'billing',
  paymentDays: 'billing',
  appointments: 'appointments',
  visits: 'appointments',
  clinicDays: 'appointments',
  payroll: 'payroll',
  providerFte: 'payroll',
};

/** The source a metric's first input reads: gross charges -> billing, visits -> appointments. */
export function metricSource(m: Pick<Metric, 'inputs'>): Source | undefined {
  for (const i of m.inputs) if (INPUT_SOURCE[i]) return INPUT_SOURCE[i];
  return undefined;
}

/** Whether a source's loaded dates span the period: 'none' also for a source never loaded. */
export function periodCoverage(f: Pick<SourceFreshness, 'firstDate' | 'lastDate'> | undefined, period: { from: string; to: string }): Coverage {
  if (!f?.firstDate || !f.lastDate || f.firstDate > period.to || f.lastDate < period.from) return 'none';
  return f.firstDate <= period.from && f.lastDate >= period.to ? 'complete' : 'partial';
}

/** A month (first day) with no data of the source at all. */
export function monthUncovered(f: Pick<SourceFreshness, 'firstDate' | 'lastDate'> | undefined, monthStart: string): boolean {
  const end = `${monthStart.slice(0, 7)}-31`;
  return periodCoverage(f, { from: monthStart, to: end }) === 'none';
}
