/**
 * Two stray quotes never merge the rows between them. A quote at the start of a field opens a
 * quoted field (CSV's rule); when a later quote on another line happens to close it, the lines
 * between become one record of the header's width. No canonical field's value holds a line end,
 * so such a record is rejected at its first line, naming the column and the lines its value
 * spans, never the value, and the scan reads on from the next line: the swallowed rows load (their
 * patient ids hashed), rows read = loaded + rejected, and neither the warehouse, the log, `etl
 * run` nor `profile check` shows a swallowed line's text. Files are written here; every expected
 * line, count, total and reason is written by hand.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanRecords } from '../../etl/load/records.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { captureLog } from '../helpers/appServer.ts';
import { cliInProcess } from '../helpers/cliInProcess.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { marker, markersIn } from '../helpers/phiFiles.ts';
import { header, row } from '../helpers/rows.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

/** The patient id of the record on line `line`: a PHI marker that may appear nowhere in clear. */
const patient = (line: number): string => marker('PATIENT', line);

/**
 * Canonical billing, 28 data lines (lines 2 to 29): line L is transaction T<L>, patient marker L,
 * amount L.00. Line 5's patient id is `"<marker 5>` (a quote at the start of the field) and line
 * 8's `<marker 8>"`: by CSV rules lines 5 to 8 are one record of 17 fields.
 */
function billingFile(eol = '\n'): string {
  const lines = [header('billing')];
  for (let line = 2; line <= 29; line++) {
    let text = row('billing', { transaction_id: `T${line}`, claim_id: `C${line}`, patient_id: patient(line), amount_usd: `${line}.00` });
    if (line === 5) text = text.replace(`,${patient(5)},`, `,"${patient(5)},`);
    if (line === 8) text = text.replace(`,${patient(8)},`, `,${patient(8)}",`);
    lines.push(text);
  }
  return lines.join(eol) + eol;
}

const BILLING_REASON = 'record has a value that spans lines 5 to 8: a quote opened in this field is closed only on line 8 (a stray quote?)';

const outcome = (r: LoadReport) => ({
  status: r.status,
  rowsRead: r.rowsRead,
  rowsLoaded: r.rowsLoaded,
  rowsRejected: r.rowsRejected,
  fileTotal: r.fileTotal,
  loadedTotal: r.loadedTotal,
  rejects: r.rejects,
});

/** Every stored table a load writes to, as text, for looking for a marker. */
async function warehouseText(): Promise<string> {
  const tables = ['fact_billing_txn', 'fact_appointment', 'fact_payroll', 'etl_reject', 'etl_run', 'etl_warning', 'etl_file'];
  const parts = await Promise.all(tables.map(async (t) => JSON.stringify(await h.rows(`SELECT * FROM ${t}`))));
  return parts.join('\n');
}

