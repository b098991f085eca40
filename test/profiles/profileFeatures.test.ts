/**
 * Issue 9: what a profile can say about real exports, each through the real loader with a
 * fresh warehouse. Value maps that blank a value; trailers recognised by any cell with their
 * own total; a per-type sign convention; the trailer pattern checked by DuckDB's engine (RE2);
 * reject reasons that say what is wrong; warnings with counts; the CLI table naming the profile.
 * Expected figures are worked out by hand in the comments.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRegistry, SHIPPED_PROFILES_DIR, parseProfile, parseProfileChecked } from '../../etl/profiles/registry.ts';
import { emptyReport } from '../../etl/load/report.ts';
import { summaryTable } from '../../server/cliOutput.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv, header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
  mkdirSync(join(h.dir, 'profiles'), { recursive: true });
});
afterEach(() => h.close());

const canonicalBilling = (): Record<string, unknown> => JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-billing.json'), 'utf8')) as Record<string, unknown>;
/** A practice profile: canonical billing with `changes`, written to the harness profiles folder. */
function practiceProfile(id: string, changes: Record<string, unknown>): Record<string, unknown> {
  const p = { ...canonicalBilling(), id, ...changes };
  writeFileSync(join(h.dir, 'profiles', `${id}.json`), JSON.stringify(p));
  return p;
}
const lenient = { rejectThreshold: 0.5 };

describe('value maps', () => {
  it('map a code to a blank value with null or ""; a payment left without a source is still rejected', async () => {
    practiceProfile('na-billing', { valueMaps: { payment_source: { 'N/A': null, 'n.a.': '' } } });
    const text = csv('billing', [
      { transaction_id: 'T1', payment_source: 'N/A' },
      { transaction_id: 'T2', payment_source: 'n.a.' },
      { transaction_id: 'T3', txn_type: 'payment', payment_source: 'N/A' },
    ]);
    const r = await h.load({ path: h.file('na.csv', text), profileId: 'na-billing' }, { ...lenient, profiles: h.profiles() });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 1 });
    expect(r.rejects).toEqual([{ line: 4, column: 'payment_source (payment_source)', reason: 'required for payments and refunds' }]);
    expect(await h.rows('SELECT transaction_id, payment_source FROM fact_billing_txn ORDER BY 1')).toEqual([
      { transaction_id: 'T1', payment_source: null },
      { transaction_id: 'T2', payment_source: null },
    ]);
  });

  it('refuse a target that is not an allowed value of the field, when the profile is read', () => {
    const p = { ...canonicalBilling(), id: 'x', valueMaps: { payment_source: { CASH: 'cash' } } };
    expect(() => parseProfile(JSON.stringify(p), 'x.json')).toThrow(/valueMaps\.payment_source\.CASH: not one of insurance, patient/);
  });
});

describe('trailer rows', () => {
  it('are recognised by any cell, counted apart, and their total is reported beside the loaded total', async () => {
    // The 17 canonical columns: TOTAL in the 13th (txn_type) after twelve blank cells, the total in amount_usd.
    const trailer = [...Array<string>(12).fill(''), 'TOTAL', '150.00', '', '', ''].join(',');
    const text = [header('billing'), row('billing', { transaction_id: 'T1', amount_usd: '100.00' }), row('billing', { transaction_id: 'T2', amount_usd: '50.00' }), trailer].join('\n') + '\n';
    const r = await h.load({ path: h.file('t.csv', text), source: 'billing' });
    // Before: the row was rejected as data and counted in the file total (300.00, twice the loaded 150.00).
    expect(r).toMatchObject({ status: 'loaded', profileId: 'canonical-billing', rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, trailerRows: 1, fileTotal: '150.00', loadedTotal: '150.00', trailerTotal: '150.00' });
  });
});

