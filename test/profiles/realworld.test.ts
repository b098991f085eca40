/**
 * The real-world-shaped corpus of test/fixtures/realworld/ (written by its seeded generator)
 * loads through its profiles alone: names as ids with commas, apostrophes and accents, refunds
 * and write-offs written negative (the profile's `signs`), "N/A" mapped to blank (`null` in a
 * value map), TOTAL rows after blank leading cells recognised as trailers with their own total,
 * a walk-in booked after its start loading with a warning, and a provider the roster lacks
 * named in a warning. Expected figures were computed by hand from the raw files (README).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpus } from '../fixtures/realworld/generate.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

const FIX = 'test/fixtures/realworld';
let h: Harness;
beforeEach(async () => {
  h = await openHarness();
  mkdirSync(join(h.dir, 'profiles'), { recursive: true });
  for (const n of readdirSync(join(FIX, 'profiles'))) copyFileSync(join(FIX, 'profiles', n), join(h.dir, 'profiles', n));
});
afterEach(() => h.close());

// The billing report covers postings to 31 December 2026 (its title line): it is loaded after
// that, as a practice would, so no posting date is after the day of the load.
const LOADED_ON = () => new Date('2027-01-04T15:00:00Z');
const load = (name: string, source: 'billing' | 'providers' | 'locations' | 'appointments') =>
  h.load({ path: h.file(name, readFileSync(join(FIX, name))), source }, { profiles: h.profiles(), clock: LOADED_ON });

describe('real-world-shaped corpus', () => {
  it('is the seeded output of its generator, byte for byte', () => {
    for (const [name, text] of Object.entries(corpus())) expect(readFileSync(join(FIX, name), 'utf8'), name).toBe(text);
  });

  it('loads reference data, the billing report and the visit list through their profiles with the hand-computed figures', async () => {
    const locs = await load('ledgerpro-locations.csv', 'locations');
    const provs = await load('ledgerpro-providers.csv', 'providers');
    expect([locs.profileId, locs.rowsLoaded, provs.profileId, provs.rowsLoaded, provs.warnings]).toEqual(['ledgerpro-locations', 3, 'ledgerpro-providers', 4, []]);

    const bill = await load('ledgerpro-billing.csv', 'billing');
    expect(bill).toMatchObject({ status: 'loaded', profileId: 'ledgerpro-billing', rowsRead: 31, rowsLoaded: 30, rowsRejected: 1, trailerRows: 1 });
    // Line 34 holds "$1l0.00"; line 35 is the TOTAL row (12th cell), not a reject.
    expect(bill.rejects).toEqual([{ line: 34, column: 'Amount (amount_usd)', reason: "not an amount in the profile's number format" }]);
    // Canonical signs: 1270.00 charges + 1048.30 payments + 221.70 write-offs + 15.00 refunds = 2555.00
    // loaded; the file's total (read from its bytes) and the vendor's TOTAL are the amounts as
    // written: 2555.00 - 2 x (221.70 + 15.00) = 2081.60.
    expect(bill).toMatchObject({ fileTotal: '2081.60', loadedTotal: '2555.00', trailerTotal: '2081.60' });
    expect(bill.warnings).toEqual([
      { column: 'provider_id', reason: '1 id is not in the provider roster reference data ("Ødegård, Ingrid"); load it so lists and breakdowns show them', rows: 4 },
      { column: 'payer_id', reason: '3 ids are not in the payers reference data ("Blue Cross Blue Shield", "Medicare Part B", "Self Pay"); load it so lists and breakdowns show them', rows: 30 },
    ]);
    expect(await h.rows('SELECT txn_type, count(*)::INTEGER AS n, sum(amount_usd)::VARCHAR AS usd, count(payment_source)::INTEGER AS with_source FROM fact_billing_txn GROUP BY 1 ORDER BY 1')).toEqual([
      { txn_type: 'adjustment', n: 6, usd: '221.70', with_source: 0 },
      { txn_type: 'charge', n: 8, usd: '1270.00', with_source: 0 },
      { txn_type: 'payment', n: 14, usd: '1048.30', with_source: 14 },
      { txn_type: 'refund', n: 2, usd: '15.00', with_source: 2 },
    ]);
    // Collections (payments less refunds) by posting month; December's only movement is a 5.00 refund.
    expect(
      await h.rows(`SELECT strftime(post_date, '%Y-%m') AS m, sum(CASE txn_type WHEN 'payment' THEN amount_usd ELSE -amount_usd END)::VARCHAR AS usd
                    FROM fact_billing_txn WHERE txn_type IN ('payment', 'refund') GROUP BY 1 ORDER BY 1`),
    ).toEqual([
      { m: '2026-09', usd: '389.60' },
      { m: '2026-10', usd: '512.70' },
      { m: '2026-11', usd: '136.00' },
      { m: '2026-12', usd: '-5.00' },
    ]);
    // Names as ids are kept exactly and join to the roster.
    expect(await h.rows('SELECT f.provider_id, p.provider_name, count(*)::INTEGER AS n FROM fact_billing_txn f LEFT JOIN dim_provider p USING (provider_id) GROUP BY ALL ORDER BY 1')).toEqual([
      { provider_id: 'García-López, José', provider_name: 'José García-López', n: 7 },
      { provider_id: 'Nguyen, Thi Minh Anh', provider_name: 'Thi Minh Anh Nguyen', n: 7 },
      { provider_id: "O'Brien, Siobhán", provider_name: "Siobhán O'Brien", n: 8 },
      { provider_id: 'Smith Jr., John', provider_name: 'John Smith Jr.', n: 4 },
      { provider_id: 'Ødegård, Ingrid', provider_name: null, n: 4 },
    ]);
    expect(await h.rows('SELECT column_name, rows_n::INTEGER AS rows_n FROM etl_warning WHERE run_id = $r ORDER BY 1', { r: bill.runId })).toEqual([
      { column_name: 'payer_id', rows_n: 30 },
      { column_name: 'provider_id', rows_n: 4 },
    ]);

    const appts = await load('sched-appointments.csv', 'appointments');
    expect(appts).toMatchObject({ status: 'loaded', profileId: 'sched-appointments', rowsRead: 10, rowsLoaded: 10, rowsRejected: 0, trailerRows: 1 });
    expect(appts.warnings).toEqual([{ column: 'booked_at', reason: 'is after the scheduled start', rows: 1 }]);
    expect(await h.rows('SELECT status, count(*)::INTEGER AS n FROM fact_appointment GROUP BY 1 ORDER BY 1')).toEqual([
      { status: 'fulfilled', n: 8 },
      { status: 'noshow', n: 2 },
    ]);
    expect(await h.rows("SELECT appointment_id FROM fact_appointment WHERE booked_at > scheduled_start")).toEqual([{ appointment_id: 'V-504' }]);
  });
});
