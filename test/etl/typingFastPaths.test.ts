/**
 * The typing statement's fast paths (etl/load/typing.ts) give exactly what the general rule
 * gives: a cell's trimmed text (against `nullif(trim(c), '')` itself, over Unicode spaces and
 * ASCII edges), and the typed value and reason of money, dates and enums on tricky text, against
 * values written by hand (cents, days, the contract's spelling, the reason texts). Two number
 * formats: the canonical one (fast path on) and a European one whose thousands separator is '.',
 * where canonical-looking text such as 12.50 must NOT take the fast path (it is no amount there:
 * its point does not group digits in threes).
 * And the typed table keeps the file's record order when DuckDB reads it in parallel (a record's
 * row number is its line): an expression DuckDB plans as a join would scramble it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvSql } from '../../etl/load/stage.ts';
import { TEST_TIMEZONE } from '../helpers/etlHarness.ts';
import { buildTypedSql, cleanCellSql } from '../../etl/load/typing.ts';
import { hmacPads } from '../../etl/phi/patientKey.ts';
import { SHIPPED_PROFILES_DIR, parseProfile } from '../../etl/profiles/registry.ts';
import { SOURCES } from '../../etl/sources/catalog.ts';

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => conn.closeSync());

const rows = async (sql: string, params: Record<string, string> = {}): Promise<unknown[][]> => (await conn.runAndReadAll(sql, params)).getRowsJS() as unknown[][];
const lit = (s: string | null): string => (s === null ? 'NULL::VARCHAR' : `'${s.replaceAll("'", "''")}'`);

describe('the trimmed-cell fast path', () => {
  it('equals nullif(trim(c), \'\') on blanks, Unicode spaces at either end, control characters and every ASCII edge', async () => {
    const spaces = [' ', '\u00A0', '\u1680', '\u2000', '\u2009', '\u200A', '\u202F', '\u205F', '\u3000'];
    const others = ['\t', '\n', '\r', '\u000B', '\u0085', '\u180E', '\u200B', '\u2028', '\uFEFF', 'é', '€', '😀', '\u007F'];
    const cells: (string | null)[] = [null, '', ' ', '  ', 'a', 'abc', 'T0000000001', '489.00', 'a b', ' a', 'a ', ' a ', '!', '~', '!x~'];
    for (const c of [...spaces, ...others]) cells.push(c, `${c}x`, `x${c}`, `${c}x${c}`, `x${c}y`, c + c);
    for (let b = 1; b < 128; b++) cells.push(`${String.fromCharCode(b)}v`, `v${String.fromCharCode(b)}`);
    const got = await rows(`SELECT c IS NOT DISTINCT FROM x AS same, c, x FROM (SELECT ${cleanCellSql('c')} AS c, nullif(trim(c), '') AS x FROM (SELECT unnest([${cells.map(lit).join(', ')}]) AS c))`);
    expect(got.length).toBe(cells.length);
    expect(got.filter((r) => r[0] !== true)).toEqual([]);
    // And by hand: spaces of category Zs go at both ends, a tab or a zero-width space stays, blank is NULL.
    const hand = await rows(`SELECT ${['  ', ' a\u3000', '\u00A0b ', '\tc', 'd\u200B', 'e'].map((c) => cleanCellSql(lit(c))).join(', ')}`);
    expect(hand[0]).toEqual([null, 'a', 'b', '\tc', 'd\u200B', 'e']);
  });
});

const canonical = (): Record<string, unknown> => JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-billing.json'), 'utf8')) as Record<string, unknown>;

/** The billing typing statement over rows that differ from a clean row in the named cells (c11 post date, c12 type, c13 amount). */
async function typedBilling(profileJson: Record<string, unknown>, cells: { c10?: string; c11?: string; c12?: string; c13?: string; c7?: string }[]): Promise<{ amount: string | null; post: string | null; type: string | null; payerClass: string | null; errs: string }[]> {
  const profile = parseProfile(JSON.stringify(profileJson), 'test.json');
  const spec = SOURCES.billing;
  const header = spec.fields.map((f) => f.name);
  const fieldColumns = new Map(header.map((n, i) => [n, [i]] as const));
  const base = ['T1', 'C1', '1', 'P1', 'PRV1', 'LOC', 'PAY', 'commercial', '99213', '1', '2026-10-01', '2026-10-02', 'charge', '10.00', '', '', ''];
  const values = cells.map((o) => {
    const r = [...base];
    for (const [k, v] of Object.entries(o)) r[Number(k.slice(1))] = v;
    return `(${r.map(lit).join(', ')})`;
  });
  const readSql = `SELECT * FROM (VALUES ${values.join(', ')}) v(${header.map((_, i) => `c${i}`).join(', ')})`;
  const typed = buildTypedSql(spec, profile, fieldColumns, header.length, readSql, header.map((_, i) => i), { timezone: TEST_TIMEZONE });
  await conn.run('DROP TABLE IF EXISTS typed');
  await conn.run(typed.createTyped, { trailer_re: '$^', ...hmacPads(Buffer.alloc(32, 1)) });
  const out = await rows('SELECT CAST(amount_usd AS VARCHAR), CAST(post_date AS VARCHAR), txn_type, payer_class, errs FROM typed ORDER BY rowid');
  return out.map((r) => ({ amount: r[0] as string | null, post: r[1] as string | null, type: r[2] as string | null, payerClass: r[3] as string | null, errs: r[4] as string }));
}

