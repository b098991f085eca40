/**
 * Payroll by job class for the staffing dashboard: cost, hours, overtime share and FTE of
 * every job class with payroll in the period. Payroll carries no provider or payer, so only
 * a location filter applies.
 */
import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { centsToNumber, toCents } from '../money.ts';
import { parseFilter } from '../period.ts';
import type { LocationFilter } from '../types.ts';

const SQL = readFileSync(new URL('./payroll-by-class.sql', import.meta.url), 'utf8');

export interface JobClassRow {
  readonly job_class: string;
  readonly payroll_cost_usd: number;
  readonly regular_hours: number;
  readonly overtime_hours: number;
  /** overtime / (regular + overtime); null when no hours. */
  readonly overtime_pct: number | null;
  /** FTE capped at 1.0 per employee per pay period, averaged over the days of the period payroll covers. */
  readonly fte: number;
}

export async function payrollByJobClass(conn: DuckDBConnection, filter: LocationFilter): Promise<JobClassRow[]> {
  const f = parseFilter({ from: filter.from, to: filter.to, locationId: filter.locationId });
  const reader = await conn.runAndReadAll(
    SQL,
    { from: f.from, to: f.to, location_id: f.locationId ?? null },
    { from: VARCHAR, to: VARCHAR, location_id: VARCHAR },
  );
  return reader.getRowObjectsJson().map((r) => {
    const regular = Number(r.regular_hours);
    const overtime = Number(r.overtime_hours);
    return {
      job_class: String(r.job_class),
      payroll_cost_usd: centsToNumber(toCents(String(r.payroll_cost_usd))),
      regular_hours: regular,
      overtime_hours: overtime,
      overtime_pct: regular + overtime === 0 ? null : overtime / (regular + overtime),
      fte: Number(r.fte),
    };
  });
}
