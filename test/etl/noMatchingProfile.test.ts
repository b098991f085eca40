/**
 * A file no profile reads (NO_MATCHING_PROFILE) is refused saying why, when the product can
 * tell: a header found under another delimiter (its line, the profile, both delimiters, the
 * profile fix, and the decimal comma when the next records show one), or a file that is not a
 * CSV at all (ZIP/.xlsx, .xls, PDF, HTML, XML). The load, `profile check` and the command line
 * say the same, and never echo a cell: the first lines carry PHI markers that must appear
 * nowhere.
 * A profile written as the hint says loads the refused file, amounts exact. Expected messages
 * and amounts are written by hand here.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProfileOnFile } from '../../etl/load/profileCheck.ts';
import type { LoadReport } from '../../etl/load/report.ts';
import { SHIPPED_PROFILES_DIR } from '../../etl/profiles/registry.ts';
import { cliInProcess } from '../helpers/cliInProcess.ts';
import { openHarness, TEST_TIMEZONE, type Harness } from '../helpers/etlHarness.ts';
import { marker, markersIn } from '../helpers/phiFiles.ts';
import { header, row } from '../helpers/rows.ts';

const BILLING = 'no header line matching a profile of source "billing" (acme-pm-billing, canonical-billing, synthea-billing) was found in the first lines';
const ANY = 'no profile of any source finds its required columns in the first lines';
const COLUMNS = [...header('billing').split(','), 'patient_name'];
const AMOUNT = COLUMNS.indexOf('amount_usd');

/** A billing record's cells: patient id and name are markers of patient `n`, the amount as given. */
function cells(n: number, amount: string): string[] {
  const c = row('billing', { transaction_id: `T${n}`, patient_id: marker('PATIENT', n) }).split(',');
  c[AMOUNT] = amount;
  return [...c, marker('NAME', n)];
}

/** Lines above the header (each may hold a marker), the header, then one record per amount. */
function delimited(delimiter: string, amounts: readonly string[], above: readonly string[] = []): string {
  return [...above, COLUMNS.join(delimiter), ...amounts.map((a, i) => cells(i + 1, a).join(delimiter))].join('\n') + '\n';
}

const HOW = "and try it with `practiceboard profile check` (docs/profiles.md)";

let h: Harness;
let logged: string[];
const logger = {
  info: (o: object, m?: string) => void logged.push(JSON.stringify(o), m ?? ''),
  warn: (o: object, m?: string) => void logged.push(JSON.stringify(o), m ?? ''),
  error: (o: object, m?: string) => void logged.push(JSON.stringify(o), m ?? ''),
};
beforeEach(async () => {
  h = await openHarness();
  logged = [];
});
afterEach(() => h.close());

/** The run record as text, every column. */
async function runRecord(r: LoadReport): Promise<string> {
  const rows = await h.rows('SELECT CAST(r AS VARCHAR) AS t FROM etl_run r WHERE run_id = $id', { id: r.runId });
  expect(rows).toHaveLength(1);
  return String(rows[0]!.t);
}

/** Load `path` for billing; it must be refused with `message`, which and whose record and log hold no marker. */
async function expectRefused(path: string, message: string, req: { profileId?: string } = {}): Promise<void> {
  const r = await h.load({ path, source: 'billing', ...req }, { logger });
  expect(r).toMatchObject({ status: 'rejected', errorCode: 'NO_MATCHING_PROFILE', rowsRead: 0, rowsLoaded: 0 });
  expect(r.message).toBe(message);
  const record = await runRecord(r);
  expect(record).toContain('NO_MATCHING_PROFILE');
  expect(markersIn(`${record}\n${logged.join('\n')}`)).toEqual([]);
}

/** A copy of a shipped profile with `changes` applied, as the hint tells a manager to write it. */
function profileCopy(id: string, from: string, dialect: object, number?: object): void {
  const p = JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, `${from}.json`), 'utf8'));
  const copy = { ...p, id, dialect: { ...p.dialect, ...dialect }, formats: { ...p.formats, number: { ...p.formats.number, ...number } } };
  h.file(`profiles/${id}.json`, JSON.stringify(copy));
}

