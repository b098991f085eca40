/**
 * A "Total" row written with fewer fields than the header (`Total,,12345.67` under a wider
 * header, as real exports and hand-edited spreadsheets end) is a trailer row when it is among
 * the last `maxRows` rows and a cell matches the profile's pattern (docs/profiles.md, "Trailer
 * rows"), through the real loader and the dry run (`profile check`). Anywhere else, without a
 * trailer rule, or not matching, it is rejected as before: at its line, no column, reason
 * `record has fewer fields than the header's N`, never quarantined. Every expected figure is
 * worked out by hand from the file's bytes in the comments.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProfileOnFile } from '../../etl/load/profileCheck.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { SHIPPED_PROFILES_DIR } from '../../etl/profiles/registry.ts';
import { openHarness, TEST_TIMEZONE, type Harness } from '../helpers/etlHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
  mkdirSync(join(h.dir, 'profiles'), { recursive: true });
});
afterEach(() => h.close());

const PAYROLL_HEADER = 'employee_id,employee_name,job_class,location_id,period_start,period_end,check_date,regular_hours,overtime_hours,pto_hours,gross_pay_usd,employer_tax_usd,benefits_usd';
/** One payroll row of the 13 canonical columns; gross pay as given. */
const pay = (id: string, gross: string, name = `Person ${id}`, periodStart = '2026-01-04'): string => `${id},${name},clinical,L1,${periodStart},2026-01-17,2026-01-23,80.00,0,0,${gross},100.00,50.00`;
/** E01..E12 with gross pay 1000.00, 1100.00, ... 2100.00: 12 x 1000.00 + 100.00 x (0 + 1 + ... + 11) = 18600.00. */
const twelve = Array.from({ length: 12 }, (_, i) => pay(`E${String(i + 1).padStart(2, '0')}`, `${1000 + 100 * i}.00`));
/** `Total` then ten empty cells: 11 fields, the 11th (gross_pay_usd) holding the total; two fewer than the header's 13. */
const SHORT_TOTAL = 'Total,,,,,,,,,,18600.00';
const FEWER = "record has fewer fields than the header's 13";

const file = (lines: readonly string[], eol = '\n'): string => lines.join(eol) + eol;

/**
 * What a load and a dry run both report. Their rejects are written apart: the load names the
 * file's column beside the field (`period_start (period_start)`) and a record-level reason
 * starts `record ...`; the dry run gives the field and the reason alone.
 */
const shared = (r: Pick<LoadReport, 'rowsRead' | 'rowsRejected' | 'trailerRows' | 'fileTotal' | 'loadedTotal' | 'trailerTotal' | 'rejects'>) => ({
  rowsRead: r.rowsRead,
  rowsRejected: r.rowsRejected,
  trailerRows: r.trailerRows,
  fileTotal: r.fileTotal,
  loadedTotal: r.loadedTotal,
  trailerTotal: r.trailerTotal,
  rejects: r.rejects.map((x) => ({ line: x.line, field: x.column === null ? null : (/\(([^()]+)\)$/.exec(x.column)?.[1] ?? x.column), reason: x.reason.replace(/^record /, '') })),
});

async function dryRun(path: string, profileId: string) {
  return checkProfileOnFile(h.profiles(), path, { timezone: TEST_TIMEZONE, fileName: 'f.csv', profileId });
}

/** canonical-payroll without its trailer rule, as a practice profile. */
function payrollWithoutTrailer(): string {
  const p = JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-payroll.json'), 'utf8')) as { dialect: Record<string, unknown> };
  const dialect = { ...p.dialect };
  delete dialect.trailer;
  writeFileSync(join(h.dir, 'profiles', 'no-trailer-payroll.json'), JSON.stringify({ ...p, id: 'no-trailer-payroll', dialect }));
  return 'no-trailer-payroll';
}

