/**
 * A file refused for too many rejects says why in its message: the most frequent reason with its
 * count of rows, and for text in another encoding what to do. Files and expected counts are
 * written by hand below.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const HEADER = 'employee_id,employee_name,job_class,location_id,period_start,period_end,check_date,regular_hours,overtime_hours,pto_hours,gross_pay_usd,employer_tax_usd,benefits_usd\r\n';
const row = (id: string, name: string, hours = '80.00') => `${id},"${name}",clinical,DTN,2026-10-04,2026-10-17,2026-10-23,${hours},0.00,0.00,2000.00,150.00,300.00\r\n`;

describe('the message of a file refused for too many rejects', () => {
  it('names the encoding and the fix when a Windows-1252 export meets a UTF-8 profile', async () => {
    // 4 rows, 2 with a Windows-1252 accent or curly quote (0xE9, 0x92): 2 of 4 rejected, over 5%.
    const text = HEADER + row('E1', 'Smith, Ann') + row('E2', 'Dupré, Léa') + row('E3', 'O’Neill, Pat') + row('E4', 'Lee, Kim');
    const path = h.file('payroll_cp1252.csv', Buffer.from(text.replace('é', '\xe9').replace('é', '\xe9').replace('’', '\x92'), 'latin1'));
    const r = await h.load({ path, source: 'payroll' });
    expect(r).toMatchObject({ status: 'rejected', errorCode: 'TOO_MANY_REJECTS', rowsRead: 4, rowsRejected: 2, rowsLoaded: 0 });
    expect(r.message).toBe(
      '2 of 4 rows rejected (over the 5.0% limit), all for: record has bytes that are not valid UTF-8 (the encoding of the profile). ' +
        'If the export is Windows-1252 or Latin-1 text, load it with a profile whose dialect.encoding says so (docs/profiles.md); nothing from the file was loaded',
    );
  });

  it('names the most frequent of several reasons, with its count of rows', async () => {
    // 5 rows: 2 with hours that are not a number, 1 with a blank id, 2 good.
    const text = HEADER + row('E1', 'A, B', 'lots') + row('E2', 'C, D', 'many') + row('', 'E, F') + row('E4', 'G, H') + row('E5', 'I, J');
    const r = await h.load({ path: h.file('payroll_bad.csv', text), source: 'payroll' });
    expect(r).toMatchObject({ status: 'rejected', rowsRead: 5, rowsRejected: 3 });
    // The column is named as the file names it, then the field it feeds.
    expect(r.message).toBe("3 of 5 rows rejected (over the 5.0% limit), most often for: regular_hours (regular_hours): not a number in the profile's number format (2 rows); nothing from the file was loaded");
    expect(r.message).not.toContain('lots');
  });
});