describe('money, dates and enums with and without their fast paths', () => {
  it('types amounts in the canonical number format exactly as the rule says', async () => {
    const cases: [string, string | null, string][] = [
      ['489.00', '489.00', ''],
      ['-12.50', '-12.50', ''],
      ['0.00', '0.00', ''],
      ['-0.00', '0.00', ''],
      ['+5.00', '5.00', ''],
      ['05.00', '5.00', ''],
      ['12.5', '12.50', ''],
      ['12', '12.00', ''],
      ['1,234.56', '1234.56', ''],
      ['(1,234.56)', '-1234.56', ''],
      // A thousands separator that does not group in threes: no amount (it read as 1250.00 and 100.00).
      ['12,50', null, "amount_usd|not an amount in the profile's number format: its thousands separators do not group the digits in threes"],
      [',100.00', null, "amount_usd|not an amount in the profile's number format: its thousands separators do not group the digits in threes"],
      ['1,234.567', null, 'amount_usd|has more than 2 decimals'],
      ['$10.00', '10.00', ''],
      ['(45.00)', '-45.00', ''],
      ['1.005', null, 'amount_usd|has more than 2 decimals'],
      ['1e3', null, "amount_usd|not an amount in the profile's number format"],
      ['.50', null, "amount_usd|not an amount in the profile's number format"],
      ['12.', null, "amount_usd|not an amount in the profile's number format"],
      ['99999999999999999.00', null, 'amount_usd|is too large: at most 16 digits before the decimal mark'],
      ['100000000.00', '100000000.00', 'amount_usd|is implausibly large (100,000,000 or more)'],
    ];
    const got = await typedBilling(canonical(), cases.map(([c13]) => ({ c13 })));
    expect(got.map((g) => [g.amount, g.errs])).toEqual(cases.map(([, amount, errs]) => [amount, errs]));
  });

  it('rejects 12.50 where the thousands separator is a point (no fast path; a point not grouping in threes is no amount), and reads 12,50 as 12.50', async () => {
    const p = canonical();
    p.formats = { ...(p.formats as object), number: { currencySymbol: '€', thousands: '.', decimal: ',', parenNegative: false } };
    const got = await typedBilling(p, [{ c13: '12.50' }, { c13: '12,50' }, { c13: '1.234,56' }, { c13: '-0,5' }, { c13: '1.234' }]);
    expect(got.map((g) => g.amount)).toEqual([null, '12.50', '1234.56', '-0.50', '1234.00']);
    expect(got[0]!.errs).toBe("amount_usd|not an amount in the profile's number format: its thousands separators do not group the digits in threes");
  });

  it('types ISO dates through the fast path and everything else by the pinned format', async () => {
    const cases: [string, string | null][] = [
      ['2026-10-02', '2026-10-02'],
      ['2024-02-29', '2024-02-29'],
      ['2026-1-02', '2026-01-02'],
      ['2026-02-30', null],
      ['20261002', null],
      ['10/02/2026', null],
      ['2026-10-02 00:00:00', null],
      ['0999-12-31', '0999-12-31'],
    ];
    const got = await typedBilling(canonical(), cases.map(([c11]) => ({ c10: '1900-01-01', c11 })));
    expect(got.map((g) => g.post)).toEqual(cases.map(([, d]) => d));
    expect(got[3]!.errs).toBe('post_date|not a date in the format %Y-%m-%d');
    // Typed either way, and then rejected: the year 999 is outside the years a date may have.
    expect(got[7]!.errs.split('\n')[0]).toBe('post_date|is outside the years 1900 to 2199: a two-digit year read as four digits? (the format is %Y-%m-%d; %y reads two digits)');
  });

  it('spells enum values as the contract does, whatever their case, after the value map', async () => {
    const p = canonical();
    p.valueMaps = { txn_type: { CHG: 'charge', pmt: 'payment' } };
    const got = await typedBilling(p, [
      { c12: 'charge', c7: 'medicare' },
      { c12: 'CHARGE', c7: 'Medicare' },
      { c12: 'CHG', c7: 'SELF_PAY' },
      { c12: 'pmt', c7: 'self_pay' },
      { c12: 'Refund', c7: 'other' },
      { c12: 'chg', c7: 'cash' },
    ]);
    expect(got.map((g) => [g.type, g.payerClass])).toEqual([
      ['charge', 'medicare'],
      ['charge', 'medicare'],
      ['charge', 'self_pay'],
      ['payment', 'self_pay'],
      ['refund', 'other'],
      ['chg', 'cash'],
    ]);
    expect(got[5]!.errs).toBe('payer_class|not one of commercial, medicare, medicaid, self_pay, workers_comp, other\ntxn_type|not one of charge, payment, adjustment, refund, transfer');
  });
});

