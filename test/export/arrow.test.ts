import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { MONEY_PRECISION, MONEY_SCALE, toArrowIPC } from '../../dashboards/export/arrow.ts';
import { ExportError } from '../../dashboards/export/cells.ts';
import type { ResultTable } from '../../dashboards/export/columns.ts';
import { fromDecimal128Words, toDecimal128Words } from '../../dashboards/export/decimal128.ts';
import { centsToText } from '../../dashboards/metrics/money.ts';

const roundTrip = (t: ResultTable, opts = {}): Table => tableFromIPC(toArrowIPC(t, opts));
const values = (t: Table, name: string): unknown[] => [...t.getChild(name)!];
/** A Decimal(18,2) cell read back as exact money text. */
const moneyText = (v: unknown) => (v === null ? null : centsToText(fromDecimal128Words(v as Uint32Array)));

const table: ResultTable = {
  columns: ['provider_id', 'payer_class', 'amount_usd', 'visits_n', 'no_show_pct', 'lag_days', 'service_date', 'month', 'checked_out_at'],
  rows: [
    ['P1', 'medicare', '-12.50', 3, 0.0625, 1.5, '2024-02-29', new Date('2024-02-01T00:00:00Z'), new Date('2024-02-29T16:45:00Z')],
    ['P2', 'medicare', '9999999999999999.99', 0n, 1, 0, '1999-12-31', '2024-03-01', '2024-03-01T09:00:00-05:00'],
    ['P3', 'medicare', '0.10', '42', null, null, null, null, null],
    ['P4', 'commercial', '-9999999999999999.99', null, 0.1, 2n, '1970-01-01', '2024-04-01', null],
    [null, 'medicare', null, -7, -0.25, -3, '2024-01-01', '2024-05-01', null],
  ],
};

describe('Arrow IPC stream', () => {
  const t = roundTrip(table);
  const typeOf = (name: string) => t.schema.fields.find((f) => f.name === name)!.type as DataType;

  it('types every column from its name', () => {
    expect(t.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual([
      ['provider_id', 'Utf8', true],
      ['payer_class', 'Dictionary<Int32, Utf8>', true],
      ['amount_usd', 'Decimal[18e+2]', true],
      ['visits_n', 'Int32', true],
      ['no_show_pct', 'Float64', true],
      ['lag_days', 'Float64', true],
      ['service_date', 'Date32<DAY>', true],
      ['month', 'Date32<DAY>', true],
      ['checked_out_at', 'Timestamp<MILLISECOND, UTC>', true],
    ]);
    expect(DataType.isDecimal(typeOf('amount_usd'))).toBe(true);
    expect(typeOf('amount_usd')).toMatchObject({ precision: MONEY_PRECISION, scale: MONEY_SCALE, bitWidth: 128 });
    expect(t.numRows).toBe(5);
  });

  it('carries kind and unit in field metadata', () => {
    const meta = (name: string) => Object.fromEntries(t.schema.fields.find((f) => f.name === name)!.metadata);
    expect(meta('amount_usd')).toEqual({ 'practiceboard:kind': 'money', 'practiceboard:unit': 'usd' });
    expect(meta('no_show_pct')).toEqual({ 'practiceboard:kind': 'percent', 'practiceboard:unit': 'pct' });
    expect(meta('checked_out_at')).toEqual({ 'practiceboard:kind': 'temporal', 'practiceboard:precision': 'instant' });
  });

  it('keeps money exact, including the DECIMAL(18,2) extremes and negatives', () => {
    expect(values(t, 'amount_usd').map(moneyText)).toEqual(['-12.50', '9999999999999999.99', '0.10', '-9999999999999999.99', null]);
    // apache-arrow's own reader of the unscaled integer agrees with ours.
    expect(String(t.getChild('amount_usd')!.get(0))).toBe('-1250');
    expect(String(t.getChild('amount_usd')!.get(3))).toBe('-999999999999999999');
  });

  it('keeps counts, ratios, dates and instants', () => {
    expect(values(t, 'visits_n')).toEqual([3, 0, 42, null, -7]);
    expect(values(t, 'no_show_pct')).toEqual([0.0625, 1, null, 0.1, -0.25]);
    expect(values(t, 'lag_days')).toEqual([1.5, 0, null, 2, -3]);
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    expect(values(t, 'service_date')).toEqual([day('2024-02-29'), day('1999-12-31'), null, 0, day('2024-01-01')]);
    expect(values(t, 'month')).toEqual(['2024-02-01', '2024-03-01', null, '2024-04-01', '2024-05-01'].map((d) => d && day(d)));
    expect(values(t, 'checked_out_at')).toEqual([Date.UTC(2024, 1, 29, 16, 45), Date.UTC(2024, 2, 1, 14), null, null, null]);
  });

  it('keeps text, dictionary-encoded only when values repeat', () => {
    expect(values(t, 'provider_id')).toEqual(['P1', 'P2', 'P3', 'P4', null]);
    expect(values(t, 'payer_class')).toEqual(['medicare', 'medicare', 'medicare', 'commercial', 'medicare']);
    expect(String(roundTrip(table, { dictionary: 'never' }).schema.fields[1]!.type)).toBe('Utf8');
  });

  it('widens counts to Int64 when one does not fit in 32 bits', () => {
    const wide = roundTrip({ columns: ['charge_lines_n'], rows: [[2n ** 40n], [1]] });
    expect(String(wide.schema.fields[0]!.type)).toBe('Int64');
    expect(values(wide, 'charge_lines_n')).toEqual([2n ** 40n, 1n]);
  });

  it('writes an empty table with its schema', () => {
    const empty = roundTrip({ columns: ['amount_usd', 'payer_class'], rows: [] });
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => String(f.type))).toEqual(['Decimal[18e+2]', 'Utf8']);
  });

  it('refuses a float in a money column instead of writing Float64', () => {
    expect(() => toArrowIPC({ columns: ['amount_usd'], rows: [[12.5]] })).toThrow(ExportError);
  });
});

describe('Decimal128 words', () => {
  it.each([0n, 1n, -1n, 1250n, -1250n, 2n ** 64n + 5n, -(2n ** 100n), 2n ** 127n - 1n, -(2n ** 127n)])('round-trips %s', (n) => {
    expect(fromDecimal128Words(toDecimal128Words(n))).toBe(n);
  });

  it('stores little-endian two\'s complement words', () => {
    expect([...toDecimal128Words(-1n)]).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    expect([...toDecimal128Words(2n ** 32n + 3n)]).toEqual([3, 1, 0, 0]);
    expect(() => toDecimal128Words(2n ** 127n)).toThrow(RangeError);
  });
});