describe('sign convention', () => {
  const refund = (id: string) => row('billing', { transaction_id: id, txn_type: 'refund', amount_usd: '-5.00', payment_source: 'patient', post_date: '2026-02-03', service_date: '2026-01-05' });
  const collections = async (): Promise<unknown> =>
    h.rows(`SELECT transaction_id, sum(CASE txn_type WHEN 'payment' THEN amount_usd WHEN 'refund' THEN -amount_usd END)::VARCHAR AS collections_usd FROM fact_billing_txn GROUP BY 1 ORDER BY 1`);

  it('turns the sign of the types a profile says its export writes negative', async () => {
    practiceProfile('neg-refunds', { signs: { refund: 'negative' } });
    const profiles = h.profiles();
    await h.load({ path: h.file('a.csv', [header('billing'), refund('R-VENDOR')].join('\n') + '\n'), profileId: 'neg-refunds' }, { profiles });
    // The canonical convention reads -5.00 as a reversal of a refund: collections +5.00.
    await h.load({ path: h.file('b.csv', [header('billing'), refund('R-CANON')].join('\n') + '\n'), profileId: 'canonical-billing' }, { profiles });
    expect(await h.rows('SELECT transaction_id, amount_usd::VARCHAR AS usd FROM fact_billing_txn ORDER BY 1')).toEqual([
      { transaction_id: 'R-CANON', usd: '-5.00' },
      { transaction_id: 'R-VENDOR', usd: '5.00' },
    ]);
    expect(await collections()).toEqual([
      { transaction_id: 'R-CANON', collections_usd: '5.00' },
      { transaction_id: 'R-VENDOR', collections_usd: '-5.00' },
    ]);
  });

  it('is refused for a source without signed amounts or a type the source lacks', () => {
    const payroll = JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-payroll.json'), 'utf8')) as Record<string, unknown>;
    expect(() => parseProfile(JSON.stringify({ ...payroll, signs: { refund: 'negative' } }), 'p.json')).toThrow(/signs: source payroll has no signed amounts/);
    expect(() => parseProfile(JSON.stringify({ ...canonicalBilling(), signs: { rebate: 'negative' } }), 'b.json')).toThrow(/signs\.rebate: not a txn_type/);
  });
});

describe('trailer patterns run in DuckDB (RE2)', () => {
  const withPattern = (pattern: string) => ({ ...canonicalBilling(), id: 'lookahead', dialect: { trailer: { maxRows: 2, pattern } } });

  it('accepts RE2 syntax JavaScript refuses, and refuses what RE2 refuses when saved or read at start-up', async () => {
    expect(parseProfile(JSON.stringify(withPattern('(?i)^\\s*total')), 'ok.json').dialect.trailer?.pattern).toBe('(?i)^\\s*total');
    await expect(parseProfileChecked(JSON.stringify(withPattern('^\\s*total(?=\\s)')), 'la.json')).rejects.toThrow(/dialect\.trailer\.pattern: not a regular expression that DuckDB's engine \(RE2\) accepts/);
    writeFileSync(join(h.dir, 'profiles', 'lookahead.json'), JSON.stringify(withPattern('^\\s*total(?=\\s)')));
    await expect(ProfileRegistry.open(join(h.dir, 'profiles'))).rejects.toThrow(/profile lookahead: dialect\.trailer\.pattern/);
  });

  it('fails a load with the profile named, not a DuckDB error, when such a profile is used anyway', async () => {
    writeFileSync(join(h.dir, 'profiles', 'lookahead.json'), JSON.stringify(withPattern('^\\s*total(?=\\s)')));
    const r = await h.load({ path: h.file('x.csv', csv('billing', [{}])), profileId: 'lookahead' }, { profiles: h.profiles() });
    expect(r).toMatchObject({ status: 'failed', errorCode: 'PROFILE_INVALID' });
    expect(r.message).toMatch(/^profile lookahead: dialect\.trailer\.pattern: not a regular expression/);
  });
});

describe('reject reasons', () => {
  it('say what is wrong with an amount', async () => {
    const text = csv('billing', [
      { transaction_id: 'T1', amount_usd: '$1l0.00' },
      { transaction_id: 'T2', amount_usd: '12.345' },
      { transaction_id: 'T3', amount_usd: '1234567890123456789.00' },
      { transaction_id: 'T4', amount_usd: '10.00' },
    ]);
    const r = await h.load({ path: h.file('r.csv', text), source: 'billing' }, { rejectThreshold: 0.9 });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [2, "not an amount in the profile's number format"],
      [3, 'has more than 2 decimals'],
      [4, 'is too large: at most 16 digits before the decimal mark'],
    ]);
  });

  it('say what is wrong with a number of hours (DECIMAL(8,2): 6 digits before the mark)', async () => {
    const text = csv('payroll', [
      { employee_id: 'E1', regular_hours: '1234567.5' },
      { employee_id: 'E2', regular_hours: 'eighty' },
      { employee_id: 'E3', regular_hours: '80.125' },
      { employee_id: 'E4' },
    ]);
    const r = await h.load({ path: h.file('p.csv', text), source: 'payroll' }, { rejectThreshold: 0.9 });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [2, 'is too large: at most 6 digits before the decimal mark'],
      [3, "not a number in the profile's number format"],
      [4, 'has more than 2 decimals'],
    ]);
  });
});