describe('a short Total row at the end of a file', () => {
  it('(a) is a trailer in a 12-row payroll register: all 12 rows load, trailer total as written, not refused', async () => {
    const path = h.file('payroll.csv', file([PAYROLL_HEADER, ...twelve, SHORT_TOTAL]));
    const r = await h.load({ path, profileId: 'canonical-payroll' });
    // Before: line 14 rejected ("fewer fields"), 1 of 13 rows = 7.7% > 5%: TOO_MANY_REJECTS, nothing loaded.
    expect(r).toMatchObject({ status: 'loaded', errorCode: null, rowsRead: 12, rowsLoaded: 12, rowsRejected: 0, trailerRows: 1, fileTotal: '18600.00', loadedTotal: '18600.00', trailerTotal: '18600.00', rejects: [] });
    expect(await h.rows('SELECT count(*)::INTEGER AS n, sum(gross_pay_usd)::VARCHAR AS usd FROM fact_payroll')).toEqual([{ n: 12, usd: '18600.00' }]);
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_reject')).toEqual([{ n: 0 }]);
    // The dry run says the same.
    expect(shared(await dryRun(path, 'canonical-payroll'))).toEqual(shared(r));
  });

  it('(a) is a trailer in a 12-row reference file (payers, no control total): 12 rows load', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `PY${i + 1},Payer ${i + 1},commercial`);
    // `Total,12`: two fields under the header's three.
    const path = h.file('payers.csv', file(['payer_id,payer_name,payer_class', ...rows, 'Total,12']));
    const r = await h.load({ path, profileId: 'canonical-payers' });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 12, rowsLoaded: 12, rowsRejected: 0, trailerRows: 1, fileTotal: null, trailerTotal: null });
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM dim_payer')).toEqual([{ n: 12 }]);
  });

  it('shows no trailer total when the short row does not reach the control-total column', async () => {
    // `TOTAL,12 employees`: two fields; gross_pay_usd is the 11th.
    const path = h.file('p.csv', file([PAYROLL_HEADER, ...twelve, 'TOTAL,12 employees']));
    const r = await h.load({ path, profileId: 'canonical-payroll' });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 12, trailerRows: 1, fileTotal: '18600.00', loadedTotal: '18600.00', trailerTotal: null });
    expect(shared(await dryRun(path, 'canonical-payroll'))).toEqual(shared(r));
  });

  it('is a trailer among the last maxRows (3) rows, a valid row after it still loads at its line, and one after that is rejected at its own', async () => {
    // Lines: 1 header, 2-13 the twelve, 14 the short total, 15 E13 (valid), 16 E14 with a bad date.
    const path = h.file('p.csv', file([PAYROLL_HEADER, ...twelve, SHORT_TOTAL, pay('E13', '500.00'), pay('E14', '600.00', 'Person E14', '2026-13-04')]));
    const r = await h.load({ path, profileId: 'canonical-payroll' }, { rejectThreshold: 0.1 });
    // Rows read 14 (the trailer apart), 13 load: 18600.00 + 500.00 = 19100.00; the file total adds line 16's 600.00.
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 14, rowsLoaded: 13, rowsRejected: 1, trailerRows: 1, fileTotal: '19700.00', loadedTotal: '19100.00', trailerTotal: '18600.00' });
    expect(r.rejects).toEqual([{ line: 16, column: 'period_start (period_start)', reason: 'not a date in the format %Y-%m-%d' }]);
    expect(await h.rows("SELECT employee_id FROM fact_payroll WHERE employee_id = 'E13'")).toEqual([{ employee_id: 'E13' }]);
    expect(shared(await dryRun(path, 'canonical-payroll'))).toEqual(shared(r));
  });

  it('keeps a valid row whose cell reads "Total ..." in the window a row that loads, beside a short trailer', async () => {
    // Line 14: a full row named "Total Care Staff" (matches the pattern) with benefits blank (its last cell empty); line 15 the trailer.
    const named = `E13,Total Care Staff,clinical,L1,2026-01-04,2026-01-17,2026-01-23,80.00,0,0,400.00,100.00,`;
    const r = await h.load({ path: h.file('p.csv', file([PAYROLL_HEADER, ...twelve, named, 'Total,,,,,,,,,,19000.00'])), profileId: 'canonical-payroll' });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 13, rowsLoaded: 13, rowsRejected: 0, trailerRows: 1, fileTotal: '19000.00', loadedTotal: '19000.00', trailerTotal: '19000.00' });
    expect(await h.rows("SELECT employee_name, benefits_usd::VARCHAR AS b FROM fact_payroll WHERE employee_id = 'E13'")).toEqual([{ employee_name: 'Total Care Staff', b: '0.00' }]);
  });

  it('refuses an empty export, a header and its total row alone (short or full width), as it refuses a bare header', async () => {
    for (const total of [SHORT_TOTAL.replace('18600.00', '0.00'), 'Total,,,,,,,,,,0.00,,']) {
      const r = await h.load({ path: h.file(`empty-${total.length}.csv`, file([PAYROLL_HEADER, total])), profileId: 'canonical-payroll' });
      expect(r).toMatchObject({ status: 'rejected', errorCode: 'NO_DATA_ROWS', rowsRead: 0, rowsLoaded: 0, trailerRows: 1 });
      expect(r.message).toContain('a total row but no data rows');
    }
    // Refused, not recorded as loaded: the same export delivered again (with rows this time) is not a duplicate.
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_file')).toEqual([{ n: 0 }]);
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM fact_payroll')).toEqual([{ n: 0 }]);
  });
});

