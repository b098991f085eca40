/**
 * Payroll by job class for the staffing dashboard: cost, hours, overtime share and FTE of
 * every job class with payroll in the period. Payroll carries no provider or payer, so only
 * a location filter applies.
 *
 * Minimum group size (PRODUCT.md §5: individual pay is for the admin role only): a job class
 * with fewer than `minEmployees` distinct employees in the period (default 3) is not shown on
 * its own. Such classes are merged into one row, OTHER_CLASSES; while that row still holds
 * fewer than `minEmployees` employees, the smallest shown class joins it (a merged row of one
 * small class would still be one person's pay, and dropping it would let the total payroll
 * cost give it away). Only when the whole period has fewer employees than the minimum is the
 * one remaining row small; the total is the total. Pass `minEmployees: 1` for exact groups
 * (admins only).
 */
import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { centsToText, toCents } from '../money.ts';
import { withPayrollDays } from '../payroll-days.ts';
import { parseFilter } from '../period.ts';
import type { LocationFilter } from '../types.ts';

const SQL = withPayrollDays(readFileSync(new URL('./payroll-by-class.sql', import.meta.url), 'utf8'));

/** The smallest group of employees whose pay a non-admin sees. */
export const MIN_PAY_GROUP = 3;
export const OTHER_CLASSES = 'other classes (merged: small groups)';

export interface JobClassRow {
  readonly job_class: string;
  /** Exact decimal text ('1234.50'), summed in integer cents. */
  readonly payroll_cost_usd: string;
  readonly regular_hours: number;
  readonly overtime_hours: number;
  /** overtime / (regular + overtime); null when no hours. */
  readonly overtime_pct: number | null;
  /** FTE capped at 1.0 per employee per pay period, averaged over the days of the period payroll covers. */
  readonly fte: number;
}

interface Group {
  job_class: string;
  cents: bigint;
  regular: number;
  overtime: number;
  fte: number;
  employees: number;
}

export interface PayrollOptions {
  /** Classes with fewer employees are merged (see above). Default MIN_PAY_GROUP; 1 for admins. */
  readonly minEmployees?: number;
}

function merge(groups: readonly Group[], min: number): Group[] {
  if (min <= 1) return [...groups];
  const shown = groups.filter((g) => g.employees >= min);
  const merged = groups.filter((g) => g.employees < min);
  if (merged.length === 0) return shown;
  const bySize = [...shown].sort((a, b) => a.employees - b.employees || a.job_class.localeCompare(b.job_class));
  // Employees counted per class may overlap across classes: the sum is an upper bound, so a
  // merged row may be larger than needed, never smaller.
  const size = () => merged.reduce((n, g) => n + g.employees, 0);
  while (size() < min && bySize.length > 0) merged.push(bySize.shift()!);
  const other: Group = {
    job_class: OTHER_CLASSES,
    cents: merged.reduce((s, g) => s + g.cents, 0n),
    regular: merged.reduce((s, g) => s + g.regular, 0),
    overtime: merged.reduce((s, g) => s + g.overtime, 0),
    fte: merged.reduce((s, g) => s + g.fte, 0),
    employees: size(),
  };
  return [...bySize.sort((a, b) => a.job_class.localeCompare(b.job_class)), other];
}

export async function payrollByJobClass(conn: DuckDBConnection, filter: LocationFilter, opts: PayrollOptions = {}): Promise<JobClassRow[]> {
  const f = parseFilter({ from: filter.from, to: filter.to, locationId: filter.locationId });
  const reader = await conn.runAndReadAll(
    SQL,
    { from: f.from, to: f.to, location_id: f.locationId ?? null },
    { from: VARCHAR, to: VARCHAR, location_id: VARCHAR },
  );
  const groups = reader.getRowObjectsJson().map((r) => ({
    job_class: String(r.job_class),
    cents: toCents(String(r.payroll_cost_usd)),
    regular: Number(r.regular_hours),
    overtime: Number(r.overtime_hours),
    fte: Number(r.fte),
    employees: Number(r.employees_n),
  }));
  return merge(groups, opts.minEmployees ?? MIN_PAY_GROUP).map((g) => ({
    job_class: g.job_class,
    payroll_cost_usd: centsToText(g.cents),
    regular_hours: g.regular,
    overtime_hours: g.overtime,
    overtime_pct: g.regular + g.overtime === 0 ? null : g.overtime / (g.regular + g.overtime),
    fte: g.fte,
  }));
}
