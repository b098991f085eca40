/**
 * The vendor-flavoured exports of the demo practice and their profiles: the Acme billing
 * export really has a BOM, CRLF line endings, report titles, vendor codes, currency text,
 * a memo with commas, quotes and a line break, fake PHI columns, a trailing comma and a Total
 * row; the Acme payroll register really is Windows-1252. Through their profiles both map back
 * to the canonical rows, and the ETL loads them with no reject and a matching trailer total.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoSummary } from '../../demo/generate.ts';
import { ACME_BILLING_HEADER } from '../../demo/vendor-billing.ts';
import { ACME_PAYROLL_HEADER } from '../../demo/vendor-payroll.ts';
import { SHIPPED_PROFILES_DIR, parseProfile } from '../../etl/profiles/registry.ts';
import type { Profile } from '../../etl/profiles/schema.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { cents, readCsv, type Row } from './csvFiles.ts';

let h: Harness;
let demo: DemoSummary;
const profile = (id: string): Profile => parseProfile(readFileSync(join(SHIPPED_PROFILES_DIR, `${id}.json`), 'utf8'), id);

beforeAll(async () => {
  h = await openHarness();
  demo = await generateDemo({ outDir: join(h.dir, 'demo'), seed: 42, endMonth: '2026-10', months: 2 });
});
afterAll(() => h.close());

const records = (text: string): string[][] => {
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data.filter((r) => !(r.length === 1 && r[0] === ''));
};
/** '$1,234.56' -> 123456, '($45.00)' -> -4500 */
const currencyCents = (v: string): number => {
  const neg = v.startsWith('(');
  const c = Number(v.replace(/[()$,.]/g, ''));
  return neg ? -c : c;
};
const usToIso = (v: string): string => `${v.slice(6)}-${v.slice(0, 2)}-${v.slice(3, 5)}`;
const CURRENCY = /^\(?\$\d{1,3}(,\d{3})*\.\d{2}\)?$/;

/** A vendor record as the profile maps it to canonical text: columns by name, value maps, US dates, currency. */
function canonicalOf(p: Profile, header: readonly string[], rec: readonly string[], dates: readonly string[], money: readonly string[]): Row {
  const out: Record<string, string> = {};
  for (const [field, mapping] of Object.entries(p.columns)) {
    const raw = rec[header.indexOf(mapping as string)] ?? '';
    let v = p.valueMaps[field]?.[raw] ?? raw;
    if (dates.includes(field)) v = usToIso(v);
    if (money.includes(field)) v = String(currencyCents(v));
    out[field] = v;
  }
  return out;
}

