/**
 * Issue 11 item 3: a manager must not read one employee's pay. Payroll by job class merges any
 * class of fewer than 3 employees, and adds the smallest shown class while the merged row is
 * still small, so neither the row nor "total minus the other rows" is one person's pay. The
 * exact groups are the admin's (minEmployees 1). Hand-built tables in a fresh in-memory DuckDB.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OTHER_CLASSES, payrollByJobClass } from '../../dashboards/metrics/breakdowns/payroll-by-class.ts';

const MARCH = { from: '2024-03-01', to: '2024-03-31' };
let conn: DuckDBConnection;

/** Each class: [job_class, employees, cost of the class, regular hours, overtime hours, FTE-days]. */
async function load(classes: readonly (readonly [string, number, string, number, number, number])[]) {
  await conn.run(`CREATE OR REPLACE TABLE rollup_payroll_month (month_start DATE, location_id VARCHAR, job_class VARCHAR,
    payroll_cost_usd DECIMAL(18,2), regular_hours DECIMAL(18,2), overtime_hours DECIMAL(18,2), fte_days DECIMAL(18,6))`);
  await conn.run('CREATE OR REPLACE TABLE fact_payroll (employee_id VARCHAR, job_class VARCHAR, location_id VARCHAR, period_start DATE, period_end DATE)');
  // Payroll covers the whole of March, so FTE is over its 31 days (the catalog's coverage rule).
  await conn.run("CREATE OR REPLACE TABLE rollup_coverage AS SELECT 'payroll' AS source, DATE '2024-03-01' AS first_date, DATE '2024-03-31' AS last_date");
  for (const [cls, n, cost, reg, ot, fteDays] of classes) {
    await conn.run("INSERT INTO rollup_payroll_month VALUES (DATE '2024-03-01', 'L1', $c, $cost::DECIMAL(18,2), $reg, $ot, $fte)", { c: cls, cost, reg, ot, fte: fteDays });
    for (let i = 0; i < n; i += 1) {
      await conn.run("INSERT INTO fact_payroll VALUES ($e, $c, 'L1', DATE '2024-03-11', DATE '2024-03-24')", { e: `${cls}-${i}`, c: cls });
    }
  }
}

beforeEach(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterEach(() => conn.closeSync());

describe('pay by job class has a minimum group size', () => {
  it('merges two classes of one employee each with the smallest shown class', async () => {
    await load([
      ['provider', 4, '40000.00', 320, 0, 56],
      ['clinical', 3, '12000.00', 240, 6, 42],
      ['front_office', 1, '3100.50', 80, 0, 14],
      ['billing', 1, '2900.25', 80, 2, 14],
    ]);
    const rows = await payrollByJobClass(conn, MARCH);
    expect(rows.map((r) => [r.job_class, r.payroll_cost_usd, r.regular_hours, r.overtime_hours])).toEqual([
      ['provider', '40000.00', 320, 0],
      // 3100.50 + 2900.25 + 12000.00; hours 80 + 80 + 240 and 0 + 2 + 6
      [OTHER_CLASSES, '18000.75', 400, 8],
    ]);
    expect(rows[1]!.fte).toBeCloseTo((14 + 14 + 42) / 31, 12);
    // No row, and no total minus the other rows, is one person's pay.
    const costs = rows.map((r) => Math.round(Number(r.payroll_cost_usd) * 100));
    for (const pay of [310050, 290025]) {
      expect(costs).not.toContain(pay);
      expect(costs.map((c) => 5800075 - c)).not.toContain(pay);
    }
  });

  it('merges a lone small class even when it is the only small one', async () => {
    await load([
      ['provider', 4, '40000.00', 320, 0, 56],
      ['clinical', 3, '12000.00', 240, 0, 42],
      ['front_office', 1, '3100.50', 80, 0, 14],
    ]);
    expect((await payrollByJobClass(conn, MARCH)).map((r) => [r.job_class, r.payroll_cost_usd])).toEqual([
      ['provider', '40000.00'],
      [OTHER_CLASSES, '15100.50'],
    ]);
  });

  it('gives the exact groups when asked (the admin view), and leaves large classes alone', async () => {
    await load([
      ['provider', 4, '40000.00', 320, 0, 56],
      ['clinical', 3, '12000.00', 240, 0, 42],
      ['front_office', 1, '3100.50', 80, 0, 14],
    ]);
    expect((await payrollByJobClass(conn, MARCH, { minEmployees: 1 })).map((r) => [r.job_class, r.payroll_cost_usd])).toEqual([
      ['clinical', '12000.00'],
      ['front_office', '3100.50'],
      ['provider', '40000.00'],
    ]);
    await load([
      ['provider', 4, '40000.00', 320, 0, 56],
      ['clinical', 3, '12000.00', 240, 0, 42],
    ]);
    expect((await payrollByJobClass(conn, MARCH)).map((r) => r.job_class)).toEqual(['clinical', 'provider']);
  });
});
