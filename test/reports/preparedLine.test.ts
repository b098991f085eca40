/**
 * The cover's "prepared from" line names the fact sources that hold data in the pack's month and
 * says which do not: a pack built without a payroll export never claims to rest on one. (US
 * daylight saving time ended on 1 Nov 2026: 03:30 UTC on 2 Nov is 21:30 CST on 1 Nov.)
 */
import { describe, expect, it } from 'vitest';
import type { SourceCoverage } from '../../reports/model.ts';
import { preparedLine } from '../../reports/text.ts';

const source = (name: string, coverage: SourceCoverage['coverage']): SourceCoverage => ({ source: name, firstDate: null, lastDate: null, lastLoadedAt: null, coverage, stale: false });
const model = (...sources: SourceCoverage[]) => ({
  generatedAt: '2026-11-02T03:30:00Z',
  timezone: 'America/Chicago',
  period: { from: '2026-10-01', to: '2026-10-31' },
  completeness: { sources, loads: [], rowsRejected: 0, filesRejected: 0 },
});

describe('the pack cover line', () => {
  it('names every source present, partial coverage included, in the usual order', () => {
    expect(preparedLine(model(source('billing', 'complete'), source('appointments', 'complete'), source('payroll', 'partial')))).toBe(
      "Prepared 1 Nov 2026, 21:30 CST from the practice's billing, payroll and appointment data.",
    );
  });

  it('says which sources hold no data for the month', () => {
    expect(preparedLine(model(source('billing', 'complete'), source('payroll', 'none'), source('appointments', 'complete')))).toBe(
      "Prepared 1 Nov 2026, 21:30 CST from the practice's billing and appointment data; no payroll data covers October 2026.",
    );
  });

  it('says so when no source holds data for the month', () => {
    expect(preparedLine(model(source('billing', 'none'), source('payroll', 'none'), source('appointments', 'none')))).toBe(
      'Prepared 1 Nov 2026, 21:30 CST; no billing, payroll or appointment data covers October 2026.',
    );
  });
});
