/**
 * Bytes that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are invalid in the
 * encoding, so the record holding one is rejected at its line, as invalid UTF-8 is in a UTF-8
 * file. An independent probe (2026-12-02) found them loaded as U+FFFD ("Testperson M\uFFFDller").
 * Expected counts and lines are worked out by hand from the bytes written here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_PROFILES_DIR } from '../../etl/profiles/registry.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

describe('a Windows-1252 payroll register', () => {
  it('loads its defined bytes and rejects each record with an undefined one, at its line', async () => {
    const p = JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-payroll.json'), 'utf8'));
    h.file('profiles/cp1252-payroll.json', JSON.stringify({ ...p, id: 'cp1252-payroll', dialect: { ...p.dialect, encoding: 'windows-1252' } }));
    const text = [
      header('payroll'),
      row('payroll', { employee_id: 'E1', employee_name: 'Testperson M\u00fcller' }), // line 2: ü is 0xFC, defined
      row('payroll', { employee_id: 'E2', employee_name: 'Testperson \u20acuro' }), // line 3: € is 0x80, defined
      row('payroll', { employee_id: 'E3', employee_name: 'Testperson MXller' }), // line 4: X becomes 0x81 below
      row('payroll', { employee_id: 'E4', employee_name: 'Testperson Yx' }), // line 5: Y becomes 0x9D below
      row('payroll', { employee_id: 'E5', employee_name: 'Testperson Plain' }), // line 6
    ].join('\n') + '\n';
    const bytes = iconv.encode(text, 'win1252');
    bytes[bytes.indexOf('MXller')! + 1] = 0x81;
    bytes[bytes.indexOf(' Yx')! + 1] = 0x9d;
    const path = h.file('register-1252.csv', '');
    writeFileSync(path, bytes);
    const r = await h.load({ path, profileId: 'cp1252-payroll' }, { profiles: h.profiles(), rejectThreshold: 1 });
    expect(r).toMatchObject({ rowsRead: 5, rowsLoaded: 3, rowsRejected: 2 });
    expect(r.rejects.map((x) => x.line)).toEqual([4, 5]);
    expect(r.rejects[0]!.reason).toMatch(/0x81.*Windows-1252/);
    expect(r.rejects[1]!.reason).toMatch(/0x9D.*Windows-1252/);
    const names = await h.rows("SELECT employee_id AS id FROM fact_payroll ORDER BY employee_id");
    expect(names.map((x) => x.id)).toEqual(['E1', 'E2', 'E5']);
  });
});
