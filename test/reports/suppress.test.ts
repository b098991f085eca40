/**
 * The CMS cell-size rule on tables and headline values: which cells count patients, primary
 * suppression of 1 to 10, complementary suppression so that no hidden value can be worked out
 * from a total or from the rest of its row or column, rates over hidden counts, zero shown.
 */
import { describe, expect, it } from 'vitest';
import { isCountedColumn, isSmall, isSmallMetric } from '../../dashboards/privacy/rules.ts';
import { isSuppressed, suppressTable, type Cell } from '../../dashboards/privacy/suppress.ts';

const hidden = (rows: readonly (readonly Cell[])[]) => rows.map((r) => r.map((c) => (isSuppressed(c) ? 'X' : c)));

/**
 * Whether any hidden cell of column `c` can be worked out: exactly one hidden among the data
 * rows while the total (given, or known elsewhere) is shown.
 */
function derivableFromTotal(rows: readonly (readonly Cell[])[], c: number, totalRow?: number): boolean {
  const data = rows.filter((_, r) => r !== totalRow);
  const hiddenN = data.filter((r) => isSuppressed(r[c])).length;
  const totalShown = totalRow === undefined || !isSuppressed(rows[totalRow]![c]);
  return hiddenN === 1 && totalShown;
}

describe('which columns count patients', () => {
  it('names counts of patients, visits, appointments and claims, not hours or money', () => {
    for (const c of ['visits_n', 'visits', 'appointments', 'new_patients_n', 'claims_n', 'claims_adjudicated_n', 'adjustments_n', 'total_patients_n']) expect(isCountedColumn(c), c).toBe(true);
    for (const c of ['regular_hours_n', 'overtime_hours_n', 'charges_usd', 'visits_per_fte_ratio', 'no_show_pct', 'plan_n', 'fte', 'payer_class']) expect(isCountedColumn(c), c).toBe(false);
  });

  it('treats 1 to 10 as small, in numbers and decimal text; 0 and 11 are not', () => {
    expect([0, 1, 10, 11, '7', '10.0', '0', null, 'x'].map(isSmall)).toEqual([false, true, true, false, true, true, false, false, false]);
  });
});

