/**
 * `profile check`: a dry run of a file through a profile in a private in-memory DuckDB. It
 * names the profile, maps the columns, shows the first rows as typed (patient ids never), and
 * says what would be rejected and why with the control totals, loading nothing. Figures are
 * the hand-computed ones of test/fixtures/realworld/README.md.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfileOnFile } from '../../etl/load/profileCheck.ts';
import { ProfileRegistry } from '../../etl/profiles/registry.ts';
import { profileCheckText } from '../../server/cliOutput.ts';
import { TEST_TIMEZONE } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';

const FIX = 'test/fixtures/realworld';
const profiles = ProfileRegistry.load(join(FIX, 'profiles'));

describe('profile check', () => {
  it('finds the profile among every source, maps the columns, types the first rows and lists what would be rejected', async () => {
    const c = await checkProfileOnFile(profiles, join(FIX, 'ledgerpro-billing.csv'), { timezone: TEST_TIMEZONE, fileName: 'ledgerpro-billing.csv', sampleRows: 3 });
    expect({ id: c.profileId, source: c.source, headerLine: c.headerLine }).toEqual({ id: 'ledgerpro-billing', source: 'billing', headerLine: 3 });
    expect(c.mapping.find((m) => m.field === 'amount_usd')).toEqual({ field: 'amount_usd', required: true, from: 'Amount' });
    expect(c.mapping.find((m) => m.field === 'units_n')).toEqual({ field: 'units_n', required: false, from: null });
    // Lines 4 to 6: the charge, the insurer payment, the write-off written -$39.20 (loaded positive).
    expect(c.sample.map((s) => [s.line, s.ok, s.values.txn_type, s.values.amount_usd, s.values.payment_source, s.values.patient_id, s.values.provider_id])).toEqual([
      [4, true, 'charge', '160.00', null, '(hashed at load)', "O'Brien, Siobhán"],
      [5, true, 'payment', '100.80', 'insurance', '(hashed at load)', "O'Brien, Siobhán"],
      [6, true, 'adjustment', '39.20', null, '(hashed at load)', "O'Brien, Siobhán"],
    ]);
    expect(c).toMatchObject({ rowsRead: 31, rowsRejected: 1, trailerRows: 1, fileTotal: '2081.60', loadedTotal: '2555.00', trailerTotal: '2081.60' }); // file total as written (from the bytes)
    expect(c.rejects).toEqual([{ line: 34, column: 'amount_usd', reason: "not an amount in the profile's number format" }]);
    expect(c.rejectCounts).toEqual([{ column: 'amount_usd', reason: "not an amount in the profile's number format", rows: 1 }]);

    const text = profileCheckText(c);
    expect(text).toContain('Profile ledgerpro-billing (LedgerPro: Transaction Report), source billing; header on line 3.');
    expect(text).toContain('Rows read 31, would load 30, would reject 1; trailer rows 1.');
    expect(text).toContain('File total 2081.60, total that would load 2555.00, trailer total 2081.60.');
    expect(text).not.toMatch(/A00\d{4}/); // no patient account number is ever shown
  });

  it('counts warning rules of the rows that would load', async () => {
    const c = await checkProfileOnFile(profiles, join(FIX, 'sched-appointments.csv'), { timezone: TEST_TIMEZONE, fileName: 'sched-appointments.csv', source: 'appointments' });
    expect(c).toMatchObject({ profileId: 'sched-appointments', rowsRead: 10, rowsRejected: 0, trailerRows: 1, fileTotal: null, warnings: [{ column: 'booked_at', reason: 'is after the scheduled start', rows: 1 }] });
    expect(c.sample).toHaveLength(5);
  });

  it('leaves nothing behind in the scratch folder', async () => {
    // A temporary folder of this test's own: the machine's is shared with the other test worker,
    // whose profile checks (uploads, the CLI) may hold a scratch folder of their own meanwhile.
    const own = mkdtempSync(join(tmpdir(), 'pb-scratch-of-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      expect(tmpdir()).toBe(own);
      const c = await checkProfileOnFile(profiles, join(FIX, 'ledgerpro-locations.csv'), { timezone: TEST_TIMEZONE, fileName: 'l.csv', profileId: 'ledgerpro-locations' });
      expect(c.profileId).toBe('ledgerpro-locations');
      expect(readdirSync(own)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('warns of posting dates after the day of the check, on the practice clock, as a load on that day would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-future-'));
    try {
      writeFileSync(join(dir, 'f.csv'), csv('billing', [{ transaction_id: 'F1', post_date: '2026-11-02', service_date: '2026-10-30' }, { transaction_id: 'F2', post_date: '2026-10-30', service_date: '2026-10-30' }]));
      // 02:00 UTC on 2 November is still 1 November in New York, and already 2 November in UTC.
      const at = () => new Date('2026-11-02T02:00:00Z');
      const ny = await checkProfileOnFile(profiles, join(dir, 'f.csv'), { timezone: TEST_TIMEZONE, fileName: 'f.csv', clock: at });
      expect(ny.warnings).toEqual([{ column: 'post_date', reason: 'is after the day of the load (2026-11-01): a posting date is never in the future; a mistyped year?', rows: 1 }]);
      const utc = await checkProfileOnFile(profiles, join(dir, 'f.csv'), { timezone: 'UTC', fileName: 'f.csv', clock: at });
      expect(utc.warnings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when no profile of any source fits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-nofit-'));
    try {
      writeFileSync(join(dir, 'x.csv'), 'a,b,c\n1,2,3\n');
      await expect(checkProfileOnFile(profiles, join(dir, 'x.csv'), { timezone: TEST_TIMEZONE, fileName: 'x.csv' })).rejects.toThrow(/x\.csv: no profile of any source finds its required columns/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
