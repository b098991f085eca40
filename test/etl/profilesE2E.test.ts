/**
 * The shipped Synthea profiles and the onboarding worked example, loaded end to end through
 * the real loader; expected figures are the hand-computed ones of test/fixtures/synthea/README.md
 * and docs/profiles.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';

const FIX = 'test/fixtures/synthea';
let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const copy = (from: string, name: string) => h.file(name, readFileSync(from));

describe('Synthea CSV export', () => {
  it('loads organizations, providers, payers, encounters and claims transactions as documented', async () => {
    const lenient = { rejectThreshold: 0.2 };
    const orgs = await h.load({ path: copy(join(FIX, 'organizations.csv'), 'organizations.csv'), source: 'locations' });
    const provs = await h.load({ path: copy(join(FIX, 'providers.csv'), 'providers.csv'), source: 'providers' });
    const payers = await h.load({ path: copy(join(FIX, 'payers.csv'), 'payers.csv'), source: 'payers' }, lenient);
    const enc = await h.load({ path: copy(join(FIX, 'encounters.csv'), 'encounters.csv'), source: 'appointments' }, lenient);
    const claims = await h.load({ path: copy(join(FIX, 'claims_transactions.csv'), 'claims_transactions.csv'), source: 'billing' }, lenient);
    expect([orgs, provs, payers, enc, claims].map((r) => [r.profileId, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['synthea-locations', 3, 0],
      ['synthea-providers', 4, 0],
      ['synthea-payers', 5, 1],
      ['synthea-appointments', 7, 1],
      ['synthea-billing', 14, 1],
    ]);
    expect(payers.rejects).toEqual([{ line: 7, column: 'NAME (payer_class)', reason: 'not one of commercial, medicare, medicaid, self_pay, workers_comp, other' }]);
    expect(enc.rejects).toMatchObject([{ line: 7, reason: 'is before check-in' }]);
    expect(claims.rejects.map((r) => r.line)).toEqual([16, 16]);
    // Loaded control total 1110.00; the file's, with the rejected 60.00 charge, 1170.00.
    expect(claims).toMatchObject({ loadedTotal: '1110.00', fileTotal: '1170.00' });
    expect(await h.rows('SELECT txn_type, count(*)::INTEGER AS n, sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn GROUP BY 1 ORDER BY 1')).toEqual([
      { txn_type: 'adjustment', n: 2, usd: '80.00' },
      { txn_type: 'charge', n: 4, usd: '535.00' },
      { txn_type: 'payment', n: 6, usd: '455.00' },
      { txn_type: 'transfer', n: 2, usd: '40.00' },
    ]);
    expect(await h.rows("SELECT payment_source, sum(amount_usd)::VARCHAR AS usd FROM fact_billing_txn WHERE txn_type = 'payment' GROUP BY 1 ORDER BY 1")).toEqual([
      { payment_source: 'insurance', usd: '330.00' },
      { payment_source: 'patient', usd: '125.00' },
    ]);
    expect(await h.rows('SELECT count(DISTINCT patient_key)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 3 }]);
    expect(await h.rows("SELECT count(*)::INTEGER AS n FROM fact_appointment WHERE status = 'fulfilled'")).toEqual([{ n: 7 }]);
    expect(await h.rows('SELECT median(date_diff(\'minute\', checked_in_at, checked_out_at))::INTEGER AS m FROM fact_appointment')).toEqual([{ m: 25 }]);
  });
});

describe('onboarding worked example (docs/profiles.md)', () => {
  it('loads the scheduling export through its profile alone, rejecting line 9 as documented', async () => {
    copy('docs/examples/vendor-scheduling/profile.json', 'profiles/example.json'); // the practice's own profile folder
    const profiles = h.profiles();
    const path = copy('docs/examples/vendor-scheduling/appointments_export.csv', 'appointments_export.csv');
    const strict = await h.load({ path, source: 'appointments' }, { profiles });
    expect(strict).toMatchObject({ status: 'rejected', profileId: 'example-scheduling-appointments', rowsRead: 10, rowsRejected: 1, trailerRows: 1, errorCode: 'TOO_MANY_REJECTS' });
    expect(strict.message).toBe('1 of 10 rows rejected (over the 5.0% limit), for: Appt Date/Time (scheduled_start): not a timestamp in the format %m/%d/%Y %I:%M %p; nothing from the file was loaded');
    expect(strict.rejects).toEqual([{ line: 9, column: 'Appt Date/Time (scheduled_start)', reason: 'not a timestamp in the format %m/%d/%Y %I:%M %p' }]);
    const quarantined = await h.rows('SELECT raw_record FROM etl_quarantine WHERE run_id = $r', { r: strict.runId });
    expect(quarantined).toHaveLength(1);

    h.file('appointments_export-2.csv', readFileSync(path, 'utf8') + '\n'); // a new delivery (new bytes)
    const lenient = await h.load({ path: join(h.dir, 'appointments_export-2.csv'), source: 'appointments' }, { profiles, rejectThreshold: 0.1 });
    expect(lenient).toMatchObject({ status: 'loaded', rowsLoaded: 9, rowsRejected: 1 });
    // No provider roster or locations are loaded in this warehouse: the load says so, with counts.
    expect(lenient.warnings.map((w) => [w.column, w.rows, w.reason.split(' (')[0]])).toEqual([
      ['provider_id', 9, '2 ids are not in the provider roster reference data'],
      ['location_id', 9, '2 ids are not in the locations reference data'],
    ]);
    expect(await h.rows("SELECT appointment_id FROM fact_appointment WHERE status = 'fulfilled' ORDER BY 1")).toEqual([
      { appointment_id: 'A1001' },
      { appointment_id: 'A1005' },
      { appointment_id: 'A1008' },
      { appointment_id: 'A1009' },
    ]);
    expect(await h.rows("SELECT count(*)::INTEGER AS n FROM fact_appointment WHERE status = 'noshow'")).toEqual([{ n: 1 }]);
    expect(await h.rows("SELECT appointment_id, late_cancel FROM fact_appointment WHERE status = 'cancelled' ORDER BY 1")).toEqual([
      { appointment_id: 'A1003', late_cancel: true },
      { appointment_id: 'A1004', late_cancel: false },
    ]);
  });
});
