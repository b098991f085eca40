/**
 * The month ends a file adds past the ledger's last month (ar-delta.ts, grownMonthEnds): the
 * claims the file does not touch keep their balance at the old last month end, those aged over
 * 120 days there carry over as they stand, and those aged up to 120 days move to the bucket of
 * their age at each new month end. Expected rows worked by hand (ages in days from each claim's
 * date of service to the month end), and the tables must equal a full rebuild.
 */
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../dashboards/rollups/rebuild.ts';
import { captureChange, refreshRollups } from '../../dashboards/rollups/incremental.ts';
import { openHarness } from '../helpers/etlHarness.ts';
import { csv } from '../helpers/rows.ts';
import { differencesFromRebuild } from './fullRebuildDiff.ts';

const wired = { beforeMerge: captureChange, afterMerge: refreshRollups };
const charge = (t: string, claim: string, service: string, post: string, usd: string) => ({ transaction_id: t, claim_id: claim, service_date: service, post_date: post, amount_usd: usd });
const payment = (t: string, claim: string, service: string, post: string, usd: string) => ({ ...charge(t, claim, service, post, usd), txn_type: 'payment', payment_source: 'insurance' });

const AR = `SELECT as_of_date::VARCHAR AS d, open_claims_n::INTEGER AS open, ar_usd::VARCHAR AS ar, ar_0_30_usd::VARCHAR AS b30,
  ar_31_60_usd::VARCHAR AS b60, ar_61_90_usd::VARCHAR AS b90, ar_91_120_usd::VARCHAR AS b120, ar_over_120_usd::VARCHAR AS over,
  credit_claims_n::INTEGER AS credit_n, credit_usd::VARCHAR AS credit
  FROM rollup_ar_month WHERE as_of_date >= DATE '2026-05-31' ORDER BY 1`;

describe('month ends a file adds past the last month', () => {
  it('carry the untouched claims from the old last month end, re-aged, and add the file\'s claims', { timeout: 120_000 }, async () => {
    const h = await openHarness();
    try {
      await h.warehouse.use((c) => rebuildRollups(c));
      // The ledger runs January to May 2026 (A/R's month range); ages at 2026-05-31:
      const first = csv('billing', [
        charge('T1', 'C1', '2026-01-10', '2026-01-12', '100.00'), // 141 days: over 120
        charge('T2', 'C2', '2026-02-01', '2026-02-02', '200.00'), // 119 days
        charge('T3', 'C3', '2026-01-31', '2026-02-05', '300.00'), // 120 days: the last one in 91-120
        charge('T4', 'C4', '2026-01-30', '2026-02-10', '50.00'), // 121 days, and in credit by 30.00
        payment('T5', 'C4', '2026-01-30', '2026-02-11', '80.00'),
        charge('T6', 'C5', '2026-05-20', '2026-05-21', '70.00'), // 11 days
        charge('T7', 'C6', '2026-03-01', '2026-03-02', '40.00'), // paid to zero in May: no A/R
        payment('T8', 'C6', '2026-03-01', '2026-05-30', '40.00'),
        // A transfer in June: A/R leaves transfers out, so the ledger's last month is still May.
        { ...charge('T11', 'C1', '2026-01-10', '2026-06-15', '10.00'), txn_type: 'transfer', adj_group: 'PR', carc_code: '3' },
      ]);
      expect((await h.load({ path: h.file('first.csv', first), source: 'billing' }, wired)).status).toBe('loaded');
      // July (June has no posting): a new claim, and a payment on C2. The ledger's last month moves from May to July.
      const july = csv('billing', [charge('T9', 'C7', '2026-07-01', '2026-07-02', '25.00'), payment('T10', 'C2', '2026-02-01', '2026-07-03', '50.00')]);
      expect((await h.load({ path: h.file('july.csv', july), source: 'billing' }, wired)).status).toBe('loaded');
      expect(await h.rows(AR)).toEqual([
        // May: C1 over 120; C2 (119) and C3 (120) in 91-120; C5 in 0-30; C4 in credit.
        { d: '2026-05-31', open: 4, ar: '670.00', b30: '70.00', b60: '0.00', b90: '0.00', b120: '500.00', over: '100.00', credit_n: 1, credit: '30.00' },
        // June (C1 171, C2 149, C3 150, C5 41 days): C2 and C3 have moved to over 120.
        { d: '2026-06-30', open: 4, ar: '670.00', b30: '0.00', b60: '70.00', b90: '0.00', b120: '0.00', over: '600.00', credit_n: 1, credit: '30.00' },
        // July: C2 paid down to 150.00; C5 72 days; C7 30 days.
        { d: '2026-07-31', open: 5, ar: '645.00', b30: '25.00', b60: '0.00', b90: '70.00', b120: '0.00', over: '550.00', credit_n: 1, credit: '30.00' },
      ]);
      expect(await h.warehouse.use(differencesFromRebuild)).toEqual({});
    } finally {
      h.close();
    }
  });
});
