/**
 * The days payroll covers are defined once (dashboards/metrics/payroll-days.sql) and spliced
 * into the three queries that divide by them, so the catalog's FTE and the job-class table agree
 * on a month payroll covers only in part. April 2024 in the fixture: the last pay period ends on
 * 04-07, 7 of 30 days; clinical FTE 0.9 and front office 1.0 by hand (breakdowns.test.ts).
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { computeMetrics, payrollByJobClass } from '../../dashboards/metrics/index.ts';
import { sharedFixture } from './fixture.ts';

let conn: DuckDBConnection;
sharedFixture((c) => (conn = c));

const APRIL = { from: '2024-04-01', to: '2024-04-30' } as const;
const FILES = ['dashboards/metrics/inputs/payroll.sql', 'dashboards/metrics/inputs/provider-fte.sql', 'dashboards/metrics/breakdowns/payroll-by-class.sql'];

describe('the days payroll covers', () => {
  it('is one definition: the three queries splice it and none computes its own', () => {
    for (const f of FILES) {
      const sql = readFileSync(f, 'utf8');
      expect(sql, f).toContain('{{payroll_days}}');
      expect(sql, f).not.toMatch(/rollup_coverage/);
    }
    expect(readFileSync('dashboards/metrics/payroll-days.sql', 'utf8')).toMatch(/payroll_days AS \(/);
  });

  it('gives the catalog FTE and the job-class table the same divisor on a partly covered month', async () => {
    const v = await computeMetrics(conn, APRIL, ['payroll_fte_clinical', 'payroll_fte_front_office']);
    const rows = await payrollByJobClass(conn, APRIL, { minEmployees: 1 });
    expect(v.payroll_fte_clinical?.value).toBeCloseTo(0.9, 9);
    expect(v.payroll_fte_front_office?.value).toBeCloseTo(1, 9);
    expect(rows.find((r) => r.job_class === 'clinical')!.fte).toBeCloseTo(v.payroll_fte_clinical!.value!, 12);
    expect(rows.find((r) => r.job_class === 'front_office')!.fte).toBeCloseTo(v.payroll_fte_front_office!.value!, 12);
  });
});
