/**
 * A lone surrogate in a UTF-16 file is invalid in the encoding: its record is rejected at its
 * line, as invalid UTF-8 is in a UTF-8 file. An independent probe (2026-12-02) found a UTF-16LE
 * register with a lone high surrogate in a name loaded whole, the name holding U+FFFD. A pair
 * (an emoji) is a character and loads, also when a read splits it. Lines and counts by hand.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utf8MarkingLoneSurrogates } from '../../etl/load/transcode.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

describe('UTF-16 surrogates', () => {
  it('writes a lone surrogate as a byte invalid in UTF-8, and a pair as its character', () => {
    expect([...utf8MarkingLoneSurrogates('a\ud800b')]).toEqual([0x61, 0xff, 0x62]);
    expect([...utf8MarkingLoneSurrogates('a\udc00')]).toEqual([0x61, 0xff]);
    expect(utf8MarkingLoneSurrogates('a\ud83d\ude00b').toString('utf8')).toBe('a\u{1F600}b');
  });

  it('rejects the record with a lone surrogate at its line and loads the rest, an emoji included', async () => {
    const text = [
      header('payroll'),
      row('payroll', { employee_id: 'E1', employee_name: 'Testperson \u{1F600}' }), // line 2: a pair
      row('payroll', { employee_id: 'E2', employee_name: 'Testperson \ud800x' }), // line 3: a lone high surrogate
      row('payroll', { employee_id: 'E3', employee_name: 'Testperson Plain' }), // line 4
    ].join('\r\n') + '\r\n';
    // UTF-16LE with its BOM, as Excel's "Unicode text" writes it (Buffer keeps lone surrogates as code units).
    const path = h.file('register-utf16.csv', '');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await h.load({ path, source: 'payroll' }, { rejectThreshold: 1 });
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(r.rejects.map((x) => x.line)).toEqual([3]);
    expect((await h.rows('SELECT employee_id AS id FROM fact_payroll ORDER BY 1')).map((x) => x.id)).toEqual(['E1', 'E3']);
  });
});