describe('a short row that is not a trailer is rejected as before', () => {
  /** A run's stored rejects and quarantine. */
  const stored = async (run: string) => ({
    rejects: await h.rows('SELECT line_n::INTEGER AS line, column_name, reason FROM etl_reject WHERE run_id = $run', { run }),
    quarantined: await h.rows('SELECT count(*)::INTEGER AS n FROM etl_quarantine WHERE run_id = $run', { run }),
  });

  it('(b) in the middle of the file: rejected at its true line with the same reason, counted as read', async () => {
    // Lines: 1 header, 2-7 E01-E06, 8 the short total, 9-14 E07-E12.
    const path = h.file('p.csv', file([PAYROLL_HEADER, ...twelve.slice(0, 6), SHORT_TOTAL, ...twelve.slice(6)]));
    const strict = await h.load({ path, profileId: 'canonical-payroll' });
    // 1 of 13 rows rejected (7.7%): refused whole, as before this change.
    expect(strict).toMatchObject({ status: 'rejected', errorCode: 'TOO_MANY_REJECTS', rowsRead: 13, rowsRejected: 1, trailerRows: 0, fileTotal: '18600.00' });
    expect(strict.rejects).toEqual([{ line: 8, column: null, reason: FEWER }]);
    // The same file with one more row (a file already loaded is a duplicate), 1 of 14 rejected, under a 10% threshold.
    const lenient = await h.load({ path: h.file('p2.csv', readFileSync(path, 'utf8') + pay('E20', '0.00') + '\n'), profileId: 'canonical-payroll' }, { rejectThreshold: 0.1 });
    expect(lenient).toMatchObject({ status: 'loaded', rowsRead: 14, rowsLoaded: 13, rowsRejected: 1, trailerRows: 0, fileTotal: '18600.00', loadedTotal: '18600.00', trailerTotal: null });
    expect(await stored(lenient.runId)).toEqual({ rejects: [{ line: 8, column_name: null, reason: FEWER }], quarantined: [{ n: 0 }] });
  });

  it('(b) just outside the window: maxRows (3) rows after it', async () => {
    // Lines: 2-10 E01-E09, 11 the short total, 12-14 E10-E12: three rows follow it.
    const path = h.file('p.csv', file([PAYROLL_HEADER, ...twelve.slice(0, 9), SHORT_TOTAL, ...twelve.slice(9)]));
    const r = await h.load({ path, profileId: 'canonical-payroll' }, { rejectThreshold: 0.1 });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 13, rowsLoaded: 12, rowsRejected: 1, trailerRows: 0, trailerTotal: null, fileTotal: '18600.00' });
    expect(r.rejects).toEqual([{ line: 11, column: null, reason: FEWER }]);
    expect(shared(await dryRun(path, 'canonical-payroll'))).toEqual(shared(r));
  });

  it('(b) at the end of a file whose profile has no trailer rule', async () => {
    const id = payrollWithoutTrailer();
    const path = h.file('p.csv', file([PAYROLL_HEADER, ...twelve, SHORT_TOTAL]));
    const r = await h.load({ path, profileId: id }, { profiles: h.profiles() });
    expect(r).toMatchObject({ status: 'rejected', errorCode: 'TOO_MANY_REJECTS', rowsRead: 13, rowsRejected: 1, trailerRows: 0, fileTotal: '18600.00' });
    expect(r.rejects).toEqual([{ line: 14, column: null, reason: FEWER }]);
    expect(await stored(r.runId)).toEqual({ rejects: [{ line: 14, column_name: null, reason: FEWER }], quarantined: [{ n: 0 }] });
  });

  it('(c) at the end, not matching the pattern (even a short row that would type clean): rejected at its line, not in the file total', async () => {
    // Line 14: "Subtotal" does not match ^\s*(grand\s+)?totals?\b; line 15: E13 written without its last two cells (11 fields, all it has typable).
    const path = h.file('p.csv', file([PAYROLL_HEADER, ...twelve, 'Subtotal,,,,,,,,,,18600.00', 'E13,Person E13,clinical,L1,2026-01-04,2026-01-17,2026-01-23,80.00,0,0,700.00']));
    const r = await h.load({ path, profileId: 'canonical-payroll' }, { rejectThreshold: 0.2 });
    // Rows read 14, 12 load; neither short row's amount is in the file total (18600.00), as before.
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 14, rowsLoaded: 12, rowsRejected: 2, trailerRows: 0, fileTotal: '18600.00', loadedTotal: '18600.00', trailerTotal: null });
    expect(r.rejects).toEqual([
      { line: 14, column: null, reason: FEWER },
      { line: 15, column: null, reason: FEWER },
    ]);
    expect(await h.rows("SELECT count(*)::INTEGER AS n FROM fact_payroll WHERE employee_id = 'E13'")).toEqual([{ n: 0 }]);
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_quarantine')).toEqual([{ n: 0 }]);
    expect(shared(await dryRun(path, 'canonical-payroll'))).toEqual(shared(r));
  });
});

