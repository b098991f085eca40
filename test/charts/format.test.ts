import { describe, expect, it } from 'vitest';
import { alignOf, axisLabel, formatValue, humanize, MISSING, tickFormat, unitOf } from '../../dashboards/charts/format.ts';

describe('unitOf and labels', () => {
  it('reads the unit from the column suffix', () => {
    expect(['charges_usd', 'no_show_pct', 'lag_days', 'visits_n', 'cycle_min', 'support_fte', 'work_rvu', 'support_per_provider_ratio', 'payer_class'].map(unitOf))
      .toEqual(['usd', 'pct', 'days', 'count', 'minutes', 'fte', 'rvu', 'ratio', 'text']);
  });
  it('humanizes and labels axes with the unit', () => {
    expect(humanize('gross_charges_usd')).toBe('Gross charges');
    expect(axisLabel('payments_usd')).toBe('Payments (USD)');
    expect(axisLabel('no_show_pct', 'No-show rate')).toBe('No-show rate (%)');
    expect(axisLabel('payer_class')).toBe('Payer class');
    // Abbreviations in capitals, never a capitalized field name; a unit-only column is not labelled twice.
    expect(humanize('ar_start_usd')).toBe('A/R start');
    expect(humanize('carc_code')).toBe('CARC code');
    expect(axisLabel('fte')).toBe('FTE');
  });
  it('aligns numbers right and text left', () => {
    expect([alignOf('charges_usd'), alignOf('visits_n'), alignOf('payer_class')]).toEqual(['right', 'right', 'left']);
  });
});

describe('formatValue', () => {
  it('formats money from exact decimal text with $ and thousands separators', () => {
    expect(formatValue('charges_usd', '1234.5')).toBe('$1,234.50');
    expect(formatValue('charges_usd', '0')).toBe('$0.00');
    // Beyond 2^53 cents: exact only because the text is never turned into a double.
    expect(formatValue('charges_usd', '123456789012345678.91')).toBe('$123,456,789,012,345,678.91');
  });
  it('writes negative money with a leading minus, and negative zero as zero', () => {
    expect(formatValue('variance_usd', '-1234.5')).toBe('-$1,234.50');
    expect(formatValue('variance_usd', -45)).toBe('-$45.00');
    expect(formatValue('variance_usd', '-0.00')).toBe('$0.00');
  });
  it('reads a bigint of a money column as cents, of another column as a count', () => {
    expect(formatValue('charges_usd', 123450n)).toBe('$1,234.50');
    expect(formatValue('visits_n', 1234n)).toBe('1,234');
  });
  it('formats percents from fractions, with one decimal', () => {
    expect(formatValue('no_show_pct', 0.0712)).toBe('7.1%');
    expect(formatValue('no_show_pct', '0.95')).toBe('95.0%');
    expect(formatValue('variance_pct', -0.041)).toBe('-4.1%');
  });
  it('formats days, counts, minutes, FTE, with the unit word on request', () => {
    expect(formatValue('days_in_ar_days', 32.46)).toBe('32.5');
    expect(formatValue('days_in_ar_days', 32.46, { withUnit: true })).toBe('32.5 days');
    expect(formatValue('visits_n', 12345)).toBe('12,345');
    expect(formatValue('cycle_min', 41.6, { withUnit: true })).toBe('42 min');
    expect(formatValue('support_fte', 3.254, { withUnit: true })).toBe('3.25 FTE');
    expect(formatValue('charges_usd', '10', { withUnit: true })).toBe('$10.00');
  });
  it('shows missing values as a dash, never as zero', () => {
    expect([null, undefined, Number.NaN].map((v) => formatValue('charges_usd', v))).toEqual([MISSING, MISSING, MISSING]);
  });
  it('passes text columns through and rejects non-numeric text in numeric columns', () => {
    expect(formatValue('payer_class', 'medicare')).toBe('medicare');
    expect(() => formatValue('charges_usd', '$12')).toThrow(/charges_usd: not a number/);
    expect(() => formatValue('visits_n', 'abc')).toThrow(TypeError);
  });
});

describe('tickFormat', () => {
  it('writes compact money, percent and grouped counts for axis ticks', () => {
    expect([0, 950, 120_000, 1_250_000].map(tickFormat('charges_usd'))).toEqual(['$0', '$950', '$120K', '$1.25M']);
    expect([0.05, 0.075].map(tickFormat('no_show_pct'))).toEqual(['5%', '7.5%']);
    expect([1200, 2.5].map(tickFormat('visits_n'))).toEqual(['1,200', '2.5']);
  });
});
