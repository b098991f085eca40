import { describe, expect, it } from 'vitest';
import { PracticeBoardError } from '../../core/errors.ts';
import { parseFilters, type FilterContext } from '../../dashboards/filters/index.ts';

const CTX: FilterContext = { today: '2025-05-10' };
const DATA: FilterContext = { today: '2025-05-10', dataStart: '2023-01-15', dataEnd: '2025-03-31' };
const PARAMS = 'period, month, from, to, compare, location, provider, payerClass, asOf';
const ID_RULE = 'use the id as the data holds it: 1 to 1000 characters, no NUL, well-formed Unicode';

function errors(query: Record<string, unknown>, ctx = CTX): string[] {
  const r = parseFilters(query, ctx);
  if (r.ok) throw new Error(`expected errors, parsed ${JSON.stringify(r.value)}`);
  return r.errors;
}

describe('parseFilters: accepted requests', () => {
  it('parses every parameter', () => {
    expect(
      parseFilters(
        { period: 't12m', month: '2025-03', compare: 'yoy', location: 'MAIN-2', provider: 'dr.smith_01', payerClass: 'workers_comp', asOf: '2025-03-31' },
        CTX,
      ),
    ).toEqual({
      ok: true,
      value: { period: 't12m', from: '2024-04-01', to: '2025-03-31', compare: 'yoy', location: 'MAIN-2', provider: 'dr.smith_01', payerClass: 'workers_comp', asOf: '2025-03-31' },
    });
  });

  it('accepts every period, comparison and payer class', () => {
    for (const period of ['month', 'quarter', 'ytd', 't12m']) expect(parseFilters({ period }, CTX).ok).toBe(true);
    for (const compare of ['prior', 'yoy', 'budget']) expect(parseFilters({ compare }, CTX)).toMatchObject({ ok: true, value: { compare } });
    for (const payerClass of ['commercial', 'medicare', 'medicaid', 'self_pay', 'workers_comp', 'other']) {
      expect(parseFilters({ payerClass }, CTX)).toMatchObject({ ok: true, value: { payerClass } });
    }
  });

  it('treats an empty value as absent (an HTML form\'s "all") and undefined as absent', () => {
    expect(parseFilters({ location: '', provider: undefined, period: '' }, CTX)).toEqual(parseFilters({}, CTX));
  });

  it('accepts ids of exactly 1 and 1000 characters', () => {
    expect(parseFilters({ location: 'A', provider: 'x'.repeat(1000) }, CTX).ok).toBe(true);
  });

  it('accepts any id the warehouse keeps (sources.md: "any text; kept exactly"), exactly', () => {
    for (const id of ['Lee, Ana MD', 'Harbor View, Suite 200', 'SANTA LUZIA', "O'Brien Clinic", 'Clínica São João', 'a&b=c?d#e/f%20', '  padded ', '-1', 'tab\there', 'line\nbreak', '😀']) {
      expect(parseFilters({ location: id, provider: id }, CTX)).toMatchObject({ ok: true, value: { location: id, provider: id } });
    }
  });

  it('reads a custom period sent with only a month (the filter bar without JavaScript) as that one month', () => {
    expect(parseFilters({ period: 'custom', month: '2025-02' }, CTX)).toEqual({ ok: true, value: { period: 'custom', from: '2025-02-01', to: '2025-02-28', compare: 'prior' } });
  });

  it('accepts the current, partial month and an asOf of today', () => {
    expect(parseFilters({ month: '2025-05', asOf: '2025-05-10' }, CTX)).toMatchObject({ ok: true, value: { from: '2025-05-01', to: '2025-05-31', asOf: '2025-05-10' } });
  });

  it('accepts periods overlapping the data even when they start before it', () => {
    expect(parseFilters({ period: 't12m', month: '2023-03' }, DATA)).toMatchObject({ ok: true, value: { from: '2022-04-01', to: '2023-03-31' } });
    expect(parseFilters({ period: 'month', month: '2023-01', asOf: '2023-01-15' }, DATA).ok).toBe(true);
  });
});