describe('suppressTable', () => {
  it('hides counts from 1 to 10, shows zero and larger counts, and leaves other columns alone', () => {
    const t = { columns: ['payer', 'claims_n', 'regular_hours_n', 'denial_usd'], rows: [['A', 0, 5, '10.00'], ['B', 25, 3, '5.00'], ['C', 40, 8, '1.00']] };
    const out = suppressTable(t);
    expect(hidden(out.rows)).toEqual([['A', 0, 5, '10.00'], ['B', 25, 3, '5.00'], ['C', 40, 8, '1.00']]);
    expect(out.suppressed).toEqual([]);
  });

  it('suppresses the next smallest cell of a column when only one is hidden', () => {
    const t = { columns: ['reason', 'claims_n'], rows: [['16', 82], ['27', 24], ['204', 8], ['96', 13], ['11', 22]] };
    const out = suppressTable(t);
    expect(hidden(out.rows)).toEqual([['16', 82], ['27', 24], ['204', 'X'], ['96', 'X'], ['11', 22]]);
    expect(out.suppressed.map((s) => s.reason)).toEqual(['small', 'complementary']);
    expect(derivableFromTotal(out.rows, 1)).toBe(false);
  });

  it('stops a total row from giving a hidden value away', () => {
    // Without complementary suppression, 59 - 25 - 30 = 4 would show the hidden A.
    const t = { columns: ['location', 'visits_n'], rows: [['A', 4], ['B', 25], ['C', 30], ['Total', 59]] };
    const out = suppressTable(t);
    expect(hidden(out.rows)).toEqual([['A', 'X'], ['B', 'X'], ['C', 30], ['Total', 59]]);
    expect(derivableFromTotal(out.rows, 1, 3)).toBe(false);
  });

  it('hides the total when it is the only other cell that could give the value away', () => {
    const t = { columns: ['location', 'visits_n'], rows: [['A', 7], ['Total', 57]] };
    expect(hidden(suppressTable(t).rows)).toEqual([['A', 'X'], ['Total', 'X']]);
  });

  it('hides a zero when nothing else in the group could cover the hidden value', () => {
    const t = { columns: ['location', 'visits_n'], rows: [['A', 6], ['B', 0], ['Total', 6]] };
    const out = suppressTable(t);
    expect(hidden(out.rows)).toEqual([['A', 'X'], ['B', 'X'], ['Total', 'X']]);
  });

  it('protects rows against a total column, repeating until no row or column gives a value away', () => {
    const t = {
      columns: ['location', 'new_patients_n', 'established_patients_n', 'total_patients_n'],
      rows: [['North', 3, 40, 43], ['South', 20, 50, 70], ['East', 30, 60, 90]],
    };
    const out = suppressTable(t);
    const rows = hidden(out.rows);
    expect(rows[0]).toEqual(['North', 'X', 'X', 43]);
    // Each column and each row has zero or at least two hidden cells.
    for (const c of [1, 2]) expect(out.rows.filter((r) => isSuppressed(r[c])).length).not.toBe(1);
    for (const r of out.rows) expect(r.slice(1, 3).filter(isSuppressed).length).not.toBe(1);
  });

  it('hides rates and variances computed from a hidden count in the same row', () => {
    const t = { columns: ['month', 'visits_n', 'no_show_rate_pct', 'lead_time_days'], rows: [['2026-08-01', 5, 0.2, 12], ['2026-09-01', 300, 0.06, 14], ['2026-10-01', 320, 0.05, 13]] };
    const rows = hidden(suppressTable(t).rows);
    expect(rows[0]).toEqual(['2026-08-01', 'X', 'X', 12]);
    expect(rows[1]).toEqual(['2026-09-01', 'X', 'X', 14]);
    expect(rows[2]).toEqual(['2026-10-01', 320, 0.05, 13]);
  });

  it('applies to the actuals of a counted budget line, not to its plan', () => {
    const t = { columns: ['budget_line', 'plan_n', 'actual_n', 'variance_n', 'variance_pct'], rows: [['visits_n', 12, 8, -4, -0.33], ['gross_charges_usd', 5, 3, -2, -0.4]] };
    expect(hidden(suppressTable(t).rows)).toEqual([['visits_n', 12, 'X', 'X', 'X'], ['gross_charges_usd', 5, 3, -2, -0.4]]);
  });

  it('is pure: the input table is not changed, and suppressing twice changes nothing more', () => {
    const t = { columns: ['payer', 'claims_n'], rows: [['A', 3], ['B', 30], ['C', 50]] };
    const copy = JSON.parse(JSON.stringify(t));
    const once = suppressTable(t);
    expect(t).toEqual(copy);
    const twice = suppressTable({ columns: once.columns, rows: once.rows });
    expect(hidden(twice.rows)).toEqual(hidden(once.rows));
  });

  it('leaves no column with a single hidden cell, over many random tables', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let k = 0; k < 300; k++) {
      const rows = Array.from({ length: 2 + rand(8) }, (_, i) => [`r${i}`, rand(40), rand(25), rand(15)]);
      const out = suppressTable({ columns: ['label', 'visits_n', 'claims_n', 'appointments_n'], rows });
      for (const c of [1, 2, 3]) {
        expect(out.rows.filter((r) => isSuppressed(r[c])).length, JSON.stringify(rows)).not.toBe(1);
        out.rows.forEach((r, i) => isSmall(rows[i]![c]) && expect(isSuppressed(r[c])).toBe(true));
      }
    }
  });
});

describe('headline values', () => {
  it('hides visits from 1 to 10 and rates over fewer than 11 appointments or claims', () => {
    expect(isSmallMetric('visits', { value: 7 })).toBe(true);
    expect(isSmallMetric('visits', { value: 0 })).toBe(false);
    expect(isSmallMetric('visits', { value: 3437 })).toBe(false);
    expect(isSmallMetric('no_show_rate', { value: 0.4, numerator: 2, denominator: 5 })).toBe(true);
    expect(isSmallMetric('no_show_rate', { value: 0.066, numerator: 250, denominator: 3792 })).toBe(false);
    expect(isSmallMetric('denial_rate', { value: 0.01, numerator: 3, denominator: 300 })).toBe(true);
    expect(isSmallMetric('gross_charges', { value: 5, exact: '5.00' })).toBe(false);
  });
});