describe('record order', () => {
  // The smallest file found (DuckDB 1.5, 4 threads) on which the bug this guards shows: with the
  // enum fast path's list_contains in etl/load/typing.ts `folded` put back to an IN list (which
  // DuckDB plans as a join), 400,000 records of about 200 bytes (80 MB) come out with every
  // record misplaced, checked three times on 2026-12-01. Both the count and the bytes matter:
  // order held at 250,000 records of 400 bytes, at 500,000 of 78 bytes (39 MB) and at 300,000
  // of 158 bytes (47 MB); it broke at 300,000 of 320 bytes, 400,000 of 158 and 750,000 of 78.
  // (The test used 1,000,000 records of 78 bytes before: twice the typing work.)
  it('keeps every record at its row number when DuckDB reads a file of several row groups in parallel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-typing-order-'));
    try {
      const n = 400_000;
      const classes = ['commercial', 'Medicare', 'medicaid', 'SELF_PAY', 'workers_comp', 'other', 'cash'];
      // A long location id makes the file as large as the record count alone would not (see above).
      const location = `LOC-${'0123456789'.repeat(12)}`;
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(`T${i},C${i},1,P${i % 977}, PRV1 ,${location},PAY,${classes[i % 7]},99213,1,2026-10-01,2026-10-02,${i % 3 ? 'charge' : 'Payment'},${i}.00,patient,,`);
      const file = join(dir, 'ledger.csv');
      writeFileSync(file, lines.join('\n') + '\n');
      const profile = parseProfile(JSON.stringify(canonical()), 'test.json');
      const header = SOURCES.billing.fields.map((f) => f.name);
      const typed = buildTypedSql(SOURCES.billing, profile, new Map(header.map((h, i) => [h, [i]] as const)), header.length, readCsvSql(header.length, 0), header.map((_, i) => i), { timezone: TEST_TIMEZONE });
      await conn.run('DROP TABLE IF EXISTS typed');
      await conn.run('SET threads = 4');
      await conn.run(typed.createTyped, { path: file, trailer_re: '$^', ...hmacPads(Buffer.alloc(32, 1)) });
      // Record k (row number k - 1) is T{k-1} with amount k - 1, whatever thread typed it.
      const [[count, misplaced, rejected]] = (await rows("SELECT count(*), count(*) FILTER (transaction_id <> 'T' || rowid OR amount_usd <> rowid), count(*) FILTER (errs <> '') FROM typed")) as [[bigint, bigint, bigint]];
      // Rejected: the 'cash' payer class, records 7, 14, ... (i = 6 mod 7): 57,142 of them below 400,000.
      expect([Number(count), Number(misplaced), Number(rejected)]).toEqual([n, 0, 57_142]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