describe('parseFilters: every rule has a message naming the parameter, the problem and what is valid', () => {
  const cases: [string, Record<string, unknown>, string[], FilterContext?][] = [
    ['unknown period', { period: 'weekly' }, ['period: "weekly" is not a period; use one of month, quarter, ytd, t12m, custom']],
    ['period is case-sensitive', { period: 'Month' }, ['period: "Month" is not a period; use one of month, quarter, ytd, t12m, custom']],
    ['bad month', { month: '2025-13' }, ['month: "2025-13" is not a month; use YYYY-MM, e.g. 2025-03']],
    ['month given as a date', { month: '2025-03-01' }, ['month: "2025-03-01" is not a month; use YYYY-MM, e.g. 2025-03']],
    ['month before 1900', { month: '1899-12' }, ['month: "1899-12" is before 1900-01; use a later month']],
    ['month in the future', { month: '2025-06' }, ['month: 2025-06 is in the future (today is 2025-05-10); use 2025-05 or earlier']],
    ['month after the data', { month: '2025-04' }, ['month: 2025-04 is after the data ends (2025-03-31); use 2025-03 or earlier'], DATA],
    [
      'period ending before the data',
      { period: 't12m', month: '2022-12' },
      ['month: the period ends in 2022-12, before the data starts (2023-01-15); use 2023-01 or later'],
      DATA,
    ],
    ['month with custom from and to', { period: 'custom', month: '2025-01', from: '2025-01', to: '2025-01' }, ['month: not used with period=custom and from/to; give from and to only']],
    ['month with custom from only', { period: 'custom', month: '2025-01', from: '2025-01' }, ['month: not used with period=custom and from/to; give from and to only', 'to: missing; period=custom needs from and to, e.g. from=2025-01&to=2025-03']],
    [
      'custom without from and to',
      { period: 'custom' },
      ['from: missing; period=custom needs from and to, e.g. from=2025-01&to=2025-03', 'to: missing; period=custom needs from and to, e.g. from=2025-01&to=2025-03'],
    ],
    ['custom without to', { period: 'custom', from: '2025-01' }, ['to: missing; period=custom needs from and to, e.g. from=2025-01&to=2025-03']],
    ['from not a date', { period: 'custom', from: 'yesterday', to: '2025-01' }, ['from: "yesterday" is not a month or a date; use YYYY-MM or YYYY-MM-DD, e.g. 2025-03 or 2025-03-01']],
    ['from mid-month', { period: 'custom', from: '2025-01-15', to: '2025-01' }, ['from: "2025-01-15" is not the first day of a month; periods are whole months: use 2025-01 or 2025-01-01']],
    ['to mid-month', { period: 'custom', from: '2024-02', to: '2024-02-28' }, ['to: "2024-02-28" is not the last day of a month; periods are whole months: use 2024-02 or 2024-02-29']],
    ['to not a calendar date', { period: 'custom', from: '2023-02', to: '2023-02-29' }, ['to: "2023-02-29" is not a month or a date; use YYYY-MM or YYYY-MM-DD, e.g. 2025-03 or 2025-03-31']],
    ['from before 1900', { period: 'custom', from: '1899-12', to: '2025-01' }, ['from: "1899-12" is before 1900-01; use a later month']],
    ['to before from', { period: 'custom', from: '2025-03', to: '2025-01' }, ['to: 2025-01 is before from 2025-03; give a to on or after from']],
    ['custom too long', { period: 'custom', from: '2015-05', to: '2025-05' }, ['to: the range 2015-05 to 2025-05 is 121 months; use at most 120']],
    ['custom in the future', { period: 'custom', from: '2025-01', to: '2025-06' }, ['to: 2025-06 is in the future (today is 2025-05-10); use 2025-05 or earlier']],
    ['custom after the data', { period: 'custom', from: '2025-01', to: '2025-04' }, ['to: 2025-04 is after the data ends (2025-03-31); use 2025-03 or earlier'], DATA],
    ['custom before the data', { period: 'custom', from: '2022-01', to: '2022-12-31' }, ['to: the period ends in 2022-12, before the data starts (2023-01-15); use 2023-01 or later'], DATA],
    [
      'from and to without period=custom',
      { period: 'quarter', from: '2025-01', to: '2025-03' },
      [
        'from: only used with period=custom; add period=custom, or use month=YYYY-MM to choose the last month of the quarter period',
        'to: only used with period=custom; add period=custom, or use month=YYYY-MM to choose the last month of the quarter period',
      ],
    ],
    ['from without any period', { from: '2025-01' }, ['from: only used with period=custom; add period=custom, or use month=YYYY-MM to choose the last month of the month period']],
    ['unknown comparison', { compare: 'budget2' }, ['compare: "budget2" is not a comparison; use one of prior, yoy, budget']],
    ['location with a NUL', { location: 'Main\u0000St' }, [`location: "Main\\u0000St" is not a location id; ${ID_RULE}`]],
    ['location with a lone surrogate', { location: 'a\uD800' }, [`location: "a\\ud800" is not a location id; ${ID_RULE}`]],
    ['provider of 1001 characters', { provider: 'p'.repeat(1001) }, [`provider: a value of 1001 characters is not a provider id; ${ID_RULE}`]],
    ['unknown payer class', { payerClass: 'Medicare' }, ['payerClass: "Medicare" is not a payer class; use one of commercial, medicare, medicaid, self_pay, workers_comp, other']],
    ['asOf not a date', { asOf: '03/31/2025' }, ['asOf: "03/31/2025" is not a date; use YYYY-MM-DD, e.g. 2025-03-31']],
    ['asOf in the future', { asOf: '2025-05-11' }, ['asOf: 2025-05-11 is after today (2025-05-10); use 2025-05-10 or earlier']],
    ['asOf after the data', { asOf: '2025-04-01' }, ['asOf: 2025-04-01 is after the data ends (2025-03-31); use 2025-03-31 or earlier'], DATA],
    ['asOf before the data', { asOf: '2023-01-14' }, ['asOf: 2023-01-14 is before the data starts (2023-01-15); use 2023-01-15 or later'], DATA],
    ['unknown parameter', { sort: 'charges_usd' }, [`unknown parameter: "sort"; the parameters are ${PARAMS}`]],
    ['parameter names are case-sensitive', { Location: 'MAIN' }, [`unknown parameter: "Location"; the parameters are ${PARAMS}`]],
    ['a long unknown name is not echoed', { ['k'.repeat(41)]: '1' }, [`unknown parameter: a name of 41 characters; the parameters are ${PARAMS}`]],
    ['a repeated parameter', { location: ['A', 'B'] }, ['location: given 2 times; give it once']],
    ['a nested parameter', { provider: { id: 'x' } }, ['provider: must be a single text value, e.g. provider=...']],
    ['a number instead of text', { month: 202503 }, ['month: must be a single text value, e.g. month=...']],
  ];

  it.each(cases)('%s', (_name, query, expected, ctx = CTX) => {
    expect(errors(query, ctx)).toEqual(expected);
  });

  it('lists every problem at once, in parameter order, unknown parameters last', () => {
    expect(errors({ zz: '1', asOf: 'x', period: 'weekly', location: 'a\u0000', compare: 'c' })).toEqual([
      'period: "weekly" is not a period; use one of month, quarter, ytd, t12m, custom',
      'compare: "c" is not a comparison; use one of prior, yoy, budget',
      `location: "a\\u0000" is not a location id; ${ID_RULE}`,
      'asOf: "x" is not a date; use YYYY-MM-DD, e.g. 2025-03-31',
      `unknown parameter: "zz"; the parameters are ${PARAMS}`,
    ]);
  });

  it('still checks the dates of a request whose other parameters are bad', () => {
    expect(errors({ month: '2030-01', location: 'a\u0000', asOf: '2030-01-01' })).toEqual([
      'month: 2030-01 is in the future (today is 2025-05-10); use 2025-05 or earlier',
      `location: "a\\u0000" is not a location id; ${ID_RULE}`,
      'asOf: 2030-01-01 is after today (2025-05-10); use 2025-05-10 or earlier',
    ]);
  });

  it('never echoes more than 40 characters of a value', () => {
    const long = 'x'.repeat(40);
    expect(errors({ location: `${long}\u0000` })).toEqual([`location: a value of 41 characters is not a location id; ${ID_RULE}`]);
    expect(errors({ location: `${long.slice(1)}\u0000` })[0]).toContain(JSON.stringify(`${long.slice(1)}\u0000`));
  });
});

describe('parseFilters: the injected context', () => {
  it('throws on a context the server got wrong, since that is a bug and not a bad request', () => {
    expect(() => parseFilters({}, { today: '10/05/2025' })).toThrow(PracticeBoardError);
    expect(() => parseFilters({}, { today: '2025-05-10', dataEnd: '2025-02-30' })).toThrow(/dataEnd must be an ISO date/);
    expect(() => parseFilters({}, { today: '2025-05-10', dataStart: '2025-02-01', dataEnd: '2025-01-31' })).toThrow(/dataStart 2025-02-01 is after dataEnd 2025-01-31/);
  });
});
