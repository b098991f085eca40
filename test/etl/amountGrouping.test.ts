/**
 * Thousands separators must group the integer digits in threes. Removing every separator
 * wherever it sat read `12,50` as 1250.00, `1,5` as 15.00 and `,100.00` as 100.00, and the record
 * scan's control total (amountText.ts) agreed with the SQL typing (typing.ts), so nothing said
 * so. Both now refuse such text: the scan reads no amount from it and the typing rejects its
 * row, at its line, with a reason that names the column and never the cell. Expected cents,
 * totals, lines and reasons are written by hand here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controlAmount, parseAmountCents, type NumberFormat } from '../../etl/load/amountText.ts';
import { SHIPPED_PROFILES_DIR } from '../../etl/profiles/registry.ts';
import { openHarness, type Harness } from '../helpers/etlHarness.ts';
import { csv, row } from '../helpers/rows.ts';

const US: NumberFormat = { currencySymbol: '$', thousands: ',', decimal: '.', parenNegative: true };
const EU: NumberFormat = { currencySymbol: '€', thousands: '.', decimal: ',', parenNegative: false };

describe('parseAmountCents: thousands separators group the integer digits in threes', () => {
  it("reads well-grouped amounts with ',' between thousands", () => {
    const cases: [string, bigint][] = [
      ['1,234', 123400n],
      ['-1,234.56', -123456n],
      ['(1,234.56)', -123456n],
      ['$1,234,567.00', 123456700n],
      ['+1,000', 100000n],
      ['999,999.99', 99999999n],
      ['1,234.5', 123450n],
      ['$ 12,345.60', 1234560n],
      // No separator at all: not touched by the rule.
      ['12.50', 1250n],
      ['1234567', 123456700n],
    ];
    for (const [text, cents] of cases) expect([text, parseAmountCents(text, US)]).toEqual([text, cents]);
  });

  it("refuses a ',' that does not group in threes", () => {
    const bad = ['12,50', '1,5', '1,23', ',100.00', '100.00,', '1,,000.00', '1234,567', '1,234,56', '1,2345', '$12,50', '-12,50', '(12,50)', '(1,5)', '1,234.56,', '1,234.5,6', ',', '12,50.00'];
    for (const text of bad) expect([text, parseAmountCents(text, US)]).toEqual([text, null]);
  });

  it("reads well-grouped amounts with '.' between thousands and a decimal comma", () => {
    const cases: [string, bigint][] = [
      ['1.234', 123400n],
      ['-1.234,56', -123456n],
      ['€1.234.567,00', 123456700n],
      ['1.234,5', 123450n],
      ['12,50', 1250n],
      ['1234,56', 123456n],
      ['250', 25000n],
    ];
    for (const [text, cents] of cases) expect([text, parseAmountCents(text, EU)]).toEqual([text, cents]);
  });

  it("refuses a '.' that does not group in threes", () => {
    const bad = ['12.50', '1.5', '1.23', '.100,00', '100,00.', '1..000,00', '1234.567', '1.234.56', '€12.50', '-1.5', '1.234,56.'];
    for (const text of bad) expect([text, parseAmountCents(text, EU)]).toEqual([text, null]);
  });

  it("leaves a space or no thousands separator as before: a space is removed wherever it is", () => {
    const space: NumberFormat = { currencySymbol: '', thousands: ' ', decimal: ',', parenNegative: false };
    const none: NumberFormat = { currencySymbol: '', thousands: '', decimal: ',', parenNegative: false };
    expect(parseAmountCents('1 234,56', space)).toBe(123456n);
    expect(parseAmountCents('12 50', space)).toBe(125000n);
    expect(parseAmountCents('1234,56', none)).toBe(123456n);
    expect(parseAmountCents('1.234,56', none)).toBe(null);
  });

  it("the scan's control amount of a one-column record: plain-looking 12.50 is no amount where '.' separates thousands", () => {
    const decode = (b: Buffer): string => b.toString('utf8');
    const cell = (text: string, format: NumberFormat): bigint | null => {
      const buf = Buffer.from(text, 'utf8');
      return controlAmount(buf, [0, buf.length, 0], { columns: [0], format }, decode);
    };
    expect(cell('12.50', EU)).toBe(null);
    expect(cell('1.5', EU)).toBe(null);
    expect(cell('250', EU)).toBe(25000n);
    expect(cell('12,50', EU)).toBe(1250n);
    expect(cell('12.50', US)).toBe(1250n);
    expect(cell('12,50', US)).toBe(null);
  });
});

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

const GROUPING = "not an amount in the profile's number format: its thousands separators do not group the digits in threes";

describe('a billing file with misgrouped thousands separators, through the loader', () => {
  it('rejects each misgrouped amount at its line, loads the rest exactly, and the file total equals the loaded total', async () => {
    // Line 1 is the header; record k is on line k + 1.
    const rows: Record<string, string>[] = [
      { transaction_id: 'G1', amount_usd: '1,234.56' }, // line 2: 1234.56
      { transaction_id: 'B1', amount_usd: '12,50' }, // line 3
      { transaction_id: 'G2', amount_usd: '-1,234.56', txn_type: 'adjustment' }, // line 4: -1234.56
      { transaction_id: 'B2', amount_usd: '1,5' }, // line 5
      { transaction_id: 'G3', amount_usd: '(2,000.10)', txn_type: 'adjustment' }, // line 6: -2000.10
      { transaction_id: 'B3', amount_usd: '1,23' }, // line 7
      { transaction_id: 'G4', amount_usd: '$1,234,567.00' }, // line 8: 1234567.00
      { transaction_id: 'B4', amount_usd: ',100.00' }, // line 9
      { transaction_id: 'G5', amount_usd: '1,234' }, // line 10: 1234.00
      { transaction_id: 'B5', amount_usd: '100.00,' }, // line 11
      { transaction_id: 'G6', amount_usd: '12.50' }, // line 12: 12.50
      { transaction_id: 'B6', amount_usd: '1,,000.00' }, // line 13
      { transaction_id: 'G7', amount_usd: '999' }, // line 14: 999.00
      { transaction_id: 'B7', amount_usd: '1234,567' }, // line 15
      { transaction_id: 'B8', amount_usd: '$12,50' }, // line 16
      { transaction_id: 'G8', amount_usd: '12,345.6' }, // line 17: 12345.60
      { transaction_id: 'B9', amount_usd: '(1,5)' }, // line 18
    ];
    const r = await h.load({ path: h.file('grouping.csv', csv('billing', rows)), source: 'billing' }, { rejectThreshold: 1 });
    // 1234.56 - 1234.56 - 2000.10 + 1234567.00 + 1234.00 + 12.50 + 999.00 + 12345.60 = 1247158.00
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 17, rowsLoaded: 8, rowsRejected: 9, fileTotal: '1247158.00', loadedTotal: '1247158.00' });
    const column = 'amount_usd (amount_usd)';
    expect(r.rejects).toEqual([3, 5, 7, 9, 11, 13, 15, 16, 18].map((line) => ({ line, column, reason: GROUPING })));
    // The reason never quotes the cell.
    for (const x of rows.filter((x) => x.transaction_id!.startsWith('B'))) expect(GROUPING).not.toContain(x.amount_usd);
    expect(await h.rows('SELECT transaction_id AS id, CAST(amount_usd AS VARCHAR) AS amount, source_line::INTEGER AS line FROM fact_billing_txn ORDER BY source_line')).toEqual([
      { id: 'G1', amount: '1234.56', line: 2 },
      { id: 'G2', amount: '-1234.56', line: 4 },
      { id: 'G3', amount: '-2000.10', line: 6 },
      { id: 'G4', amount: '1234567.00', line: 8 },
      { id: 'G5', amount: '1234.00', line: 10 },
      { id: 'G6', amount: '12.50', line: 12 },
      { id: 'G7', amount: '999.00', line: 14 },
      { id: 'G8', amount: '12345.60', line: 17 },
    ]);
  });

  it("does the same where '.' separates thousands and ',' marks decimals: plain-looking 12.50 is rejected, not 1250.00", async () => {
    const p = JSON.parse(readFileSync(join(SHIPPED_PROFILES_DIR, 'canonical-billing.json'), 'utf8'));
    const copy = { ...p, id: 'eu-billing', dialect: { ...p.dialect, delimiter: ';' }, formats: { ...p.formats, number: { currencySymbol: '€', thousands: '.', decimal: ',', parenNegative: false } } };
    h.file('profiles/eu-billing.json', JSON.stringify(copy));
    const amounts: [string, string, string][] = [
      ['E1', '1.234,56', 'charge'], // line 2: 1234.56
      ['E2', '12.50', 'charge'], // line 3
      ['E3', '12,50', 'charge'], // line 4: 12.50
      ['E4', '1.5', 'charge'], // line 5
      ['E5', '€1.234.567,00', 'charge'], // line 6: 1234567.00
      ['E6', '1234.567', 'charge'], // line 7
      ['E7', '-1.000', 'adjustment'], // line 8: -1000.00
      ['E8', '1.23', 'charge'], // line 9
      ['E9', '250', 'charge'], // line 10: 250.00
    ];
    const base = row('billing').split(',');
    const headerCells = csv('billing', []).trim().split(',');
    const lines = amounts.map(([id, amount, type]) => {
      const c = [...base];
      c[headerCells.indexOf('transaction_id')] = id;
      c[headerCells.indexOf('amount_usd')] = amount;
      c[headerCells.indexOf('txn_type')] = type;
      return c.join(';');
    });
    const text = [headerCells.join(';'), ...lines].join('\n') + '\n';
    const r = await h.load({ path: h.file('eu.csv', text), profileId: 'eu-billing' }, { profiles: h.profiles(), rejectThreshold: 1 });
    // 1234.56 + 12.50 + 1234567.00 - 1000.00 + 250.00 = 1235064.06
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 9, rowsLoaded: 5, rowsRejected: 4, fileTotal: '1235064.06', loadedTotal: '1235064.06' });
    expect(r.rejects).toEqual([3, 5, 7, 9].map((line) => ({ line, column: 'amount_usd (amount_usd)', reason: GROUPING })));
    expect(await h.rows('SELECT transaction_id AS id, CAST(amount_usd AS VARCHAR) AS amount FROM fact_billing_txn ORDER BY source_line')).toEqual([
      { id: 'E1', amount: '1234.56' },
      { id: 'E3', amount: '12.50' },
      { id: 'E5', amount: '1234567.00' },
      { id: 'E7', amount: '-1000.00' },
      { id: 'E9', amount: '250.00' },
    ]);
  });
});
