import { describe, expect, it } from 'vitest';
import { checkTable, ExportError } from '../../dashboards/export/cells.ts';
import { describeColumn, inferColumnKind, isNumericKind, type ColumnKind } from '../../dashboards/export/columns.ts';

describe('inferColumnKind', () => {
  const cases: [string, ColumnKind][] = [
    ['charges_usd', 'money'],
    ['amount_usd', 'money'],
    ['no_show_pct', 'percent'],
    ['visits_n', 'count'],
    ['lag_days', 'numeric'],
    ['visit_min', 'numeric'],
    ['support_fte', 'numeric'],
    ['work_rvu', 'numeric'],
    ['support_per_provider_ratio', 'numeric'],
    ['date', 'temporal'],
    ['month', 'temporal'],
    ['service_date', 'temporal'],
    ['checked_out_at', 'temporal'],
    ['provider_id', 'text'],
    ['payer_class', 'text'],
    // Suffixes need their underscore: these are names, not units.
    ['admin', 'text'],
    ['plan', 'text'],
    ['format', 'text'],
    ['update', 'text'],
    ['Charges_USD', 'money'],
  ];
  it.each(cases)('%s is %s', (name, kind) => {
    expect(inferColumnKind(name)).toBe(kind);
  });

  it('gives the metric unit and the temporal precision', () => {
    expect(describeColumn('charges_usd')).toEqual({ name: 'charges_usd', kind: 'money', unit: 'usd' });
    expect(describeColumn('visit_min')).toEqual({ name: 'visit_min', kind: 'numeric', unit: 'minutes' });
    expect(describeColumn('month')).toEqual({ name: 'month', kind: 'temporal', precision: 'day' });
    expect(describeColumn('booked_at')).toEqual({ name: 'booked_at', kind: 'temporal', precision: 'instant' });
  });

  it('takes an explicit kind over the name', () => {
    expect(describeColumn('month_start', 'temporal')).toEqual({ name: 'month_start', kind: 'temporal', precision: 'day' });
    expect(describeColumn('planned_value', 'money')).toEqual({ name: 'planned_value', kind: 'money', unit: 'usd' });
    expect(describeColumn('rank', 'numeric')).toEqual({ name: 'rank', kind: 'numeric' });
    expect(describeColumn('visits_n', 'text')).toEqual({ name: 'visits_n', kind: 'text' });
  });

  it('counts money, percent, count and numeric as numeric kinds', () => {
    expect((['money', 'percent', 'count', 'numeric', 'temporal', 'text'] as const).filter(isNumericKind)).toEqual(['money', 'percent', 'count', 'numeric']);
  });
});

describe('checkTable', () => {
  const one = (column: string, value: unknown) => () => checkTable({ columns: [column], rows: [[value as never]] });

  it('refuses text in numeric columns, naming column and row but not the value', () => {
    expect(one('amount_usd', '=1+1')).toThrow(ExportError);
    expect(one('amount_usd', '=1+1')).toThrow(/column amount_usd, row 1: expected exact decimal text/);
    expect(one('amount_usd', '=1+1')).not.toThrow(/=1\+1/);
    expect(one('visits_n', '-2+3')).toThrow(/column visits_n, row 1: expected a 64-bit integer/);
    expect(one('no_show_pct', '@SUM(A1)')).toThrow(/expected a finite number/);
  });

  it('refuses money as a float, with more than two decimals or beyond DECIMAL(18,2)', () => {
    expect(one('amount_usd', 12.5)).toThrow(/got a number/);
    expect(one('amount_usd', '12.505')).toThrow(ExportError);
    expect(one('amount_usd', '12345678901234567.00')).toThrow(ExportError);
    expect(one('amount_usd', '1,234.00')).toThrow(ExportError);
    expect(one('amount_usd', '+1.00')).toThrow(ExportError);
  });

  it('refuses non-integers, non-finite numbers and out-of-range counts', () => {
    expect(one('visits_n', 1.5)).toThrow(ExportError);
    expect(one('visits_n', 2n ** 63n)).toThrow(ExportError);
    expect(one('lag_days', Number.NaN)).toThrow(ExportError);
    expect(one('lag_days', Number.POSITIVE_INFINITY)).toThrow(ExportError);
    expect(one('lag_days', true)).toThrow(/got a boolean/);
  });

  it('refuses impossible dates, dates with a time of day and instants without a zone', () => {
    expect(one('service_date', '2023-02-29')).toThrow(/calendar date/);
    expect(one('service_date', new Date('2024-02-29T12:00:00Z'))).toThrow(/midnight UTC/);
    expect(one('service_date', new Date('nope'))).toThrow(/a valid Date/);
    expect(one('booked_at', '2024-02-29T12:00:00')).toThrow(/with a zone/);
  });

  it('refuses ragged rows and duplicate or empty column names', () => {
    expect(() => checkTable({ columns: ['a', 'b'], rows: [['x']] })).toThrow('row 1 has 1 cells for 2 columns');
    expect(() => checkTable({ columns: ['a', 'a'], rows: [] })).toThrow('column a appears twice');
    expect(() => checkTable({ columns: [''], rows: [] })).toThrow('empty name');
  });

  it('normalizes the values it accepts', () => {
    const t = checkTable({
      columns: ['amount_usd', 'visits_n', 'lag_days', 'service_date', 'booked_at', 'note'],
      rows: [['-12.5', '7', 2n, new Date('2024-02-29T00:00:00Z'), '2024-03-01T10:00:00+02:00', 42]],
    });
    expect(t.columns.map((c) => c[0])).toEqual([
      { kind: 'money', cents: -1250n },
      { kind: 'count', value: 7n },
      { kind: 'number', value: 2 },
      { kind: 'day', iso: '2024-02-29' },
      { kind: 'instant', ms: Date.UTC(2024, 2, 1, 8) },
      { kind: 'text', text: '42' },
    ]);
  });
});