describe('a header under another delimiter', () => {
  // Line 1 is a title holding a marker; line 2 the header; lines 3 to 8 six records.
  const semicolons = () => delimited(';', ['176,16', '20,00', '1234,50', '-0,05', '(45,00)', '99,99'], [`Ledger;${marker('NAME', 99)}`]);
  const semiHint =
    'Line 2 is the header of profile canonical-billing when split at semicolons: the file seems to use ";" between fields, where canonical-billing expects ",". ' +
    "Export the file comma-separated, or save a copy of canonical-billing under a new id in the data folder's profiles/ folder with " +
    '"dialect": { "delimiter": ";" } and "formats": { "number": { "decimal": ",", "thousands": "" } } ' +
    '(the next 5 records, lines 3 to 7, write amount_usd with a decimal comma; use "thousands": "." if the export writes 1.234,56), ' +
    HOW;

  it('semicolons and decimal commas: names the line, the profile, both delimiters and the fix, through the load and profile check', async () => {
    const path = h.file('semi.csv', semicolons());
    await expectRefused(path, `semi.csv: ${BILLING}. ${semiHint}`);
    await expect(checkProfileOnFile(h.profiles(), path, { timezone: TEST_TIMEZONE, fileName: 'semi.csv', source: 'billing' })).rejects.toThrow(`semi.csv: ${BILLING}. ${semiHint}`);
    await expect(checkProfileOnFile(h.profiles(), path, { timezone: TEST_TIMEZONE, fileName: 'semi.csv' })).rejects.toThrow(`semi.csv: ${ANY}. ${semiHint}`);
  });

  it('the profile the hint describes loads the refused file, its amounts exact', async () => {
    const path = h.file('semi.csv', semicolons());
    profileCopy('eu-billing', 'canonical-billing', { delimiter: ';' }, { decimal: ',', thousands: '' });
    const r = await h.load({ path, source: 'billing' }, { profiles: h.profiles() });
    // 176.16 + 20.00 + 1234.50 - 0.05 - 45.00 + 99.99 = 1485.60
    expect(r).toMatchObject({ status: 'loaded', profileId: 'eu-billing', rowsRead: 6, rowsLoaded: 6, rowsRejected: 0, fileTotal: '1485.60', loadedTotal: '1485.60' });
    expect(await h.rows('SELECT source_line::INTEGER AS line, amount_usd::VARCHAR AS a FROM fact_billing_txn ORDER BY 1')).toEqual([
      { line: 3, a: '176.16' },
      { line: 4, a: '20.00' },
      { line: 5, a: '1234.50' },
      { line: 6, a: '-0.05' },
      { line: 7, a: '-45.00' },
      { line: 8, a: '99.99' },
    ]);
  });

  it('the hint half applied (decimal "," with the default thousands ",") is refused, not read as 100 times the amounts', async () => {
    profileCopy('half-billing', 'canonical-billing', { delimiter: ';' }, { decimal: ',' });
    expect(() => h.profiles()).toThrow('formats.number.thousands: "," is also the decimal mark; with decimal "," use ".", " " or ""');
  });

  it('pipes with thousands written 1.234,56: the hint says "." and a profile written so loads them exact', async () => {
    const path = h.file('pipe.csv', '\n' + delimited('|', ['1.234,56', '10,00', '0,50']));
    await expectRefused(
      path,
      `pipe.csv: ${BILLING}. Line 2 is the header of profile canonical-billing when split at pipes: the file seems to use "|" between fields, where canonical-billing expects ",". ` +
        "Export the file comma-separated, or save a copy of canonical-billing under a new id in the data folder's profiles/ folder with " +
        '"dialect": { "delimiter": "|" } and "formats": { "number": { "decimal": ",", "thousands": "." } } ' +
        `(the next 3 records, lines 3 to 5, write amount_usd with a decimal comma and "." between thousands), ${HOW}`,
    );
    profileCopy('pipe-billing', 'canonical-billing', { delimiter: '|' }, { decimal: ',', thousands: '.' });
    const r = await h.load({ path, source: 'billing' }, { profiles: h.profiles() });
    expect(r).toMatchObject({ status: 'loaded', rowsLoaded: 3, loadedTotal: '1245.06' });
  });

  it('tabs with decimal points: the delimiter fix alone', async () => {
    const path = h.file('tab.csv', delimited('\t', ['10.00', '2.50']));
    await expectRefused(
      path,
      `tab.csv: ${BILLING}. Line 1 is the header of profile canonical-billing when split at tabs: the file seems to use "\\t" between fields, where canonical-billing expects ",". ` +
        `Export the file comma-separated, or save a copy of canonical-billing under a new id in the data folder's profiles/ folder with "dialect": { "delimiter": "\\t" }, ${HOW}`,
    );
  });

  it('counts only the records that show a decimal comma, and says nothing of it when one shows a decimal point', async () => {
    const start = `${BILLING}. Line 1 is the header of profile canonical-billing when split at semicolons: the file seems to use ";" between fields, where canonical-billing expects ",". ` +
      "Export the file comma-separated, or save a copy of canonical-billing under a new id in the data folder's profiles/ folder with \"dialect\": { \"delimiter\": \";\" }";
    await expectRefused(
      h.file('some.csv', delimited(';', ['10,00', '5', '7,50'])),
      `some.csv: ${start} and "formats": { "number": { "decimal": ",", "thousands": "" } } (2 of the next 3 records, lines 2 to 4, write amount_usd with a decimal comma; use "thousands": "." if the export writes 1.234,56), ${HOW}`,
    );
    await expectRefused(h.file('mixed.csv', delimited(';', ['10,00', '1.50'])), `mixed.csv: ${start}, ${HOW}`);
  });

  it('a comma file named to a semicolon profile is told the other way round', async () => {
    profileCopy('semi-billing', 'canonical-billing', { delimiter: ';' });
    const path = h.file('commas.csv', delimited(',', ['10.00']));
    // The harness's registry predates the profile: the load is given a fresh one.
    const r = await h.load({ path, profileId: 'semi-billing' }, { logger, profiles: h.profiles() });
    expect(r).toMatchObject({ status: 'rejected', errorCode: 'NO_MATCHING_PROFILE' });
    expect(r.message).toBe(
      'commas.csv: no header line matching a profile of source "billing" (semi-billing) was found in the first lines. ' +
        'Line 1 is the header of profile semi-billing when split at commas: the file seems to use "," between fields, where semi-billing expects ";". ' +
        `Export the file semicolon-separated, or save a copy of semi-billing under a new id in the data folder's profiles/ folder with "dialect": { "delimiter": "," }, ${HOW}`,
    );
  });

  it('a UTF-16 file is read as UTF-8 before the search, so its hint is the delimiter one; profile check reads UTF-16 as the load does', async () => {
    const semi = h.file('semi16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(semicolons(), 'utf16le')]));
    await expectRefused(semi, `semi16.csv: ${BILLING}. ${semiHint}`);
    await expect(checkProfileOnFile(h.profiles(), semi, { timezone: TEST_TIMEZONE, fileName: 'semi16.csv', source: 'billing' })).rejects.toThrow(`semi16.csv: ${BILLING}. ${semiHint}`);
    const commas = h.file('commas16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(delimited(',', ['10.00', '2.50']), 'utf16le')]));
    const c = await checkProfileOnFile(h.profiles(), commas, { timezone: TEST_TIMEZONE, fileName: 'commas16.csv' });
    expect(c).toMatchObject({ profileId: 'canonical-billing', headerLine: 1, rowsRead: 2, rowsRejected: 0, loadedTotal: '12.50' });
    expect(await h.load({ path: commas, source: 'billing' })).toMatchObject({ status: 'loaded', rowsLoaded: 2, loadedTotal: '12.50' });
  });
});

describe('a file that is not a CSV', () => {
  const name = marker('NAME', 7);
  const cases: [string, Buffer, string][] = [
    ['book.xlsx.csv', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from(`xl/worksheets/sheet1.xml ${name}`)]), 'a ZIP archive, as an Excel workbook (.xlsx) is'],
    ['book.xls.csv', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from(`Workbook ${name}`)]), 'an Office 97-2003 file, as an Excel .xls workbook is'],
    ['report.pdf.csv', Buffer.from(`%PDF-1.7\n1 0 obj << /Title (${name}) >>\n`), 'a PDF document'],
    ['page.csv', Buffer.from(`\uFEFF \n<!DOCTYPE html><html><body><table><tr><td>${name}</td></tr></table></body></html>\n`), 'an HTML page (some systems save a web page under an Excel or CSV name)'],
    ['sheet.xml.csv', Buffer.from(`<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook><Cell>${name}</Cell></Workbook>\n`), 'an Excel 2003 XML spreadsheet'],
    ['data.xml.csv', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<rows><row>${name}</row></rows>\n`), 'an XML document'],
    ['PAGE2.csv', Buffer.from(`<HTML><BODY><PRE>${COLUMNS.join(';')}</PRE></BODY></HTML>\n`), 'an HTML page (some systems save a web page under an Excel or CSV name)'],
  ];
  it.each(cases)('%s: names what it is and says to export CSV, through the load and profile check', async (file, bytes, kind) => {
    const path = h.file(file, bytes);
    const hint = `The file is not a CSV: it is ${kind}. Export the data as CSV (UTF-8, comma-separated) and load that file`;
    await expectRefused(path, `${file}: ${BILLING}. ${hint}`);
    await expect(checkProfileOnFile(h.profiles(), path, { timezone: TEST_TIMEZONE, fileName: file, source: 'billing' })).rejects.toThrow(`${file}: ${BILLING}. ${hint}`);
    await expect(checkProfileOnFile(h.profiles(), path, { timezone: TEST_TIMEZONE, fileName: file })).rejects.toThrow(`${file}: ${ANY}. ${hint}`);
  });
});

describe('what stays as it was', () => {
  it('a file nothing explains keeps the plain message; a partial header keeps MISSING_COLUMNS', async () => {
    await expectRefused(h.file('plain.csv', `${marker('NAME', 1)},a,b\n1,2,3\n`), `plain.csv: ${BILLING}`);
    await expect(checkProfileOnFile(h.profiles(), h.file('plain2.csv', 'a,b\n1,2\n'), { timezone: TEST_TIMEZONE, fileName: 'plain2.csv' })).rejects.toThrow(`plain2.csv: ${ANY}; name one with --profile or --source`);
    const noPost = COLUMNS.filter((c) => c !== 'post_date').join(';');
    const r = await h.load({ path: h.file('partial.csv', `${COLUMNS.filter((c) => c !== 'post_date').join(',')}\n`), source: 'billing' });
    expect(r).toMatchObject({ errorCode: 'MISSING_COLUMNS', message: 'partial.csv, line 1: the header (line 1) lacks the columns for required field(s) post_date of profile canonical-billing' });
    // Split at ";" this header lacks post_date too: no profile's header, so no delimiter hint.
    await expectRefused(h.file('partialsemi.csv', `${noPost}\n`), `partialsemi.csv: ${BILLING}`);
  });

  it('a comma file loads as before, amounts exact', async () => {
    const r = await h.load({ path: h.file('ok.csv', delimited(',', ['176.16', '"1,234.50"', '(45.00)'])), source: 'billing' });
    expect(r).toMatchObject({ status: 'loaded', profileId: 'canonical-billing', rowsRead: 3, rowsLoaded: 3, loadedTotal: '1365.66' });
    expect(await h.rows('SELECT amount_usd::VARCHAR AS a FROM fact_billing_txn ORDER BY source_line')).toEqual([{ a: '176.16' }, { a: '1234.50' }, { a: '-45.00' }]);
  });
});

describe('the command line', () => {
  it('etl run and profile check print the hint and no marker', { timeout: 300_000 }, async () => {
    const path = h.file('cli/semi.csv', delimited(';', ['176,16', '20,00'], [`Ledger;${marker('NAME', 99)}`]));
    const env = { ...process.env, PRACTICEBOARD_DATA_DIR: join(h.dir, 'data'), PRACTICEBOARD_DEMO: 'off', PRACTICEBOARD_LOG_LEVEL: 'debug', TZ: 'UTC' };
    const hint = 'Line 2 is the header of profile canonical-billing when split at semicolons';
    // The real binary once: its output and its log (stdout and stderr) at the most verbose level.
    const run = await promisify(execFile)(process.execPath, ['bin/practiceboard.mjs', 'etl', 'run', '--source', 'billing', '--no-progress', path], { env, timeout: 240_000 }).then(
      (r) => ({ code: 0, text: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, text: e.stdout + e.stderr }),
    );
    expect(run.code).toBe(1);
    expect(run.text).toContain(`billing/semi.csv: NO_MATCHING_PROFILE ${BILLING}. ${hint}`);
    expect(markersIn(run.text)).toEqual([]);
    const check = await cliInProcess(env, ['profile', 'check', '--source', 'billing', path]);
    expect(check.code).not.toBe(0);
    expect(check.out + check.err).toContain(`semi.csv: ${BILLING}. ${hint}`);
    expect(markersIn(check.out + check.err)).toEqual([]);
  });
});
