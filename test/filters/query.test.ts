import { describe, expect, it } from 'vitest';
import { PracticeBoardError } from '../../core/errors.ts';
import { filtersToQuery, parseFilters, toMetricFilter, withFilter, type Filters } from '../../dashboards/filters/index.ts';

const CTX = { today: '2025-05-10' };
const parseQuery = (qs: string) => parseFilters(Object.fromEntries(new URLSearchParams(qs)), CTX);

const base: Filters = { period: 'quarter', from: '2025-01-01', to: '2025-03-31', compare: 'prior' };

describe('filtersToQuery', () => {
  it('writes parameters in a fixed order with defaults spelled out', () => {
    expect(filtersToQuery(base)).toBe('period=quarter&month=2025-03&compare=prior');
    // Key order follows the parameter list, not the object's.
    const shuffled: Filters = { asOf: '2025-03-31', payerClass: 'self_pay', provider: 'DR-7', location: 'MAIN', compare: 'yoy', to: '2025-03-31', from: '2024-04-01', period: 't12m' };
    expect(filtersToQuery(shuffled)).toBe('period=t12m&month=2025-03&compare=yoy&location=MAIN&provider=DR-7&payerClass=self_pay&asOf=2025-03-31');
  });

  it('writes a custom period as its boundary dates', () => {
    expect(filtersToQuery({ period: 'custom', from: '2023-11-01', to: '2024-02-29', compare: 'budget' })).toBe('period=custom&from=2023-11-01&to=2024-02-29&compare=budget');
  });

  it('round-trips through parseFilters for every period', () => {
    const queries = [
      '',
      'period=month&month=2024-02',
      'period=quarter&month=2024-11&location=EAST.1',
      'period=ytd&month=2025-01&compare=yoy',
      'period=t12m&month=2025-04&provider=p_9&payerClass=medicaid&asOf=2025-04-30',
      'period=custom&from=2020-01&to=2024-02&compare=budget',
    ];
    for (const qs of queries) {
      const first = parseQuery(qs);
      if (!first.ok) throw new Error(first.errors.join('; '));
      const canonical = filtersToQuery(first.value);
      expect(parseQuery(canonical)).toEqual(first);
      expect(filtersToQuery((parseQuery(canonical) as { value: Filters }).value)).toBe(canonical);
    }
  });
});

describe('withFilter', () => {
  it('sets one dimension for a drill-down link and leaves the rest', () => {
    const f = withFilter(base, 'provider', 'DR-0042');
    expect(f).toEqual({ ...base, provider: 'DR-0042' });
    expect(filtersToQuery(withFilter(f, 'payerClass', 'medicare'))).toBe('period=quarter&month=2025-03&compare=prior&provider=DR-0042&payerClass=medicare');
    expect(base).toEqual({ period: 'quarter', from: '2025-01-01', to: '2025-03-31', compare: 'prior' });
  });

  it('removes a dimension when the value is undefined; compare returns to prior', () => {
    const f: Filters = { ...base, location: 'MAIN', compare: 'yoy' };
    expect(withFilter(f, 'location', undefined)).toEqual({ ...base, compare: 'yoy' });
    expect('location' in withFilter(f, 'location', undefined)).toBe(false);
    expect(withFilter(f, 'compare', undefined).compare).toBe('prior');
    expect(withFilter(f, 'compare', 'budget').compare).toBe('budget');
  });

  it('refuses a value the request parser would refuse', () => {
    expect(() => withFilter(base, 'location', 'Main\u0000St')).toThrow(PracticeBoardError);
    expect(() => withFilter(base, 'location', 'Main\u0000St')).toThrow('location: "Main\\u0000St" cannot be used as a filter value');
    expect(() => withFilter(base, 'payerClass', 'vip' as never)).toThrow(/payerClass/);
    expect(() => withFilter(base, 'provider', 'x'.repeat(1001))).toThrow('provider: a value of 1001 characters cannot be used as a filter value');
  });

  it('links to ids that are names, URL-encoded, and reads them back exactly', () => {
    for (const id of ['Lee, Ana MD', 'Harbor View, Suite 200', 'SANTA LUZIA', "D'Souza & Sons", 'Clínica São João', '50% off?#x', "' OR 1=1 --"]) {
      const query = filtersToQuery(withFilter(base, 'location', id));
      expect(query).not.toContain(' ');
      expect(new URLSearchParams(query).get('location')).toBe(id);
      const back = parseFilters(Object.fromEntries(new URLSearchParams(query)), { today: '2025-05-10' });
      expect(back).toEqual({ ok: true, value: { ...base, location: id } });
    }
  });
});

describe('toMetricFilter', () => {
  it('maps to the metric catalog filter', () => {
    expect(toMetricFilter({ ...base, location: 'MAIN', provider: 'DR-1', payerClass: 'other', asOf: '2025-03-15' })).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
      locationId: 'MAIN',
      providerId: 'DR-1',
      payerClass: 'other',
    });
    expect(toMetricFilter(base)).toEqual({ from: '2025-01-01', to: '2025-03-31' });
  });
});