describe('(d) a short trailer in a file with multi-line quoted cells and CRLF line ends', () => {
  it('gives every other row, reject and the trailer its true line', async () => {
    // A 14th column, `note`, that no canonical field reads (a value of a field never spans lines:
    // test/etl/spanningValue.test.ts). Physical lines (CRLF): 1 header; 2 E01; 3-4 E02, its note
    // spanning two lines; 5 E03 with a bad date; 6-8 E04, its note spanning three lines; 9 a short
    // row (not in the window: rejected); 10-14 E05-E09; 15 E10 with a bad job class; 16 the short
    // "Grand Total" trailer; 17 E11 (valid, after the trailer).
    const noted = (line: string, note = ''): string => `${line},${note}`;
    const lines = [
      `${PAYROLL_HEADER},note`,
      noted(pay('E01', '1000.00')),
      noted(pay('E02', '1100.00', '"Lee, Ana"'), '"call back\r\nMonday"'),
      noted(pay('E03', '1200.00', 'Person E03', '2026-02-30')),
      noted(pay('E04', '1300.00', '"O\'Brien, Siobhán MD"'), '"on leave\r\nfrom March\r\nback in May"'),
      'E99,Short Row,clinical',
      noted(pay('E05', '1400.00')),
      noted(pay('E06', '1500.00')),
      noted(pay('E07', '1600.00')),
      noted(pay('E08', '1700.00')),
      noted(pay('E09', '1800.00')),
      noted(pay('E10', '1900.00').replace(',clinical,', ',janitor,')),
      '  Grand Total,,,,,,,,,,"$15,400.00"',
      noted(pay('E11', '2000.00')),
    ];
    const path = h.file('crlf.csv', file(lines, '\r\n'));
    const r = await h.load({ path, profileId: 'canonical-payroll' }, { rejectThreshold: 0.5 });
    // Rows read 12: the 11 full rows E01-E11 and the short row at line 9 (the trailer apart). Rejected 3:
    // E03, E10 and line 9 (eight rows follow it, past the window of 3). 9 load.
    // Loaded: 1000 + 1100 + 1300 + 1400 + 1500 + 1600 + 1700 + 1800 + 2000 = 13400.00; file total adds 1200 + 1900 = 16500.00.
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 12, rowsLoaded: 9, rowsRejected: 3, trailerRows: 1, fileTotal: '16500.00', loadedTotal: '13400.00', trailerTotal: '15400.00' });
    expect(r.rejects).toEqual([
      { line: 5, column: 'period_start (period_start)', reason: 'not a date in the format %Y-%m-%d' },
      { line: 9, column: null, reason: "record has fewer fields than the header's 14" },
      { line: 15, column: 'job_class (job_class)', reason: 'not one of provider, clinical, front_office, business_ops, ancillary' },
    ]);
    expect(await h.rows("SELECT employee_id, employee_name, source_line::INTEGER AS line FROM fact_payroll WHERE employee_id IN ('E02', 'E04', 'E05') ORDER BY employee_id")).toEqual([
      { employee_id: 'E02', employee_name: 'Lee, Ana', line: 3 },
      { employee_id: 'E04', employee_name: "O'Brien, Siobhán MD", line: 6 },
      { employee_id: 'E05', employee_name: 'Person E05', line: 10 },
    ]);
    // (e) The dry run reports the same.
    expect(shared(await dryRun(path, 'canonical-payroll'))).toEqual(shared(r));
  });
});
