/**
 * Control totals under a profile's `signs` (LedgerPro writes write-offs and refunds negative).
 * A five-row file, figures by hand:
 *   charge 200.00, payment 150.00, ADJUST -30.00, REFUND -5.00, a payment reversal -10.00.
 *   As written (the file's sum and its TOTAL row): 200 + 150 - 30 - 5 - 10 = 305.00.
 *   As stored (write-off and refund turned positive): 200 + 150 + 30 + 5 - 10 = 375.00
 *   = 305.00 + 2 x (30.00 + 5.00).
 * The load reports both, and the loaded rows' total as written ties to the file's and the trailer's.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProfileOnFile } from '../../etl/load/profileCheck.ts';
import { summaryTable, profileCheckText } from '../../server/cliOutput.ts';
import { openHarness, TEST_TIMEZONE, type Harness } from '../helpers/etlHarness.ts';

const FIX = 'test/fixtures/realworld';
const FILE = [
  'LedgerPro Transaction Report',
  'Practice: Example Family Practice,Posted 09/01/2026 - 09/30/2026',
  'Txn ID,Claim,Ln,Acct,Provider,Location,Payer,Class,CPT,DOS,Posted,Type,Amount,Pay Source,Grp,CARC',
  'LP-1,CL-1,1,A000001,"Lee, Ana",Main Street Clinic,Acme Health,Commercial,99213,09/01/2026,09/02/2026,CHARGE,$200.00,N/A,,',
  'LP-2,CL-1,1,A000001,"Lee, Ana",Main Street Clinic,Acme Health,Commercial,99213,09/01/2026,09/20/2026,PAYMENT,$150.00,Insurance,,',
  'LP-3,CL-1,1,A000001,"Lee, Ana",Main Street Clinic,Acme Health,Commercial,99213,09/01/2026,09/20/2026,ADJUST,-$30.00,N/A,CO,45',
  'LP-4,CL-1,1,A000001,"Lee, Ana",Main Street Clinic,Acme Health,Commercial,99213,09/01/2026,09/25/2026,REFUND,-$5.00,Patient,,',
  'LP-5,CL-1,1,A000001,"Lee, Ana",Main Street Clinic,Acme Health,Commercial,99213,09/01/2026,09/26/2026,PAYMENT,-$10.00,Insurance,,',
  ',,,,,,,,,,,TOTAL,$305.00,,,',
  '',
].join('\r\n');

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
  mkdirSync(join(h.dir, 'profiles'), { recursive: true });
  for (const n of readdirSync(join(FIX, 'profiles'))) copyFileSync(join(FIX, 'profiles', n), join(h.dir, 'profiles', n));
});
afterEach(() => h.close());

describe('control totals with a sign convention', () => {
  it('reports the file total, the trailer total and the loaded total as written (equal), and the loaded total as stored with the difference explained', async () => {
    const path = h.file('ledgerpro-tiny.csv', FILE);
    const r = await h.load({ path, source: 'billing' }, { profiles: h.profiles() });
    expect(r).toMatchObject({ status: 'loaded', profileId: 'ledgerpro-billing', rowsLoaded: 5, rowsRejected: 0, trailerRows: 1 });
    expect({ file: r.fileTotal, trailer: r.trailerTotal, asWritten: r.loadedAsWritten, loaded: r.loadedTotal }).toEqual({ file: '305.00', trailer: '305.00', asWritten: '305.00', loaded: '375.00' });
    expect(r.signsNote).toBe("loaded total 375.00 = 305.00 as written + 2 x 35.00 (refund, adjustment written negative, loaded turned by the profile's signs)");
    // Stored as independently summed from the warehouse.
    expect(await h.rows('SELECT sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn')).toEqual([{ usd: '375.00' }]);
    expect(await h.rows('SELECT loaded_as_written_usd::VARCHAR AS w, loaded_total_usd::VARCHAR AS l, file_total_usd::VARCHAR AS f FROM etl_run WHERE run_id = $r', { r: r.runId })).toEqual([{ w: '305.00', l: '375.00', f: '305.00' }]);
    expect(summaryTable([r])).toContain("ledgerpro-tiny.csv: loaded total 375.00 = 305.00 as written + 2 x 35.00 (refund, adjustment written negative, loaded turned by the profile's signs); file total 305.00 is as written");

    const c = await checkProfileOnFile(h.profiles(), path, { timezone: TEST_TIMEZONE, fileName: 'ledgerpro-tiny.csv', source: 'billing' });
    expect(c).toMatchObject({ fileTotal: '305.00', trailerTotal: '305.00', loadedAsWritten: '305.00', loadedTotal: '375.00' });
    expect(profileCheckText(c)).toContain('As written, the rows that would load total 305.00: loaded total 375.00 = 305.00 as written + 2 x 35.00');
  });
});