describe('Acme billing export', () => {
  let bytes: Buffer;
  let recs: string[][];
  beforeAll(() => {
    bytes = readFileSync(demo.vendor.billing.path);
    recs = records(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  });

  it('starts with a UTF-8 BOM and ends every record with CRLF (bare LF only inside memos)', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const bareLf = text.split('\n').length - text.split('\r\n').length;
    const memo = ACME_BILLING_HEADER.indexOf('Memo');
    const memoBreaks = recs.filter((r) => (r[memo] ?? '').includes('\n')).length;
    expect(memoBreaks).toBeGreaterThan(0);
    expect(bareLf).toBe(memoBreaks);
  });

  it('has two title lines, the vendor header with a trailing empty column, and a Total row', () => {
    expect(recs[0]).toHaveLength(1);
    expect(recs[1]).toHaveLength(1);
    expect(recs[2]).toEqual([...ACME_BILLING_HEADER]);
    expect(recs[2]!.at(-1)).toBe('');
    const data = recs.slice(3, -1);
    expect(data).toHaveLength(demo.vendor.billing.rows);
    expect(data.every((r) => r.length === ACME_BILLING_HEADER.length && r.at(-1) === '')).toBe(true);
    const total = recs.at(-1)!;
    expect(total[0]).toBe('Total');
    const amount = ACME_BILLING_HEADER.indexOf('Amount');
    const sum = data.reduce((s, r) => s + currencyCents(r[amount]!), 0);
    expect(currencyCents(total[amount]!)).toBe(sum);
    expect(BigInt(sum)).toBe(demo.vendor.billing.amountTotalCents);
  });

  it('writes US dates, currency text with parentheses for negatives, vendor codes, quoted memos and fake PHI', () => {
    const col = (name: string): number => ACME_BILLING_HEADER.indexOf(name as (typeof ACME_BILLING_HEADER)[number]);
    const data = recs.slice(3, -1);
    expect(data.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r[col('DOS')]!) && /^\d{2}\/\d{2}\/\d{4}$/.test(r[col('Posted')]!))).toBe(true);
    expect(data.every((r) => CURRENCY.test(r[col('Amount')]!))).toBe(true);
    expect(data.some((r) => r[col('Amount')]!.startsWith('('))).toBe(true);
    expect(recs.at(-1)![col('Amount')]).toMatch(/^\$\d{1,3}(,\d{3})+\.\d{2}$/); // the Total passes $1,000
    expect(new Set(data.map((r) => r[col('Type')]))).toEqual(new Set(['CHG', 'PMT', 'ADJ', 'REF', 'TRF']));
    const memos = data.map((r) => r[col('Memo')]!);
    expect(memos.some((m) => m.includes(','))).toBe(true);
    expect(memos.some((m) => m.includes('"'))).toBe(true);
    expect(data.every((r) => /^TEST, PATIENT \d{4}$/.test(r[col('Patient Name')]!) && r[col('DOB')] === '01/01/1900' && r[col('SSN')] === '000-00-0000')).toBe(true);
  });

  it('maps back, through its profile, to the canonical rows with the same transaction ids', () => {
    const p = profile('acme-pm-billing');
    const canonical = new Map(readCsv(demo.files.billing.path).rows.map((r) => [r.transaction_id!, r]));
    const header = recs[2]!;
    const data = recs.slice(3, -1);
    let mismatches = 0;
    for (const rec of data) {
      const v = canonicalOf(p, header, rec, ['service_date', 'post_date'], ['amount_usd']);
      const c = canonical.get(v.transaction_id!);
      const expected: Row | undefined = c && { ...c, amount_usd: String(cents(c.amount_usd!)) };
      if (!expected || Object.keys(v).some((k) => v[k] !== expected[k])) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('Acme payroll register', () => {
  let bytes: Buffer;
  let recs: string[][];
  beforeAll(() => {
    bytes = readFileSync(demo.vendor.payroll.path);
    recs = records(iconv.decode(bytes, 'win1252'));
  });

  it('is Windows-1252: é and ’ are the single bytes 0xE9 and 0x92, invalid as UTF-8 and wrong as Latin-1', () => {
    expect(bytes.includes(0xe9)).toBe(true);
    expect(bytes.includes(0x92)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(iconv.decode(bytes, 'latin1')).not.toContain('’');
    const names = recs.slice(2, -1).map((r) => r[1]!);
    expect(names.some((n) => n.includes('é'))).toBe(true);
    expect(names.some((n) => n.includes('’'))).toBe(true);
  });

  it('has a title line, the vendor header, dollar amounts, US dates, CRLF and a Grand Total row', () => {
    expect(bytes.toString('latin1').split('\n').length).toBe(bytes.toString('latin1').split('\r\n').length);
    expect(recs[0]).toHaveLength(1);
    expect(recs[1]).toEqual([...ACME_PAYROLL_HEADER]);
    const data = recs.slice(2, -1);
    expect(data).toHaveLength(demo.vendor.payroll.rows);
    const gross = ACME_PAYROLL_HEADER.indexOf('Gross Pay');
    const end = ACME_PAYROLL_HEADER.indexOf('Period End');
    expect(data.every((r) => CURRENCY.test(r[gross]!) && /^\d{2}\/\d{2}\/\d{4}$/.test(r[end]!))).toBe(true);
    expect(recs.at(-1)![0]).toBe('Grand Total');
    expect(currencyCents(recs.at(-1)![gross]!)).toBe(data.reduce((s, r) => s + currencyCents(r[gross]!), 0));
  });

  it('maps back, through its profile, to the canonical payroll rows', () => {
    const p = profile('acme-payroll');
    const canonical = new Map(readCsv(demo.files.payroll.path).rows.map((r) => [`${r.employee_id}|${r.period_start}`, r]));
    const toCents = (r: Row): Row => ({
      ...r,
      ...Object.fromEntries(['gross_pay_usd', 'employer_tax_usd', 'benefits_usd'].map((k) => [k, String(cents(r[k]!))])),
    });
    let mismatches = 0;
    for (const rec of recs.slice(2, -1)) {
      const v = canonicalOf(p, recs[1]!, rec, ['period_start', 'period_end', 'check_date'], ['gross_pay_usd', 'employer_tax_usd', 'benefits_usd']);
      const c = canonical.get(`${v.employee_id}|${v.period_start}`);
      if (!c || Object.entries(toCents(c)).some(([k, x]) => v[k] !== x)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('Acme profiles', () => {
  it('pass parseProfile, find their header automatically and name the PHI columns never to store', () => {
    const billing = profile('acme-pm-billing');
    const payroll = profile('acme-payroll');
    expect(billing.dialect.skipRows).toBe('auto');
    expect(payroll.dialect.encoding).toBe('windows-1252');
    expect(billing.formats.date).toEqual(['%m/%d/%Y']);
    for (const col of Object.values(billing.columns)) expect(ACME_BILLING_HEADER).toContain(col);
    for (const col of Object.values(payroll.columns)) expect(ACME_PAYROLL_HEADER).toContain(col);
    expect(billing.neverStore).toEqual(expect.arrayContaining(['Patient Name', 'DOB', 'SSN']));
    const trailer = (p: Profile): RegExp => new RegExp(p.dialect.trailer!.pattern, 'i');
    expect(trailer(billing).test('Total')).toBe(true);
    expect(trailer(payroll).test('Grand Total')).toBe(true);
    expect(trailer(billing).test('T0000000001')).toBe(false);
  });

  it('load the vendor files through the ETL with no reject, the Total row as trailer, totals agreeing', async () => {
    const billing = await h.load({ path: demo.vendor.billing.path, source: 'billing' });
    expect([billing.status, billing.profileId, billing.rowsRejected, billing.trailerRows]).toEqual(['loaded', 'acme-pm-billing', 0, 1]);
    expect(billing.rowsLoaded).toBe(demo.vendor.billing.rows);
    expect(billing.trailerTotal).toBe(billing.loadedTotal);
    const payroll = await h.load({ path: demo.vendor.payroll.path, source: 'payroll' });
    expect([payroll.status, payroll.profileId, payroll.rowsRejected, payroll.trailerRows]).toEqual(['loaded', 'acme-payroll', 0, 1]);
    expect(payroll.trailerTotal).toBe(payroll.loadedTotal);
    const names = await h.rows("SELECT count(*)::INTEGER AS n FROM fact_payroll WHERE employee_name LIKE '%é%' OR employee_name LIKE '%’%'");
    expect(names[0]!.n).toBeGreaterThan(0);
  });
});
