import { describe, expect, it } from 'vitest';
import { comparisonRange, defaultAnchor, parseFilters, periodRange, type Compare, type Filters } from '../../dashboards/filters/index.ts';

const TODAY = { today: '2025-05-10' };

/** from/to of a request that must parse. */
function range(query: Record<string, string>, ctx = TODAY): [string, string] {
  const r = parseFilters(query, ctx);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return [r.value.from, r.value.to];
}

describe('period resolution', () => {
  it('month: the anchor month, leap-year February included', () => {
    expect(range({ period: 'month', month: '2025-03' })).toEqual(['2025-03-01', '2025-03-31']);
    expect(range({ period: 'month', month: '2024-02' })).toEqual(['2024-02-01', '2024-02-29']);
    expect(range({ period: 'month', month: '2023-02' })).toEqual(['2023-02-01', '2023-02-28']);
    expect(range({ period: 'month', month: '2000-02' })).toEqual(['2000-02-01', '2000-02-29']);
    expect(range({ period: 'month', month: '1900-02' })).toEqual(['1900-02-01', '1900-02-28']);
    expect(range({ period: 'month', month: '2024-04' })).toEqual(['2024-04-01', '2024-04-30']);
    expect(range({ period: 'month', month: '2024-12' })).toEqual(['2024-12-01', '2024-12-31']);
  });

  it('quarter: the calendar quarter of the anchor month, up to and including it', () => {
    expect(range({ period: 'quarter', month: '2025-01' })).toEqual(['2025-01-01', '2025-01-31']);
    expect(range({ period: 'quarter', month: '2025-02' })).toEqual(['2025-01-01', '2025-02-28']);
    expect(range({ period: 'quarter', month: '2025-03' })).toEqual(['2025-01-01', '2025-03-31']);
    expect(range({ period: 'quarter', month: '2024-06' })).toEqual(['2024-04-01', '2024-06-30']);
    expect(range({ period: 'quarter', month: '2024-07' })).toEqual(['2024-07-01', '2024-07-31']);
    expect(range({ period: 'quarter', month: '2024-09' })).toEqual(['2024-07-01', '2024-09-30']);
    expect(range({ period: 'quarter', month: '2024-10' })).toEqual(['2024-10-01', '2024-10-31']);
    expect(range({ period: 'quarter', month: '2024-12' })).toEqual(['2024-10-01', '2024-12-31']);
  });

  it('ytd: January to the anchor month; in January it is January alone', () => {
    expect(range({ period: 'ytd', month: '2025-01' })).toEqual(['2025-01-01', '2025-01-31']);
    expect(range({ period: 'ytd', month: '2024-02' })).toEqual(['2024-01-01', '2024-02-29']);
    expect(range({ period: 'ytd', month: '2024-12' })).toEqual(['2024-01-01', '2024-12-31']);
  });

  it('t12m: the twelve months ending with the anchor month, across a year end', () => {
    expect(range({ period: 't12m', month: '2025-03' })).toEqual(['2024-04-01', '2025-03-31']);
    expect(range({ period: 't12m', month: '2024-12' })).toEqual(['2024-01-01', '2024-12-31']);
    expect(range({ period: 't12m', month: '2025-02' })).toEqual(['2024-03-01', '2025-02-28']);
  });

  it('custom: whole months from months or boundary dates', () => {
    expect(range({ period: 'custom', from: '2024-02', to: '2024-02' })).toEqual(['2024-02-01', '2024-02-29']);
    expect(range({ period: 'custom', from: '2023-11-01', to: '2024-02-29' })).toEqual(['2023-11-01', '2024-02-29']);
    expect(range({ period: 'custom', from: '2015-06', to: '2025-05' })).toEqual(['2015-06-01', '2025-05-31']);
  });

  it('periodRange agrees with parseFilters', () => {
    expect(periodRange('quarter', '2024-11')).toEqual({ from: '2024-10-01', to: '2024-11-30' });
  });
});

describe('default period', () => {
  it('is the last full month before today, compared with the prior month', () => {
    expect(parseFilters({}, TODAY)).toEqual({ ok: true, value: { period: 'month', from: '2025-04-01', to: '2025-04-30', compare: 'prior' } });
    expect(range({}, { today: '2025-01-01' })).toEqual(['2024-12-01', '2024-12-31']);
    // The last day of a month is not over yet: that month is not full.
    expect(range({}, { today: '2024-03-31' })).toEqual(['2024-02-01', '2024-02-29']);
  });

  it('anchors a period given without a month at the default month', () => {
    expect(range({ period: 'ytd' }, { today: '2025-02-03' })).toEqual(['2025-01-01', '2025-01-31']);
    expect(range({ period: 'quarter' }, { today: '2025-07-01' })).toEqual(['2025-04-01', '2025-06-30']);
  });

  it('follows the data: its last full month when the data ends earlier', () => {
    expect(defaultAnchor({ today: '2025-05-10', dataEnd: '2025-02-28' })).toBe('2025-02');
    expect(defaultAnchor({ today: '2025-05-10', dataEnd: '2025-03-15' })).toBe('2025-02');
    // Data that runs past today (a budget, a clock skew) does not move the default past today.
    expect(defaultAnchor({ today: '2025-05-10', dataEnd: '2025-12-31' })).toBe('2025-04');
    // Data of a single partial month: show that month rather than an empty one.
    expect(defaultAnchor({ today: '2025-05-10', dataStart: '2025-05-02', dataEnd: '2025-05-09' })).toBe('2025-05');
  });
});

describe('comparisonRange', () => {
  const cmp = (from: string, to: string, compare: Compare) => comparisonRange({ from, to, compare } satisfies Pick<Filters, 'from' | 'to' | 'compare'>);

  it('prior: the span of the same number of months just before', () => {
    expect(cmp('2025-03-01', '2025-03-31', 'prior')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(cmp('2024-03-01', '2024-03-31', 'prior')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(cmp('2025-01-01', '2025-03-31', 'prior')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(cmp('2025-01-01', '2025-01-31', 'prior')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(cmp('2024-04-01', '2025-03-31', 'prior')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(cmp('2025-01-01', '2025-04-30', 'prior')).toEqual({ from: '2024-09-01', to: '2024-12-31' });
  });

  it('yoy: the same months a year before, February ending on its own last day', () => {
    expect(cmp('2024-02-01', '2024-02-29', 'yoy')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(cmp('2025-02-01', '2025-02-28', 'yoy')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(cmp('2025-01-01', '2025-05-31', 'yoy')).toEqual({ from: '2024-01-01', to: '2024-05-31' });
  });

  it('budget: the same months', () => {
    expect(cmp('2025-01-01', '2025-03-31', 'budget')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
  });
});
