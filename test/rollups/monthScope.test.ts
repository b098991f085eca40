/**
 * The month scope of a partial rebuild (dashboards/rollups/month-scope.ts): the runs of months
 * and the ranges it binds, and, for every month-grain rollup over the hand-worked fixture
 * (test/metrics/fixture.ts: a ledger from November 2023 to March 2024, appointments in February
 * and March, pay periods spanning February-March and March-April), that rebuilding a set of
 * months through the narrowed query leaves each table exactly as the full query built it.
 */
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { monthRuns, scopeMonths } from '../../dashboards/rollups/month-scope.ts';
import { ruleLists } from '../../dashboards/rollups/rebuild.ts';
import { STEPS, runStep, type Step } from '../../dashboards/rollups/steps.ts';
import { withFixture } from '../metrics/fixture.ts';

describe('month runs', () => {
  it('join consecutive months across a year end and keep gaps apart, each run ending on the first day after it', () => {
    expect(monthRuns(['2024-03-01', '2023-12-01', '2024-01-01', '2024-05-01', '2024-01-01'])).toEqual([
      ['2023-12-01', '2024-02-01'],
      ['2024-03-01', '2024-04-01'],
      ['2024-05-01', '2024-06-01'],
    ]);
    expect(monthRuns(['2024-12-01'])).toEqual([['2024-12-01', '2025-01-01']]);
  });

  it('refuse a date that is not the first day of a month', () => {
    expect(() => monthRuns(['2024-03-15'])).toThrow(/first day of a month/);
  });
});

describe('scopeMonths', () => {
  it('replace a dated marker and a span marker with bound ranges, one per run', () => {
    const q = 'SELECT * FROM f WHERE a AND /*months:f.post_date*/ TRUE UNION ALL SELECT * FROM p WHERE /*months:period_start..period_end*/ TRUE';
    const { sql, values } = scopeMonths(q, ['2024-01-01', '2024-03-01']);
    expect(sql).toBe(
      'SELECT * FROM f WHERE a AND ((f.post_date >= $month_from_0::DATE AND f.post_date < $month_to_0::DATE) OR (f.post_date >= $month_from_1::DATE AND f.post_date < $month_to_1::DATE))' +
        ' UNION ALL SELECT * FROM p WHERE ((period_end >= $month_from_0::DATE AND period_start < $month_to_0::DATE) OR (period_end >= $month_from_1::DATE AND period_start < $month_to_1::DATE))',
    );
    expect(values).toEqual({ month_from_0: '2024-01-01', month_to_0: '2024-02-01', month_from_1: '2024-03-01', month_to_1: '2024-04-01' });
  });

  it('refuse a query without a marker, and an empty set of months', () => {
    expect(() => scopeMonths('SELECT 1', ['2024-01-01'])).toThrow(/marker/);
    expect(() => scopeMonths('SELECT 1 WHERE /*months:d*/ TRUE', [])).toThrow(/at least one month/);
  });
});

const MONTH_STEPS = STEPS.filter((s) => s.slice.kind === 'month');

/** The rows of a table that differ from the snapshot `want` (both directions). */
async function differing(conn: DuckDBConnection, table: string): Promise<number> {
  const sql = `SELECT (SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT ALL SELECT * FROM want))
                    + (SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM ${table}))`;
  return Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
}

/** Rebuild `months` of `step` in place (rolled back after) and count rows that differ from the full build, and the rows of those months. */
async function rebuildMonths(conn: DuckDBConnection, step: Step, months: string[]): Promise<{ differ: number; sliceRows: number }> {
  if (step.slice.kind !== 'month') throw new Error(step.table);
  const values: Record<string, DuckDBValue> = Object.fromEntries(months.map((m, i) => [`p${i}`, m]));
  const where = `${step.slice.key} IN (${months.map((_, i) => `$p${i}::DATE`).join(', ')})`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE want AS SELECT * FROM ${step.table}`);
  const sliceRows = Number((await conn.runAndReadAll(`SELECT count(*) FROM want WHERE ${where}`, values)).getRows()[0]![0]);
  await conn.run('BEGIN TRANSACTION');
  try {
    await runStep(conn, step, ruleLists(), { whole: false, where, values, months });
    return { differ: await differing(conn, step.table), sliceRows };
  } finally {
    await conn.run('ROLLBACK');
  }
}

describe('a partial rebuild through the month scope', () => {
  it('gives every month-grain rollup the rows the full query gives, for runs with gaps, a year end and spanning pay periods', async () => {
    expect(MONTH_STEPS.map((s) => s.table).sort()).toEqual([
      'rollup_appt_month', 'rollup_charges_day', 'rollup_clinic_day', 'rollup_denial', 'rollup_flow_month',
      'rollup_payroll_month', 'rollup_procedure_month', 'rollup_visit',
    ]);
    const sets = [['2024-03-01'], ['2024-02-01', '2024-04-01'], ['2023-12-01', '2024-01-01'], ['2023-11-01', '2024-01-01', '2024-03-01']];
    await withFixture(async (conn) => {
      for (const step of MONTH_STEPS) {
        let rebuilt = 0;
        for (const months of sets) {
          const { differ, sliceRows } = await rebuildMonths(conn, step, months);
          expect(differ, `${step.table} rebuilt for ${months.join(', ')}`).toBe(0);
          rebuilt += sliceRows;
        }
        // Each table had rows in the months rebuilt, so the comparison had something to lose.
        expect(rebuilt, step.table).toBeGreaterThan(0);
      }
    });
  });
});