describe('warnings', () => {
  it('count rows that break a warning rule and ids the reference data lacks; the rows still load', async () => {
    const text = csv('appointments', [
      { appointment_id: 'A1' },
      { appointment_id: 'A2', booked_at: '2026-01-10 10:30:00' }, // booked half an hour after the start
      { appointment_id: 'A3', provider_id: 'PR-NEW' },
    ]);
    const r = await h.load({ path: h.file('w.csv', text), source: 'appointments' });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 3, rowsRejected: 0 });
    // No reference data is loaded: PR01 and PR-NEW (2 ids, 3 rows) and L1 (1 id, 3 rows) are unknown.
    expect(r.warnings).toEqual([
      { column: 'booked_at', reason: 'is after the scheduled start', rows: 1 },
      { column: 'provider_id', reason: '2 ids are not in the provider roster reference data ("PR-NEW", "PR01"); load it so lists and breakdowns show them', rows: 3 },
      { column: 'location_id', reason: '1 id is not in the locations reference data ("L1"); load it so lists and breakdowns show them', rows: 3 },
    ]);
    const table = summaryTable([r]);
    expect(table).toMatch(/w\.csv\s*│\s*appointments\s*│\s*canonical-appointments\s*│\s*loaded\s*│\s*3\s*│\s*3\s*│\s*0\s*│\s*0\s*│\s*7\s*│/);
    expect(table).toContain('w.csv: warning: booked_at is after the scheduled start (1 row)');
  });

  it('are none for a file refused whole', async () => {
    const text = csv('appointments', [{ appointment_id: 'A1', booked_at: '2026-01-10 10:30:00' }, { appointment_id: 'A2', status: 'gone' }]);
    const r = await h.load({ path: h.file('refused.csv', text), source: 'appointments' });
    expect(r).toMatchObject({ status: 'rejected', rowsRejected: 1, warnings: [] });
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_warning')).toEqual([{ n: 0 }]);
  });

  it('name at most three ids', async () => {
    const provs = ['Z1', 'Z2', 'Z3', 'Z4'];
    await h.load({ path: h.file('l.csv', csv('locations', [{ location_id: 'L1' }])), source: 'locations' });
    const r = await h.load({ path: h.file('w.csv', csv('appointments', provs.map((p, i) => ({ appointment_id: `A${i}`, provider_id: p })))), source: 'appointments' });
    expect(r.warnings).toEqual([{ column: 'provider_id', reason: '4 ids are not in the provider roster reference data ("Z1", "Z2", "Z3", ...); load it so lists and breakdowns show them', rows: 4 }]);
  });
});

describe('the CLI load table', () => {
  it('names the profile and shows the trailer total', () => {
    const r = { ...emptyReport({ runId: 'r1', source: 'billing', fileName: 'f.csv', startedAt: new Date(0) }), status: 'loaded' as const, profileId: 'acme-pm-billing', trailerTotal: '12.00' };
    const t = summaryTable([r]);
    expect(t.split('\n')[1]).toMatch(/file\s*│\s*source\s*│\s*profile\s*│\s*status.*│\s*trailer total\s*│\s*run/);
    expect(t).toMatch(/f\.csv\s*│\s*billing\s*│\s*acme-pm-billing\s*│\s*loaded/);
    expect(t).toMatch(/12\.00\s*│\s*r1/);
  });

  it("names the file once before a refusal's code and message", () => {
    const base = { ...emptyReport({ runId: 'r2', source: 'payroll', fileName: 'payroll/oct.csv', startedAt: new Date(0) }), status: 'rejected' as const, errorCode: 'NO_DATA_ROWS' };
    const said = summaryTable([{ ...base, message: 'payroll/oct.csv: the file has a header (line 1) but no data rows; nothing was loaded.' }]);
    expect(said).toContain('\n  payroll/oct.csv: NO_DATA_ROWS the file has a header (line 1) but no data rows; nothing was loaded.');
    expect(said.split('payroll/oct.csv').length - 1).toBe(2); // the table's row and the note
    // A message that does not start with the name keeps all of its words.
    expect(summaryTable([{ ...base, message: 'oct.csv: other words' }])).toContain('  payroll/oct.csv: NO_DATA_ROWS oct.csv: other words');
  });
});
