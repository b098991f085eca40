/**
 * The pack's story words, on hand-made tiles: the change arrows (percent for amounts, points for
 * rates, nothing invented for a missing, suppressed or zero base), the chart target band read
 * from the catalog target in the tile's words, coded values and column headings in words.
 */
import { describe, expect, it } from 'vitest';
import { changeAgainst } from '../../dashboards/present/change.ts';
import type { PresentedTile } from '../../dashboards/present/model.ts';
import type { PackTile } from '../../reports/model.ts';
import { partialNote } from '../../reports/story.ts';
import { columnHeadings, columnLabel } from '../../dashboards/present/numbers.ts';
import { chartTarget, targetText, valueWord } from '../../dashboards/present/wording.ts';
import { getMetric } from '../../dashboards/metrics/index.ts';

type T = Pick<PresentedTile, 'unit' | 'value' | 'comparisons' | 'target'>;
const tile = (unit: string, now: number | null, prior: number | null, direction: 'up' | 'down' | 'neutral' = 'up', extra: Partial<{ suppressed: true }> = {}): T => ({
  unit,
  value: { value: now, text: String(now) },
  comparisons: [{ key: 'prior', label: 'Prior month', value: { value: prior, text: String(prior), ...extra } }, { key: 'yoy', label: 'Same month last year', value: { value: null, text: '\u2014' } }],
  target: { text: 'No target', direction },
});

describe('presentChange', () => {
  it('gives amounts in percent of the comparison and rates in points, with an arrow and a tone', () => {
    // (1,427,927 - 1,204,948) / 1,204,948 = 0.18505...
    expect(changeAgainst(tile('usd', 1427927, 1204948), 'prior')).toEqual({ arrow: '\u25B2', text: '+18.5%', tone: 'good', label: 'vs Prior month' });
    // 0.065 - 0.071 = -0.006 = -0.6 points; lower is better for no-shows.
    expect(changeAgainst(tile('pct', 0.065, 0.071, 'down'), 'prior')).toMatchObject({ arrow: '\u25BC', text: '-0.6 pts', tone: 'good' });
    expect(changeAgainst(tile('days', 33, 30, 'down'), 'prior')).toMatchObject({ arrow: '\u25B2', text: '+10.0%', tone: 'bad' });
    expect(changeAgainst(tile('usd', 100000, 100001), 'prior')).toMatchObject({ arrow: '\u25B6', text: '0.0%', tone: 'neutral' });
  });

  it('invents nothing: a missing, suppressed or zero base gives a dash and no arrow', () => {
    expect(changeAgainst(tile('usd', 5, null), 'prior')).toMatchObject({ arrow: '', text: '\u2014' });
    expect(changeAgainst(tile('count', 50, 8, 'up', { suppressed: true }), 'prior')).toMatchObject({ arrow: '', text: '\u2014' });
    expect(changeAgainst(tile('usd', 5, 0), 'prior')).toMatchObject({ arrow: '', text: '\u2014' });
    expect(changeAgainst(tile('usd', 5, 4), 'yoy')).toMatchObject({ arrow: '', text: '\u2014', label: 'vs Same month last year' });
  });

  it('gives a dash for a period its data covers only in part, as the dashboards do (a fall that is a load still to come)', () => {
    expect(changeAgainst(tile('count', 1090, 995), 'prior')).toMatchObject({ arrow: '\u25B2', text: '+9.5%' });
    expect(changeAgainst({ ...tile('count', 1090, 995), partial: true }, 'prior')).toMatchObject({ arrow: '', text: '\u2014' });
  });

  it('says under the table which headlines have a dash because the month is not all loaded', () => {
    const named = (label: string, partial: boolean) => ({ ...tile('count', 1, 1), label, ...(partial ? { partial: true as const } : {}) }) as unknown as PackTile;
    expect(partialNote([named('Gross charges', false)])).toBe('');
    expect(partialNote([named('Gross charges', false), named('Visits', true)])).toBe("\u2014 for Visits: the month's data is not all loaded yet (see Data completeness), so no change or status is given.");
    expect(partialNote([named('Visits', true), named('No-show rate', true), named('Payroll cost', true)])).toMatch(/^\u2014 for Visits, No-show rate and Payroll cost: /);
  });
});

describe('chart target bands', () => {
  it('read the catalog target and word it as the tile does', () => {
    const dar = getMetric('days_in_ar');
    expect(chartTarget(dar)).toEqual({ from: 0, to: 30, label: `Target ${targetText(dar)}` });
    expect(targetText(dar)).toBe('\u2264 30.0');
    expect(chartTarget(getMetric('no_show_rate'))).toEqual({ from: 0, to: 0.05, label: 'Target \u2264 5.0%' });
    expect(chartTarget(getMetric('net_collection_rate'))).toEqual({ from: 0.95, to: 1, label: 'Target \u2265 95.0%' });
    expect(chartTarget(getMetric('gross_charges'))).toBeUndefined();
  });
});

describe('coded values and headings in words', () => {
  it('names payer classes, job classes and budget lines, and tells a share from its amount', () => {
    expect(valueWord('payer_class', 'self_pay')).toBe('Self-pay');
    expect(valueWord('job_class', 'front_office')).toBe('Front office');
    expect(valueWord('budget_line', 'collections_usd')).toBe('Payments (collections)');
    expect(valueWord('budget_line', 'visits_n')).toBe('Visits');
    expect(valueWord('payer_class', 'tricare_east')).toBe('Tricare east');
    expect(valueWord('description', 'keep_as_is')).toBe('keep_as_is');
    expect(columnHeadings(['payer', 'charges_usd', 'charges_pct', 'variance_usd', 'variance_pct'])).toEqual(['Payer', 'Charges', 'Charges (%)', 'Variance', 'Variance (%)']);
    expect(columnHeadings(['job_class', 'overtime_pct'])).toEqual(['Job class', 'Overtime']);
    expect(columnLabel('ar_start_usd')).toBe('A/R start');
  });
});