describe('a value spanning lines in a canonical field (two stray quotes)', () => {
  it('rejects the billing record at line 5, naming patient_id and lines 5 to 8; lines 6, 7 and 8 load; counts and totals add up', async () => {
    const log = captureLog('debug');
    const r = await h.load({ path: h.file('billing.csv', billingFile()), source: 'billing' }, { logger: log.logger });
    // By hand: 28 records; line 5 rejected; lines 2-4 and 6-29 load. Amounts 2.00 + ... + 29.00 = 434.00, less 5.00.
    expect(outcome(r)).toEqual({
      status: 'loaded',
      rowsRead: 28,
      rowsLoaded: 27,
      rowsRejected: 1,
      fileTotal: '429.00',
      loadedTotal: '429.00',
      rejects: [{ line: 5, column: 'patient_id (patient_id)', reason: BILLING_REASON }],
    });
    expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
    const facts = await h.rows('SELECT transaction_id, source_line::INTEGER AS line, amount_usd::VARCHAR AS amount FROM fact_billing_txn ORDER BY source_line');
    expect(facts.map((f) => f.line)).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(facts.slice(2, 6)).toEqual([
      { transaction_id: 'T4', line: 4, amount: '4.00' },
      { transaction_id: 'T6', line: 6, amount: '6.00' },
      { transaction_id: 'T7', line: 7, amount: '7.00' },
      { transaction_id: 'T8', line: 8, amount: '8.00' },
    ]);
    // Lines 6 and 7 (swallowed before) load with their own patients, hashed: 27 distinct keys, no raw id.
    expect(await h.rows('SELECT count(DISTINCT patient_key)::INTEGER AS n FROM fact_billing_txn')).toEqual([{ n: 27 }]);
    expect(await h.rows('SELECT line_n::INTEGER AS line, column_name, reason FROM etl_reject WHERE run_id = $r', { r: r.runId })).toEqual([
      { line: 5, column_name: 'patient_id (patient_id)', reason: BILLING_REASON },
    ]);
    // A record the scan rejects keeps no raw text, not even in the quarantine.
    expect(await h.rows('SELECT count(*)::INTEGER AS n FROM etl_quarantine')).toEqual([{ n: 0 }]);
    expect(markersIn(await warehouseText())).toEqual([]);
    expect(markersIn(log.text())).toEqual([]);
    expect(log.text()).toContain('load finished');
  });

  it('stores the same through the copy as by default, for LF, CRLF and lone-CR line ends, and never reads such a file in place', async () => {
    const req = { headerLine: 1, columnCount: 17, dialect: { delimiter: ',', quote: '"', escape: '"' }, encoding: 'utf-8' as const, directIfCanonical: true };
    const all = Array.from({ length: 17 }, (_, i) => i);
    for (const [name, eol] of [['lf', '\n'], ['crlf', '\r\n'], ['cr', '\r']] as const) {
      const path = h.file(`${name}.csv`, billingFile(eol));
      const scan = await scanRecords({ ...req, path, outPath: join(h.dir, 'tmp', `${name}.copy`), singleLineColumns: all, readBytes: 64 });
      expect(scan, name).toMatchObject({ direct: false, records: 27, lineCount: 29 });
      // patient_id is column 3 (0-based).
      expect(scan.rejects, name).toEqual([{ line: 5, column: 3, reason: 'has a value that spans lines 5 to 8: a quote opened in this field is closed only on line 8 (a stray quote?)' }]);
      // Without the columns named (as before), the quote joins lines 5 to 8 into one record handed on.
      const old = await scanRecords({ ...req, path, outPath: join(h.dir, 'tmp', `${name}.old`) });
      expect(old, name).toMatchObject({ records: 25, rejects: [] });
    }
    const a = await h.load({ path: h.file('inplace/b.csv', billingFile()), source: 'billing' });
    const copy = await openHarness();
    try {
      const b = await copy.load({ path: copy.file('copy/b.csv', billingFile()), source: 'billing' }, { readInPlace: false });
      expect(outcome(b)).toEqual(outcome(a));
      const crlf = await copy.load({ path: copy.file('copy/crlf.csv', billingFile('\r\n')), source: 'billing' });
      expect(outcome(crlf)).toMatchObject({ rowsRead: 28, rowsLoaded: 27, rowsRejected: 1, rejects: [{ line: 5, column: 'patient_id (patient_id)', reason: BILLING_REASON }] });
    } finally {
      copy.close();
    }
  });

  it('still reads a quoted value over lines in a column no canonical field reads', async () => {
    // A vendor's free-text note the profile does not map: its line ends are data, as before.
    const path = h.file('note.csv', `${header('billing')},note\n${row('billing', { transaction_id: 'T2' })},"call back\nMonday"\n${row('billing', { transaction_id: 'T4' })},ok\n`);
    const scan = await scanRecords({ path, outPath: join(h.dir, 'tmp', 'note.copy'), headerLine: 1, columnCount: 18, dialect: { delimiter: ',', quote: '"', escape: '"' }, encoding: 'utf-8', singleLineColumns: Array.from({ length: 17 }, (_, i) => i) });
    expect(scan).toMatchObject({ records: 2, rejects: [], breakpoints: [[1, 1], [2, 2]] });
  });

  it('keeps the swallowed appointments text out of the facts, the log, `etl run` and `profile check`', { timeout: 300_000 }, async () => {
    // Twenty data lines (2 to 21: one reject is 5%, the default threshold, so the file loads):
    // line 5's appt_type is `"new patient`, line 8's `brace 12"`.
    const lines = [header('appointments')];
    for (let line = 2; line <= 21; line++) {
      let text = row('appointments', { appointment_id: `A${line}`, patient_id: patient(line), appt_type: 'established' });
      if (line === 5) text = text.replace(',established,', ',"new patient,');
      if (line === 8) text = text.replace(',established,', ',brace 12",');
      lines.push(text);
    }
    const text = lines.join('\n') + '\n';
    const reason = 'record has a value that spans lines 5 to 8: a quote opened in this field is closed only on line 8 (a stray quote?)';
    const log = captureLog('debug');
    const r = await h.load({ path: h.file('appts.csv', text), source: 'appointments' }, { logger: log.logger });
    expect(outcome(r)).toEqual({ status: 'loaded', rowsRead: 20, rowsLoaded: 19, rowsRejected: 1, fileTotal: null, loadedTotal: null, rejects: [{ line: 5, column: 'appt_type (appt_type)', reason }] });
    const facts = await h.rows('SELECT appointment_id, source_line::INTEGER AS line, appt_type FROM fact_appointment ORDER BY source_line');
    expect(facts.map((f) => f.line)).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(facts.slice(2, 7)).toEqual([
      { appointment_id: 'A4', line: 4, appt_type: 'established' },
      { appointment_id: 'A6', line: 6, appt_type: 'established' },
      { appointment_id: 'A7', line: 7, appt_type: 'established' },
      { appointment_id: 'A8', line: 8, appt_type: 'brace 12"' },
      { appointment_id: 'A9', line: 9, appt_type: 'established' },
    ]);
    expect(await h.rows('SELECT DISTINCT appt_type FROM fact_appointment ORDER BY 1')).toEqual([{ appt_type: 'brace 12"' }, { appt_type: 'established' }]);
    expect(await h.rows("SELECT count(*)::INTEGER AS n FROM fact_appointment WHERE appt_type LIKE '%' || chr(10) || '%'")).toEqual([{ n: 0 }]);
    expect(markersIn(await warehouseText())).toEqual([]);
    expect(markersIn(log.text())).toEqual([]);

    // The command line: profile check (in process) and etl run (the real binary, its log at debug).
    const path = h.file('cli/appts.csv', text);
    const env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(h.dir, 'data'), PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'debug', TZ: 'UTC' };
    const check = await cliInProcess(env, ['profile', 'check', '--source', 'appointments', path, '--rows', '10']);
    // Lines 2 to 12 are the ten rows shown: line 5, rejected by the scan, is not one of them.
    expect(check.out).toContain('line 12');
    expect(check.code).toBe(0);
    expect(check.out).toContain('Rows read 20, would load 19, would reject 1; trailer rows 0.');
    expect(check.out).toMatch(/│ 5 +│ appt_type +│ has a value that spans lines 5 to 8: a quote opened in this field is closed only on line 8 \(a stray quote\?\) │/);
    expect(check.out).not.toContain('new patient');
    expect(markersIn(check.out + check.err)).toEqual([]);
    const run = await promisify(execFile)(process.execPath, ['bin/practiceboard.mjs', 'etl', 'run', '--source', 'appointments', '--no-progress', path], { env, timeout: 240_000 }).then(
      (x) => ({ code: 0, text: x.stdout + x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, text: e.stdout + e.stderr }),
    );
    expect(run.code).toBe(0);
    // Its table: status loaded, read 20, loaded 19, rejected 1 (the reject's line and reason are in `etl rejects`).
    expect(run.text).toMatch(/│ loaded │ +20 │ +19 │ +1 │/);
    expect(run.text).not.toContain('new patient');
    expect(markersIn(run.text)).toEqual([]);
  });

  it('rejects a payroll record whose employee name spans lines, and loads the lines after it', async () => {
    const lines = [header('payroll')];
    for (let line = 2; line <= 6; line++) lines.push(row('payroll', { employee_id: `E${line}`, gross_pay_usd: `${line}000.00` }));
    // Line 3's name opens a quote that line 4's name closes.
    lines[2] = lines[2]!.replace(',Test Person,', ',"Test Person,');
    lines[3] = lines[3]!.replace(',Test Person,', ',Test Person",');
    const r = await h.load({ path: h.file('payroll.csv', lines.join('\n') + '\n'), source: 'payroll' }, { rejectThreshold: 1 });
    // By hand: 5 records; line 3 rejected; 2000 + 4000 + 5000 + 6000 = 17000.00 (1 of 5 rejected: a lenient threshold).
    expect(outcome(r)).toEqual({
      status: 'loaded',
      rowsRead: 5,
      rowsLoaded: 4,
      rowsRejected: 1,
      fileTotal: '17000.00',
      loadedTotal: '17000.00',
      rejects: [{ line: 3, column: 'employee_name (employee_name)', reason: 'record has a value that spans lines 3 to 4: a quote opened in this field is closed only on line 4 (a stray quote?)' }],
    });
    expect(await h.rows('SELECT employee_id, employee_name, source_line::INTEGER AS line FROM fact_payroll ORDER BY source_line')).toEqual([
      { employee_id: 'E2', employee_name: 'Test Person', line: 2 },
      { employee_id: 'E4', employee_name: 'Test Person"', line: 4 },
      { employee_id: 'E5', employee_name: 'Test Person', line: 5 },
      { employee_id: 'E6', employee_name: 'Test Person', line: 6 },
    ]);
  });
});
